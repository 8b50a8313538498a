//! Multi-touch attribution along Campaign → Lead → SQL → Opportunity → Closed revenue.
//!
//! Rule-based models — first touch, last touch, linear, U-shaped (40/20/40), W-shaped
//! (30/30/30 on first touch, lead creation and opportunity creation, 10 spread), full path
//! (22.5 ×4 adding closed won, 10 spread) and time decay (half-life from the close, 7 days by
//! default) — and two data-driven ones learned from converting *and* non-converting
//! journeys: Markov removal effects (first order, absorbing chain solved exactly) and Shapley
//! values on conversion rates. Credit goes to campaigns or to channels
//! ([`AttributionLevel`]).
//!
//! Every model's revenue credits are whole dollars summing exactly to the revenue won
//! (largest remainder). The report adds ROI per model, any-touch influenced pipeline, where
//! the models disagree, and the removal effects. Runs are deterministic: no hash-order
//! dependence, seeded sampling.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use revpulse_analytics::attribution::*;
//! let at = Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).single().ok_or("date")?;
//! let campaigns = vec![Campaign { id: "CMP-1".into(), channel: "webinar".into(), cost: 500 }];
//! let journey = Journey {
//!     touches: vec![Touch { campaign: 0, at }],
//!     milestones: Milestones::default(),
//!     outcome: JourneyOutcome::Won { revenue: 1_000, closed_at: at },
//!     pipeline: 1_000,
//! };
//! let book = JourneyBook::new(campaigns, vec![journey])?;
//! let report = attribute(&book, &AttributionConfig::new(AttributionLevel::Campaign))?;
//! assert!(report.models.iter().all(|m| m.credits[0].revenue == 1_000));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod absorbing;
mod apportion;
mod chain;
mod coalitions;
mod config;
mod direct;
mod error;
mod journey;
mod keys;
mod markov;
mod positional;
mod report;
mod run;
mod shapley;
pub mod synthetic;

#[cfg(test)]
mod tests;

pub use config::{
    AttributionConfig, AttributionLevel, AttributionModel, MarkovConfig, ShapleyConfig,
};
pub use error::AttributionError;
pub use journey::{Campaign, Journey, JourneyBook, JourneyOutcome, Milestones, Touch};
pub use report::{
    AttributionReport, Disagreement, Influence, JourneyCounts, KeyCredit, MarkovSummary,
    ModelCredits, RemovalEffect,
};
pub use run::{attribute, attribute_models};
