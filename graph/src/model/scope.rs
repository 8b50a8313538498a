//! Which records a read of the graph may return: everything, or the records reachable from a
//! set of grants (regions, record owners, accounts). The gateway turns a principal's roles into
//! one of these; the graph applies it inside its Cypher, and [`RecordScope::filter`] applies the
//! same rule to records already in memory.

use std::collections::BTreeSet;

use super::{CompanyDataset, Opportunity};

/// The records a caller may see.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum RecordScope {
    /// Every record (CRO, executives, finance, marketing).
    #[default]
    Everything,
    /// Only records tied to at least one grant. A deal is visible when its account's region,
    /// its owner or its account is granted; an account when its region, its owner, itself or
    /// one of its visible deals is; activities, tickets, usage, contracts, contacts and leads
    /// follow their account (an activity about a deal follows the deal).
    Granted {
        /// Region ids.
        regions: BTreeSet<String>,
        /// User ids whose accounts and deals are visible.
        owners: BTreeSet<String>,
        /// Account ids.
        accounts: BTreeSet<String>,
    },
}

impl RecordScope {
    /// Whether nothing is restricted.
    pub fn is_everything(&self) -> bool {
        matches!(self, Self::Everything)
    }

    /// Whether a deal on an account in `region` owned by `owner` is visible.
    pub fn admits_deal(&self, deal: &Opportunity, account_region: &str) -> bool {
        match self {
            Self::Everything => true,
            Self::Granted {
                regions,
                owners,
                accounts,
            } => {
                regions.contains(account_region)
                    || owners.contains(&deal.owner_id)
                    || accounts.contains(&deal.account_id)
            }
        }
    }

    /// The visible subset of `company` by this scope's rule, computed in memory. The graph's
    /// scoped read must return the same records (its integration test checks it).
    pub fn filter(&self, company: &CompanyDataset) -> CompanyDataset {
        if self.is_everything() {
            return company.clone();
        }
        super::scope_filter::visible_subset(self, company)
    }
}
