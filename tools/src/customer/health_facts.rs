//! The measured parts of an account health summary — usage and its trend, tickets and their
//! tone — and the facts the verdict in [`super::health`] is judged on, read from one account's
//! records as of the end of today.

use chrono::NaiveDate;
use revpulse_analytics::competitive::churn_features::{usage_trend, utilisation, weeks_before};

use super::account_health::{TicketSummary, UsageSummary};
use super::book::{CustomerRecords, TREND_WEEKS, UTILISATION_WEEKS, after};
use super::health::HealthFacts;
use super::signals::{exec_words, usage_words, utilisation_words};

/// Days of tickets the summary counts.
const TICKET_DAYS: i64 = 90;

/// Usage as of the end of today; `None` when no complete week is recorded.
pub(crate) fn usage(records: &CustomerRecords<'_>, today: NaiveDate) -> Option<UsageSummary> {
    let weeks = weeks_before(&records.usage, after(today));
    let last = weeks.last()?;
    Some(UsageSummary {
        week_start: last.week_start,
        active_users: last.active_users as i64,
        licensed_seats: last.licensed_seats as i64,
        utilisation_rate: utilisation(&weeks, UTILISATION_WEEKS),
        trend_rate: usage_trend(&weeks, TREND_WEEKS),
        trend_weeks: weeks.len().min(TREND_WEEKS),
    })
}

/// Tickets open at the end of today and opened in the last 90 days (today included).
pub(crate) fn tickets(records: &CustomerRecords<'_>, today: NaiveDate) -> TicketSummary {
    let open = records
        .tickets
        .iter()
        .filter(|t| {
            t.opened_at.date_naive() <= today && t.closed_at.is_none_or(|c| c.date_naive() > today)
        })
        .count();
    let recent = records.tickets_before(after(today), TICKET_DAYS);
    let negative = recent.iter().filter(|t| t.sentiment < 0.0).count();
    TicketSummary {
        open,
        last_90_days: recent.len(),
        negative_share: (!recent.is_empty()).then(|| negative as f64 / recent.len() as f64),
    }
}

/// What the verdict is judged on, with `churn_probability` when the account was scored.
pub(crate) fn facts(
    records: &CustomerRecords<'_>,
    today: NaiveDate,
    churn_probability: Option<f64>,
) -> HealthFacts {
    let as_of = after(today);
    let weeks = weeks_before(&records.usage, as_of);
    let ticket_summary = tickets(records, today);
    let negative = ticket_summary.negative_share.map_or(0, |s| {
        (s * ticket_summary.last_90_days as f64).round() as usize
    });
    HealthFacts {
        churn_probability,
        usage_trend: (weeks.len() >= 3).then(|| {
            (
                usage_trend(&weeks, TREND_WEEKS),
                usage_words(records, as_of),
            )
        }),
        utilisation: (!weeks.is_empty()).then(|| {
            (
                utilisation(&weeks, UTILISATION_WEEKS),
                utilisation_words(records, as_of),
            )
        }),
        tickets_90: (ticket_summary.last_90_days, negative),
        exec_gap: records.is_customer(today).then(|| {
            (
                records
                    .last_exec_before(as_of)
                    .map(|d| (today - d).num_days()),
                exec_words(records, as_of),
            )
        }),
    }
}
