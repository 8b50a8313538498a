//! The inputs of an account health summary gathered in one struct: usage and its trend,
//! support tickets and their tone, contracts and the next renewal, churn risk, expansion
//! readiness and the competitors in the conversation — what "give me a health summary of
//! `<account>`" is written from.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::churn::ChurnScore;
use super::churn_features::{UsageWeek, usage_trend, utilisation, weeks_before};
use super::expansion::ExpansionScore;

/// A contract in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractInput {
    /// Contract id.
    pub contract_id: String,
    /// ARR in dollars.
    pub arr: i64,
    /// Licensed seats.
    pub seats: i64,
    /// Renewal date.
    pub renewal_date: NaiveDate,
}

/// A support ticket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TicketInput {
    /// Day opened.
    pub opened_on: NaiveDate,
    /// Day closed, if resolved.
    pub closed_on: Option<NaiveDate>,
    /// Sentiment in [−1, 1].
    pub sentiment: f64,
}

/// Everything the summary is gathered from.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthInputs<'a> {
    /// The account.
    pub account_id: &'a str,
    /// The day the summary describes.
    pub as_of: NaiveDate,
    /// Weekly usage (any order).
    pub usage: &'a [UsageWeek],
    /// Tickets (any order).
    pub tickets: &'a [TicketInput],
    /// Contracts in force.
    pub contracts: &'a [ContractInput],
    /// Competitor names mentioned in the account's recent texts (one entry per mention).
    pub competitor_mentions: &'a [&'a str],
    /// The account's churn score, if scored.
    pub churn: Option<&'a ChurnScore>,
    /// The account's expansion score, if scored.
    pub expansion: Option<&'a ExpansionScore>,
}

/// Usage part of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct UsageHealth {
    /// Active users in the last complete week.
    pub active_users: f64,
    /// Seats licensed in the last complete week.
    pub licensed_seats: f64,
    /// Utilisation over the last four weeks.
    pub seat_utilisation: f64,
    /// Relative change of active users over the last twelve weeks.
    pub trend: f64,
}

/// Ticket part of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TicketHealth {
    /// Tickets opened in the 90 days before the as-of day.
    pub opened_last_90_days: u32,
    /// Tickets still open on the as-of day.
    pub open: u32,
    /// Mean sentiment of the tickets opened in those 90 days (`None` without any).
    pub mean_sentiment: Option<f64>,
}

/// Contract part of the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractHealth {
    /// Contract id.
    pub contract_id: String,
    /// ARR in dollars.
    pub arr: i64,
    /// Seats.
    pub seats: i64,
    /// Renewal date.
    pub renewal_date: NaiveDate,
    /// Days from the as-of day to the renewal.
    pub days_to_renewal: i64,
}

/// The gathered health summary inputs of one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountHealth {
    /// The account.
    pub account_id: String,
    /// The day described.
    pub as_of: NaiveDate,
    /// Usage, when any week has been recorded.
    pub usage: Option<UsageHealth>,
    /// Tickets.
    pub tickets: TicketHealth,
    /// Contracts, soonest renewal first.
    pub contracts: Vec<ContractHealth>,
    /// Total ARR of the contracts.
    pub total_arr: i64,
    /// Churn score.
    pub churn: Option<ChurnScore>,
    /// Expansion score.
    pub expansion: Option<ExpansionScore>,
    /// Competitors mentioned, most mentioned first (ties by name).
    pub competitors: Vec<(String, u32)>,
}

/// Gathers the summary.
pub fn account_health(inputs: &HealthInputs<'_>) -> AccountHealth {
    let weeks = weeks_before(inputs.usage, inputs.as_of);
    let usage = weeks.last().map(|last| UsageHealth {
        active_users: last.active_users,
        licensed_seats: last.licensed_seats,
        seat_utilisation: utilisation(&weeks, 4),
        trend: usage_trend(&weeks, 12),
    });
    let mut contracts: Vec<ContractHealth> = inputs
        .contracts
        .iter()
        .map(|c| ContractHealth {
            contract_id: c.contract_id.clone(),
            arr: c.arr,
            seats: c.seats,
            renewal_date: c.renewal_date,
            days_to_renewal: (c.renewal_date - inputs.as_of).num_days(),
        })
        .collect();
    contracts.sort_by(|a, b| {
        a.renewal_date
            .cmp(&b.renewal_date)
            .then_with(|| a.contract_id.cmp(&b.contract_id))
    });
    AccountHealth {
        account_id: inputs.account_id.to_string(),
        as_of: inputs.as_of,
        usage,
        tickets: ticket_health(inputs.tickets, inputs.as_of),
        total_arr: contracts.iter().map(|c| c.arr).sum(),
        contracts,
        churn: inputs.churn.cloned(),
        expansion: inputs.expansion.cloned(),
        competitors: competitor_counts(inputs.competitor_mentions),
    }
}

fn ticket_health(tickets: &[TicketInput], as_of: NaiveDate) -> TicketHealth {
    let recent: Vec<f64> = tickets
        .iter()
        .filter(|t| t.opened_on <= as_of && (as_of - t.opened_on).num_days() < 90)
        .map(|t| t.sentiment)
        .collect();
    let open = tickets
        .iter()
        .filter(|t| t.opened_on <= as_of && t.closed_on.is_none_or(|c| c > as_of))
        .count();
    TicketHealth {
        opened_last_90_days: recent.len() as u32,
        open: open as u32,
        mean_sentiment: crate::stats::mean(&recent),
    }
}

fn competitor_counts(mentions: &[&str]) -> Vec<(String, u32)> {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for m in mentions {
        *counts.entry(m).or_default() += 1;
    }
    let mut out: Vec<(String, u32)> = counts
        .into_iter()
        .map(|(n, c)| (n.to_string(), c))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 6).unwrap() + chrono::Duration::days(n)
    }

    #[test]
    fn the_summary_gathers_every_part() {
        let usage: Vec<UsageWeek> = (0..6)
            .map(|i| UsageWeek {
                week_start: day(7 * i),
                active_users: 40.0 + 2.0 * i as f64,
                licensed_seats: 50.0,
            })
            .collect();
        let tickets = [
            TicketInput {
                opened_on: day(10),
                closed_on: Some(day(12)),
                sentiment: -0.4,
            },
            TicketInput {
                opened_on: day(30),
                closed_on: None,
                sentiment: 0.2,
            },
            TicketInput {
                opened_on: day(50),
                closed_on: None,
                sentiment: 0.9,
            },
        ];
        let contracts = [
            ContractInput {
                contract_id: "K-2".into(),
                arr: 30_000,
                seats: 20,
                renewal_date: day(300),
            },
            ContractInput {
                contract_id: "K-1".into(),
                arr: 70_000,
                seats: 30,
                renewal_date: day(100),
            },
        ];
        let health = account_health(&HealthInputs {
            account_id: "ACC-1",
            as_of: day(42),
            usage: &usage,
            tickets: &tickets,
            contracts: &contracts,
            competitor_mentions: &["Vantora", "Corvalis", "Vantora"],
            churn: None,
            expansion: None,
        });
        let u = health.usage.unwrap();
        assert_eq!(u.active_users, 50.0);
        assert_eq!(health.tickets.opened_last_90_days, 2);
        assert_eq!(health.tickets.open, 1);
        assert!((health.tickets.mean_sentiment.unwrap() + 0.1).abs() < 1e-12);
        assert_eq!(health.contracts[0].contract_id, "K-1");
        assert_eq!(health.contracts[0].days_to_renewal, 58);
        assert_eq!(health.total_arr, 100_000);
        assert_eq!(
            health.competitors,
            [("Vantora".to_string(), 2), ("Corvalis".to_string(), 1)]
        );
    }
}
