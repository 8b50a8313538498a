//! The forecast tools: this period's forecast against quota with its range and the deals behind
//! the gap, how accurate past forecasts were week by week, one deal's detail, risk and next best
//! actions, and the deals most at risk — all from the caller's scoped records, priced by the
//! analytics' win-probability model (trained once per scope and day, see [`cache`]).

pub mod actions;
pub mod as_of_week;
pub mod at_risk_deals;
pub mod cache;
pub mod deal_assembly;
pub mod deal_book;
pub mod deal_detail;
pub mod deal_risk;
pub mod evidence;
pub mod features;
pub mod forecast_accuracy;
pub mod forecast_period;
pub mod live;
pub mod next_best_actions;
pub mod period_deals;
pub mod quota;
pub mod reasons;
pub mod risk_words;
pub mod rules;
pub mod slip;
pub mod text_cues;
pub mod training;
pub mod views;

use at_risk_deals::AtRiskDealsTool;
use deal_detail::DealDetailTool;
use deal_risk::DealRiskTool;
use forecast_accuracy::ForecastAccuracyTool;
use forecast_period::ForecastTool;
use next_best_actions::NextBestActionsTool;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;

use crate::Catalogue;

/// Registers this family's tools.
pub(crate) fn register(catalogue: &mut Catalogue) {
    catalogue
        .register(ForecastTool)
        .register(ForecastAccuracyTool)
        .register(DealDetailTool)
        .register(DealRiskTool)
        .register(AtRiskDealsTool)
        .register(NextBestActionsTool);
}
