//! The caller's scoped records regrouped per deal, each history in time order, so every
//! forecast tool can read a deal *as of* an instant (only records stamped strictly before it
//! count) and hand the analytics their [`DealRecord`] — built once per dataset and cached with
//! the model (see [`super::cache`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use revpulse_analytics::forecast::DealRecord;
use revpulse_analytics::win_probability::Segment;
use revpulse_graph::model::{
    ActivityKind, AmountChange, BuyingRole, CloseDateChange, CompanyDataset,
    ForecastCategoryChange, Opportunity, OpportunityContact, StageChange, UserRole,
};

use super::deal_assembly::{deal_entries, owner_closes, touches_by_account};

/// One call, email or meeting on a deal, with what its words say.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DealActivity {
    /// Activity id.
    pub id: String,
    /// Call, email or meeting.
    pub kind: ActivityKind,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Buyer contacts who took part.
    pub contact_ids: Vec<String>,
    /// Subject or meeting title.
    pub subject: String,
    /// Competitors named in it.
    pub competitors: Vec<String>,
    /// Passages where the buyer pushed on price.
    pub pricing_pressure: u32,
    /// Whether price, discount or a quote came up at all.
    pub pricing_discussed: bool,
}

/// Everything recorded about one deal, in time order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DealEntry {
    /// The current record.
    pub opportunity: Opportunity,
    /// The buying account's size band.
    pub segment: Segment,
    /// The buying account's region.
    pub region_id: String,
    /// Stage history.
    pub stages: Vec<StageChange>,
    /// Amount history.
    pub amounts: Vec<AmountChange>,
    /// Close-date history.
    pub closes: Vec<CloseDateChange>,
    /// Forecast-call history.
    pub categories: Vec<ForecastCategoryChange>,
    /// Activities about the deal.
    pub activities: Vec<DealActivity>,
    /// The buying committee.
    pub committee: Vec<OpportunityContact>,
    /// The history in the analytics' terms (days, not instants).
    pub record: DealRecord,
    /// When it closed and whether it was won; `None` while open.
    pub closed: Option<(DateTime<Utc>, bool)>,
}

impl DealEntry {
    /// When the deal was created (its first stage record).
    pub fn created_at(&self) -> Option<DateTime<Utc>> {
        self.stages.first().map(|c| c.at)
    }

    /// Whether the deal was open at `at`: created before it and not closed before it.
    pub fn open_at(&self, at: DateTime<Utc>) -> bool {
        self.created_at().is_some_and(|c| c < at) && self.closed.is_none_or(|(t, _)| t >= at)
    }

    /// Whether the deal counts toward bookings and quota (renewals follow the customer motion).
    pub fn is_bookings(&self) -> bool {
        self.opportunity.deal_type != "renewal"
    }

    /// The contacts with the exec-sponsor role.
    pub fn exec_sponsors(&self) -> impl Iterator<Item = &str> {
        self.committee
            .iter()
            .filter(|c| c.role == BuyingRole::ExecSponsor)
            .map(|c| c.contact_id.as_str())
    }
}

/// Name and facts of an account the deals are with.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AccountFacts {
    /// Display name.
    pub name: String,
}

/// A quota-carrying rep (managers' and VPs' quotas roll their reps' up, so only reps count).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RepQuota {
    /// User id.
    pub user_id: String,
    /// Home region.
    pub region_id: Option<String>,
    /// Quarterly bookings quota in dollars.
    pub quarterly_quota: i64,
}

/// The scoped company, per deal.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct DealBook {
    /// Every visible deal, by id.
    pub deals: BTreeMap<String, DealEntry>,
    /// Accounts by id.
    pub accounts: BTreeMap<String, AccountFacts>,
    /// User names by id.
    pub users: BTreeMap<String, String>,
    /// Campaign-touch instants on each account's leads, sorted.
    pub touches_by_account: BTreeMap<String, Vec<DateTime<Utc>>>,
    /// Each owner's closed deals: (closed at, won), sorted.
    pub owner_closes: BTreeMap<String, Vec<(DateTime<Utc>, bool)>>,
    /// The visible quota-carrying reps.
    pub reps: Vec<RepQuota>,
    /// Every region id of the company (regions themselves are not scoped).
    pub regions: BTreeSet<String>,
    /// Competitors' canonical names.
    pub competitors: BTreeSet<String>,
}

impl DealBook {
    /// Regroups a scoped dataset.
    pub fn new(ds: &CompanyDataset) -> Self {
        let deals = deal_entries(ds);
        let owner_closes = owner_closes(&deals);
        Self {
            deals,
            accounts: ds
                .accounts
                .iter()
                .map(|a| {
                    (
                        a.id.clone(),
                        AccountFacts {
                            name: a.name.clone(),
                        },
                    )
                })
                .collect(),
            users: ds
                .users
                .iter()
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect(),
            touches_by_account: touches_by_account(ds),
            owner_closes,
            reps: ds
                .users
                .iter()
                .filter(|u| u.role == UserRole::Rep && u.quarterly_quota > 0)
                .map(|u| RepQuota {
                    user_id: u.id.clone(),
                    region_id: u.region_id.clone(),
                    quarterly_quota: u.quarterly_quota,
                })
                .collect(),
            regions: ds.regions.iter().map(|r| r.id.clone()).collect(),
            competitors: ds.competitors.iter().map(|c| c.name.clone()).collect(),
        }
    }

    /// A deal by id.
    pub fn deal(&self, id: &str) -> Option<&DealEntry> {
        self.deals.get(id)
    }

    /// An account's name (its id when the account is not visible).
    pub fn account_name(&self, id: &str) -> String {
        self.accounts
            .get(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    }

    /// The deal's competitor by catalogue name: the one the rep recorded, else the first named
    /// in its activities; `None` when neither is a known competitor.
    pub fn competitor_of(&self, deal: &DealEntry) -> Option<String> {
        let recorded = deal.opportunity.primary_competitor.iter();
        let mentioned = deal.activities.iter().flat_map(|a| a.competitors.iter());
        recorded
            .chain(mentioned)
            .find(|c| self.competitors.contains(*c))
            .cloned()
    }

    /// A user's name (their id when unknown).
    pub fn user_name(&self, id: &str) -> String {
        self.users.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }
}
