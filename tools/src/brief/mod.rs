//! The executive brief: one call that gathers what a CRO reads every morning — pipeline health,
//! forecast against quota with its drivers, slippage, the riskiest deals, wins and losses since
//! yesterday, the competitor trend and the recommended actions — or the same for the past week.
//! It composes the other tools, so every number is the one those tools give.

mod compose;

pub use compose::{
    BriefKind, ExecutiveBriefArgs, ExecutiveBriefOutput, ExecutiveBriefTool, RecommendedAction,
};

use crate::Catalogue;

/// Registers the brief.
pub(crate) fn register(catalogue: &mut Catalogue) {
    catalogue.register(ExecutiveBriefTool);
}
