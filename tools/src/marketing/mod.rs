//! The marketing tools: attribution of closed-won revenue to campaigns under every model,
//! the lead and opportunity funnel by region against its own history, a campaign's ROI, and
//! which content accelerates deal closure. They share one reading of the records: deals as
//! of today (`ledger`), campaign touches per lead (`touches`) and buyer journeys per
//! window (`journeys`), mapped here from the scoped company for the analytics crate.

pub mod attribution;
pub mod campaign_roi;
pub mod content_influence;
pub mod credits;
pub mod funnel;
pub mod funnel_entries;
pub mod funnel_report;
pub mod journeys;
pub mod ledger;
pub mod model_name;
pub mod touches;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;

use crate::Catalogue;
use attribution::AttributionTool;
use campaign_roi::CampaignRoiTool;
use content_influence::ContentInfluenceTool;
use funnel::FunnelTool;

/// Registers this family's tools.
pub(crate) fn register(catalogue: &mut Catalogue) {
    catalogue.register(AttributionTool);
    catalogue.register(FunnelTool);
    catalogue.register(CampaignRoiTool);
    catalogue.register(ContentInfluenceTool);
}
