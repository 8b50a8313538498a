//! The forecast, slippage, risk-rule and funnel analytics run on the demo company: this
//! quarter's forecast with its range and gap, the weekly backtest of every past quarter, the
//! risk rules' historical precision, slippage flags and the funnel by region, segment and
//! persona with significance.
//!
//! Every input is rebuilt from the company's records as of the day it is used for (stage,
//! amount, close date, forecast call, touchpoints and the models priced from them), so nothing a
//! forecast or a rule sees was recorded after its day. Win probabilities come from a stage-rate
//! model (see [`as_of::WIN_PROBABILITY_SOURCE`]) until the win-probability model is wired in.

pub mod as_of;
pub mod display;
pub mod funnel;
pub mod labels;
pub mod quarter;
pub mod records;
pub mod report;
pub mod report_rows;
pub mod risk;
pub mod slippage;
pub mod text;
pub mod weekly;

#[cfg(test)]
mod tests;

use revpulse_analytics::forecast::simulation::SimulationConfig;
use revpulse_analytics::forecast::{ForecastError, Period};
use revpulse_ingest::demo::DemoCompany;
use thiserror::Error;

pub use report::ForecastEvalReport;

/// Why the forecast evaluation could not run.
#[derive(Debug, Error)]
pub enum ForecastEvalError {
    /// An analytics input was refused: a bug in the mapping from the demo records; report it.
    #[error("forecast analytics refused its input: {0}")]
    Analytics(#[from] ForecastError),
    /// The shipped risk-rules file does not parse: fix `analytics/config/risk_rules.json`.
    #[error("risk rules file: {0}")]
    Rules(#[from] serde_json::Error),
}

/// The evaluation's knobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ForecastEvalConfig {
    /// Simulation of this quarter and of every backtest snapshot.
    pub simulation: SimulationConfig,
}

/// "Q3 2024" for the quarter.
pub fn quarter_label(period: Period) -> String {
    use chrono::Datelike;
    let start = period.start();
    format!("Q{} {}", start.month0() / 3 + 1, start.year())
}

/// Runs every forecast evaluation on the company and gathers the report.
pub fn run(
    company: &DemoCompany,
    config: ForecastEvalConfig,
) -> Result<ForecastEvalReport, ForecastEvalError> {
    let ds = &company.dataset;
    let (start, today) = (company.truth.history_start, company.truth.today);
    let book = records::DealBook::from_dataset(ds);
    let quarter = quarter::quarter_forecast(ds, &book, start, today, config.simulation)?;
    let backtest = weekly::weekly_backtest(&book, start, today, config.simulation)?;
    let rules = risk::shipped_rules()?;
    let risk = risk::risk_review(&book, &rules, start, today);
    let slippage = slippage::slippage_review(&book, today);
    let funnel = funnel::funnel_review(ds, &book, today);
    Ok(report::assemble(
        as_of::WIN_PROBABILITY_SOURCE,
        &quarter,
        &backtest,
        &risk,
        &slippage,
        &funnel,
    ))
}
