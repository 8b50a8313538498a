//! The caller's customers indexed once per call: each visible account with its contracts,
//! weekly usage, tickets, days of executive engagement and competitor mentions after the sale —
//! the raw signals the churn, expansion and health computations cut as of a day. Everything is
//! read from stored fields (a read-back from the graph carries no ticket comments or call
//! turns, so nothing here depends on conversation text).

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, NaiveDate};
use revpulse_analytics::competitive::churn_features::{AccountSignals, TicketSignal, UsageWeek};
use revpulse_graph::model::{
    Account, Activity, ActivityKind, CompanyDataset, Contract, Opportunity, Ticket,
};

/// Weeks of usage a trend is measured over ("active users down 34% over 8 weeks").
pub(crate) const TREND_WEEKS: usize = 8;
/// Weeks of usage seat utilisation is averaged over.
pub(crate) const UTILISATION_WEEKS: usize = 4;
/// Days of tickets, mentions and customer voice the signals look back over.
pub(crate) const SIGNAL_DAYS: i64 = 180;

/// One visible account and everything recorded about it after (and around) the sale.
#[derive(Debug, Clone)]
pub(crate) struct CustomerRecords<'a> {
    /// The account.
    pub account: &'a Account,
    /// Its contracts, by renewal date then id.
    pub contracts: Vec<&'a Contract>,
    /// Weekly usage, oldest first.
    pub usage: Vec<UsageWeek>,
    /// Its tickets, by opening time then id.
    pub tickets: Vec<&'a Ticket>,
    /// Days a customer executive joined a post-sale call or meeting, oldest first.
    pub exec_days: Vec<NaiveDate>,
    /// Competitors named in post-sale conversations: (day, competitor), oldest first.
    pub competitor_mentions: Vec<(NaiveDate, &'a str)>,
    /// Its visible activities, oldest first.
    pub activities: Vec<&'a Activity>,
    /// Its visible deals, by id.
    pub deals: Vec<&'a Opportunity>,
}

impl CustomerRecords<'_> {
    /// Contracts in force on `day` (started, renewal not yet passed).
    pub fn in_force(&self, day: NaiveDate) -> impl Iterator<Item = &Contract> + '_ {
        self.contracts
            .iter()
            .copied()
            .filter(move |c| c.start_date <= day && day <= c.renewal_date)
    }

    /// ARR of the contracts in force on `day`: the plain sum, whole dollars.
    pub fn arr_on(&self, day: NaiveDate) -> i64 {
        self.in_force(day).map(|c| c.arr).sum()
    }

    /// The next renewal date of a contract in force on `day`.
    pub fn next_renewal(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.in_force(day).map(|c| c.renewal_date).min()
    }

    /// Whether the account is a customer on `day` (some contract in force).
    pub fn is_customer(&self, day: NaiveDate) -> bool {
        self.in_force(day).next().is_some()
    }

    /// The churn model's raw signals (the feature computation ignores anything on or after
    /// its as-of day, so the whole history is handed over).
    pub fn churn_signals(&self) -> AccountSignals {
        AccountSignals {
            usage: self.usage.clone(),
            tickets: self
                .tickets
                .iter()
                .map(|t| TicketSignal {
                    opened_on: t.opened_at.date_naive(),
                    sentiment: t.sentiment,
                })
                .collect(),
            exec_engagements: self.exec_days.clone(),
            displacement_mentions: self.competitor_mentions.iter().map(|m| m.0).collect(),
        }
    }

    /// Tickets opened in the `days` before `as_of` (as-of day excluded), like the features.
    pub fn tickets_before(&self, as_of: NaiveDate, days: i64) -> Vec<&Ticket> {
        self.tickets
            .iter()
            .copied()
            .filter(|t| within(t.opened_at.date_naive(), as_of, days))
            .collect()
    }

    /// The last executive engagement before `as_of`.
    pub fn last_exec_before(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.exec_days.iter().copied().filter(|d| *d < as_of).max()
    }

    /// Competitor mentions in the `days` before `as_of`.
    pub fn mentions_before(&self, as_of: NaiveDate, days: i64) -> Vec<&str> {
        self.competitor_mentions
            .iter()
            .filter(|(d, _)| within(*d, as_of, days))
            .map(|(_, name)| *name)
            .collect()
    }
}

/// Whether `day` falls in the `days` before `as_of` (as-of day excluded).
pub(crate) fn within(day: NaiveDate, as_of: NaiveDate, days: i64) -> bool {
    day < as_of && (as_of - day).num_days() <= days
}

/// The day after `today`: signals "as of" it include everything that happened today.
pub(crate) fn after(today: NaiveDate) -> NaiveDate {
    today + Duration::days(1)
}

/// Every visible account's records, by account id.
pub(crate) struct CustomerBook<'a> {
    accounts: BTreeMap<&'a str, CustomerRecords<'a>>,
}

impl<'a> CustomerBook<'a> {
    /// Indexes `company`.
    pub fn new(company: &'a CompanyDataset) -> Self {
        let mut accounts: BTreeMap<&str, CustomerRecords<'a>> = company
            .accounts
            .iter()
            .map(|a| (a.id.as_str(), empty(a)))
            .collect();
        for c in &company.contracts {
            if let Some(r) = accounts.get_mut(c.account_id.as_str()) {
                r.contracts.push(c);
            }
        }
        for u in &company.usage {
            if let Some(r) = accounts.get_mut(u.account_id.as_str()) {
                r.usage.push(UsageWeek {
                    week_start: u.week_start,
                    active_users: u.active_users as f64,
                    licensed_seats: u.licensed_seats as f64,
                });
            }
        }
        for t in &company.tickets {
            if let Some(r) = accounts.get_mut(t.account_id.as_str()) {
                r.tickets.push(t);
            }
        }
        for o in &company.opportunities {
            if let Some(r) = accounts.get_mut(o.account_id.as_str()) {
                r.deals.push(o);
            }
        }
        index_conversations(company, &mut accounts);
        for r in accounts.values_mut() {
            r.contracts
                .sort_by(|a, b| (a.renewal_date, &a.id).cmp(&(b.renewal_date, &b.id)));
            r.usage.sort_by_key(|w| w.week_start);
            r.tickets
                .sort_by(|a, b| (a.opened_at, &a.id).cmp(&(b.opened_at, &b.id)));
            r.deals.sort_by(|a, b| a.id.cmp(&b.id));
            r.activities
                .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
            r.exec_days.sort();
            r.competitor_mentions.sort();
        }
        Self { accounts }
    }

    /// One account, when visible.
    pub fn account(&self, id: &str) -> Option<&CustomerRecords<'a>> {
        self.accounts.get(id)
    }

    /// Every visible account, by id.
    pub fn accounts(&self) -> impl Iterator<Item = &CustomerRecords<'a>> {
        self.accounts.values()
    }
}

fn empty(account: &Account) -> CustomerRecords<'_> {
    CustomerRecords {
        account,
        contracts: Vec::new(),
        usage: Vec::new(),
        tickets: Vec::new(),
        exec_days: Vec::new(),
        competitor_mentions: Vec::new(),
        activities: Vec::new(),
        deals: Vec::new(),
    }
}

/// Activities, executive engagement and competitor mentions. Engagement and mentions count
/// only after the sale: customer-success activities and renewal or expansion deals (calls of a
/// new-business deal are the sale itself). Executives are contacts of the `executive` persona;
/// emails are not engagement.
fn index_conversations<'a>(
    company: &'a CompanyDataset,
    accounts: &mut BTreeMap<&'a str, CustomerRecords<'a>>,
) {
    let execs: HashSet<&str> = company
        .contacts
        .iter()
        .filter(|c| c.persona == "executive")
        .map(|c| c.id.as_str())
        .collect();
    let new_business: HashSet<&str> = company
        .opportunities
        .iter()
        .filter(|o| o.deal_type == "new_business")
        .map(|o| o.id.as_str())
        .collect();
    for a in &company.activities {
        let Some(r) = accounts.get_mut(a.account_id.as_str()) else {
            continue;
        };
        r.activities.push(a);
        let sale = a
            .opportunity_id
            .as_deref()
            .is_some_and(|o| new_business.contains(o));
        if sale {
            continue;
        }
        let day = a.at.date_naive();
        if a.kind != ActivityKind::Email && a.contact_ids.iter().any(|c| execs.contains(c.as_str()))
        {
            r.exec_days.push(day);
        }
        for name in &a.competitors_mentioned {
            r.competitor_mentions.push((day, name.as_str()));
        }
    }
}
