//! Forecasting and deal risk: roll-ups by period and grouping, a seeded Monte-Carlo range that
//! includes slip risk, the gap to quota with the deals behind it, the forecast backtest,
//! slippage and stage anomalies with their evidence, the versioned risk rules with their
//! historical precision, and the funnel with significance tests.
//!
//! Everything is computed from plain inputs the caller prepares — [`ForecastDeal`] for the
//! forecast, [`DealRecord`] (a deal's time-stamped history) seen [`DealAsOf`] a date for
//! slippage and risk, [`FunnelEntry`] for the funnel. Anything that looks at a deal's history
//! reads it only up to the as-of date, so the same code serves live use and backtests.

pub mod anomalies;
pub mod backtest;
pub mod creation;
pub mod deal;
pub mod flags;
pub mod funnel;
pub mod funnel_compare;
pub mod gap;
pub mod record;
pub mod risk_rules;
pub mod rollup;
pub mod rule_checks;
pub mod rule_precision;
pub mod significance;
pub mod simulation;
pub mod slip_rate;
pub mod slippage;
pub mod stage_time;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod risk_rules_tests;
#[cfg(test)]
mod test_support;

pub use deal::{ForecastCategory, ForecastDeal, Period, Probability, SalesStage};
pub use funnel::FunnelEntry;
pub use record::{DealAsOf, DealRecord};

use chrono::NaiveDate;
use thiserror::Error;

/// Why a forecast or rule computation refused its input.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ForecastError {
    /// A probability was outside [0, 1] or not a number: fix the model output or the
    /// CRM field it came from, or build it with [`Probability::clamped`].
    #[error("{subject}: probability {value} is outside [0, 1]")]
    InvalidProbability {
        /// What the probability was for (a deal id, a rule id…).
        subject: String,
        /// The offending value.
        value: f64,
    },
    /// A period ended before it started: swap or correct the dates.
    #[error("period ends ({end}) before it starts ({start})")]
    InvalidPeriod {
        /// First day given.
        start: NaiveDate,
        /// Last day given.
        end: NaiveDate,
    },
    /// The simulation was asked for zero iterations: ask for at least one (1,000+ for a
    /// stable P10/P90).
    #[error("the simulation needs at least one iteration")]
    NoIterations,
    /// Two risk rules share an id: rename one in the rules file.
    #[error("risk rule id {0:?} is used twice")]
    DuplicateRuleId(String),
    /// A rule threshold is out of its range: correct it in the rules file.
    #[error("risk rule {rule_id:?}: {reason}")]
    InvalidThreshold {
        /// The rule.
        rule_id: String,
        /// What is wrong with it.
        reason: String,
    },
}
