//! The pipeline tools: the open pipeline as of a day, the waterfall between two days,
//! bookings and ARR against last year, a rep's attainment, and the deals that slipped or are
//! stuck. They all read a deal's history through one as-of reading ([`as_of`]).

pub mod as_of;
pub mod attainment;
pub mod bookings;
pub mod changes;
pub mod deal_filter;
pub mod directory;
pub mod open_pipeline;
pub mod slipped;
pub mod snapshot;
pub mod spans;
pub mod stuck;
pub mod waterfall;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;

use crate::Catalogue;
use attainment::RepAttainmentTool;
use bookings::BookingsArrTool;
use changes::PipelineChangesTool;
use open_pipeline::PipelineTool;
use slipped::SlippedDealsTool;
use stuck::StuckDealsTool;

/// Registers this family's tools.
pub(crate) fn register(catalogue: &mut Catalogue) {
    catalogue
        .register(PipelineTool)
        .register(PipelineChangesTool)
        .register(BookingsArrTool)
        .register(RepAttainmentTool)
        .register(SlippedDealsTool)
        .register(StuckDealsTool);
}
