//! The region and owner arguments of the pipeline tools, checked against the caller's scope:
//! a region must be wholly visible to be asked about, an owner must be a visible user, and
//! anything else is `NotFound` — the same answer as for an id that does not exist.

use revpulse_graph::model::Opportunity;

use super::directory::Directory;
use crate::{Scope, ToolError};

/// Which deals a question is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DealFilter {
    region: Option<String>,
    owner: Option<String>,
}

impl DealFilter {
    /// Checks `region` and `owner` against what the caller may see.
    pub fn resolve(
        scope: &Scope,
        directory: &Directory<'_>,
        region: Option<String>,
        owner: Option<String>,
    ) -> Result<Self, ToolError> {
        if let Some(id) = &region
            && !(directory.has_region(id) && scope.sees_region(id))
        {
            return Err(ToolError::NotFound {
                what: "region",
                id: id.clone(),
            });
        }
        if let Some(id) = &owner
            && directory.user(id).is_none()
        {
            return Err(ToolError::NotFound {
                what: "rep",
                id: id.clone(),
            });
        }
        Ok(Self { region, owner })
    }

    /// Whether `deal` is one the question is about.
    pub fn admits(&self, deal: &Opportunity, directory: &Directory<'_>) -> bool {
        self.region
            .as_deref()
            .is_none_or(|r| directory.region_of(deal) == r)
            && self.owner.as_deref().is_none_or(|o| deal.owner_id == o)
    }
}
