//! The caller's scope: who is asking and which records they may see. Built by the gateway from
//! a principal's roles (or by the CLI from `--as`), carried by every [`crate::ToolContext`],
//! and applied where data is read — the graph's scoped Cypher and the search index's filter.

use std::collections::BTreeSet;

use revpulse_graph::model::RecordScope;
use revpulse_search::RetrievalScope;

/// Who is asking and what they may see.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scope {
    principal: String,
    records: RecordScope,
}

impl Scope {
    /// Everything visible (CRO, executives, finance, marketing, operations).
    pub fn everything(principal: &str) -> Self {
        Self {
            principal: principal.to_owned(),
            records: RecordScope::Everything,
        }
    }

    /// Only what the grants reach (see [`RecordScope::Granted`]).
    pub fn granted(
        principal: &str,
        regions: impl IntoIterator<Item = String>,
        owners: impl IntoIterator<Item = String>,
        accounts: impl IntoIterator<Item = String>,
    ) -> Self {
        Self {
            principal: principal.to_owned(),
            records: RecordScope::Granted {
                regions: regions.into_iter().collect(),
                owners: owners.into_iter().collect(),
                accounts: accounts.into_iter().collect(),
            },
        }
    }

    /// The principal's id (a user id, a service account).
    pub fn principal(&self) -> &str {
        &self.principal
    }

    /// The record rule the graph applies.
    pub fn records(&self) -> &RecordScope {
        &self.records
    }

    /// Whether nothing is restricted.
    pub fn is_everything(&self) -> bool {
        self.records.is_everything()
    }

    /// Whether a whole region is visible (a region-level question is allowed).
    pub fn sees_region(&self, region_id: &str) -> bool {
        match &self.records {
            RecordScope::Everything => true,
            RecordScope::Granted { regions, .. } => regions.contains(region_id),
        }
    }

    /// The granted region ids (empty for an unrestricted scope, which sees them all).
    pub fn granted_regions(&self) -> BTreeSet<String> {
        match &self.records {
            RecordScope::Everything => BTreeSet::new(),
            RecordScope::Granted { regions, .. } => regions.clone(),
        }
    }

    /// The same grants as the search index's retrieval scope.
    pub fn retrieval(&self) -> RetrievalScope {
        match &self.records {
            RecordScope::Everything => RetrievalScope::Unrestricted,
            RecordScope::Granted {
                regions,
                owners,
                accounts,
            } => RetrievalScope::Restricted {
                regions: regions.iter().cloned().collect(),
                sales_reps: owners.iter().cloned().collect(),
                accounts: accounts.iter().cloned().collect(),
            },
        }
    }
}
