//! Access scope at retrieval: which passages a caller may see at all. Applied inside every
//! backend's query, never by dropping hits afterwards.

use serde::{Deserialize, Serialize};

use crate::document::DocumentMetadata;
use crate::filter::FilterField;

/// The passages a caller may read. A restricted scope admits a passage when its region, its
/// seller or its account is among the allowed ones (a regional VP lists regions; a manager
/// their team's sellers; a rep themself and their accounts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetrievalScope {
    /// Everything (CRO, executives, admins).
    Unrestricted,
    /// Only passages matching at least one grant.
    Restricted {
        /// Region ids whose passages are visible.
        regions: Vec<String>,
        /// Seller user ids whose passages are visible.
        sales_reps: Vec<String>,
        /// Account ids whose passages are visible.
        accounts: Vec<String>,
    },
}

impl RetrievalScope {
    /// A restricted scope with no grants yet: it admits nothing.
    pub fn nothing() -> Self {
        Self::Restricted {
            regions: Vec::new(),
            sales_reps: Vec::new(),
            accounts: Vec::new(),
        }
    }

    /// Whether the scope admits nothing at all.
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Restricted { regions, sales_reps, accounts }
            if regions.is_empty() && sales_reps.is_empty() && accounts.is_empty())
    }

    /// The grants as (field, allowed values) pairs, empty lists left out; `None` when
    /// unrestricted.
    pub fn grants(&self) -> Option<Vec<(FilterField, &[String])>> {
        match self {
            Self::Unrestricted => None,
            Self::Restricted {
                regions,
                sales_reps,
                accounts,
            } => Some(
                [
                    (FilterField::Region, regions.as_slice()),
                    (FilterField::SalesRep, sales_reps.as_slice()),
                    (FilterField::AccountId, accounts.as_slice()),
                ]
                .into_iter()
                .filter(|(_, values)| !values.is_empty())
                .collect(),
            ),
        }
    }

    /// The reference semantics every backend must reproduce.
    pub fn admits(&self, metadata: &DocumentMetadata) -> bool {
        match self.grants() {
            None => true,
            Some(grants) => grants.iter().any(|(field, allowed)| {
                field
                    .values(metadata)
                    .iter()
                    .any(|v| allowed.iter().any(|a| a == v))
            }),
        }
    }
}
