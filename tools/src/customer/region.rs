//! The `region` argument of the customer tools, checked against the caller's scope: a region
//! must exist and be wholly visible to be asked about; anything else is `NotFound`, the same
//! answer as for a region that does not exist.

use revpulse_graph::model::{Account, CompanyDataset};

use crate::{Scope, ToolError};

/// The accounts a question is about: all visible ones, or one region's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RegionFilter {
    region: Option<String>,
}

impl RegionFilter {
    /// Checks `region` against the records and the caller's scope.
    pub fn resolve(
        scope: &Scope,
        company: &CompanyDataset,
        region: Option<String>,
    ) -> Result<Self, ToolError> {
        if let Some(id) = &region
            && !(company.regions.iter().any(|r| &r.id == id) && scope.sees_region(id))
        {
            return Err(ToolError::NotFound {
                what: "region",
                id: id.clone(),
            });
        }
        Ok(Self { region })
    }

    /// Whether `account` is one the question is about.
    pub fn admits(&self, account: &Account) -> bool {
        self.region
            .as_deref()
            .is_none_or(|r| account.region_id == r)
    }
}

/// Refuses a zero `limit` (a list of nothing answers no question).
pub(crate) fn check_limit(tool: &str, limit: usize) -> Result<(), ToolError> {
    if limit == 0 {
        return Err(ToolError::InvalidArgs {
            tool: tool.to_owned(),
            reason: "limit must be at least 1".to_owned(),
        });
    }
    Ok(())
}
