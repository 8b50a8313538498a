//! A restricted caller's fence: everything outside their scope by the graph's in-memory rule
//! ([`RecordScope::filter`]) — record ids, account and deal names, and the totals of what they
//! cannot see (other regions' pipeline, bookings and ARR, the company's) — so a leak of any of
//! them through an answer can be found.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use revpulse_graph::model::{CompanyDataset, RecordScope};

use super::facts::{FactInputs, FactName, FactSpec, FactValue};
use super::history::DealLedger;
use super::placeholders::{EntityKind, Picked, Picks};

/// The totals checked for leaks, per region and company-wide.
const FENCED_TOTALS: [FactName; 4] = [
    FactName::OpenPipelineTotal,
    FactName::QuarterClosedWon,
    FactName::WonRevenueThisYear,
    FactName::ArrTotal,
];

/// Totals smaller than this are too common to tell a leak from a coincidence.
const MIN_FENCED_TOTAL: i64 = 10_000;

/// What a restricted caller must never be shown.
#[derive(Debug, Default)]
pub struct ScopeFence {
    /// Ids of records outside the scope.
    pub ids: HashSet<String>,
    /// Names of accounts and deals outside the scope (not shared with a visible one).
    pub names: BTreeSet<String>,
    /// (what, value) of totals over records outside the scope.
    pub totals: Vec<(String, i64)>,
    /// Amounts the caller may legitimately see (visible deals and contracts, own totals).
    pub own_amounts: HashSet<i64>,
}

impl ScopeFence {
    /// The fence of `scope` over `full`; `None` for an unrestricted scope.
    pub fn new(
        scope: &RecordScope,
        full: &CompanyDataset,
        ledger: &DealLedger,
        today: NaiveDate,
    ) -> Option<Self> {
        if scope.is_everything() {
            return None;
        }
        let visible = scope.filter(full);
        let mut fence = Self::default();
        macro_rules! fence_ids {
            ($($field:ident),*) => {$(
                let seen: HashSet<&str> = visible.$field.iter().map(|r| r.id.as_str()).collect();
                fence.ids.extend(full.$field.iter().filter(|r| !seen.contains(r.id.as_str())).map(|r| r.id.clone()));
            )*};
        }
        fence_ids!(
            accounts,
            opportunities,
            contracts,
            tickets,
            activities,
            transcripts,
            campaigns,
            leads,
            contacts
        );
        let visible_names: HashSet<&str> = visible
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .chain(visible.opportunities.iter().map(|o| o.name.as_str()))
            .collect();
        let hidden_names = full
            .accounts
            .iter()
            .filter(|a| fence.ids.contains(&a.id))
            .map(|a| &a.name)
            .chain(
                full.opportunities
                    .iter()
                    .filter(|o| fence.ids.contains(&o.id))
                    .map(|o| &o.name),
            );
        fence.names = hidden_names
            .filter(|n| n.len() >= 6 && !visible_names.contains(n.as_str()))
            .cloned()
            .collect();
        fence.own_amounts = own_amounts(&visible, ledger, today);
        fence.totals = totals(full, ledger, today)
            .into_iter()
            .filter(|(_, v)| *v >= MIN_FENCED_TOTAL && !fence.own_amounts.contains(v))
            .collect();
        Some(fence)
    }

    /// Whether the record or chunk `id` is outside the scope.
    pub fn hides(&self, id: &str) -> bool {
        self.ids.contains(super::records::source_of(id))
    }
}

/// Every fenced total of `company`, company-wide and per region.
fn totals(company: &CompanyDataset, ledger: &DealLedger, today: NaiveDate) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for region in std::iter::once(None).chain(company.regions.iter().map(Some)) {
        let mut picks = Picks::default();
        if let Some(r) = region {
            picks.entities.insert(
                EntityKind::OwnRegion,
                Picked {
                    id: r.id.clone(),
                    text: r.id.clone(),
                },
            );
        }
        let inputs = FactInputs {
            visible: company,
            ledger,
            today,
            picks: &picks,
        };
        for name in FENCED_TOTALS {
            let spec = FactSpec {
                name,
                region: region.map(|_| EntityKind::OwnRegion),
            };
            if let Ok(FactValue::Money(v)) = inputs.compute(spec) {
                let place = region.map_or("the whole company".to_owned(), |r| r.id.clone());
                out.push((format!("{spec} of {place}"), v));
            }
        }
    }
    out
}

/// Amounts the caller sees anyway: its own totals, deal amounts and contract ARR.
fn own_amounts(visible: &CompanyDataset, ledger: &DealLedger, today: NaiveDate) -> HashSet<i64> {
    let mut own: HashSet<i64> = totals(visible, ledger, today)
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    own.extend(
        visible
            .opportunities
            .iter()
            .filter_map(|o| ledger.on(&o.id, today))
            .map(|s| s.amount),
    );
    own.extend(visible.opportunities.iter().map(|o| o.amount));
    own.extend(visible.contracts.iter().map(|c| c.arr));
    own
}
