//! Competitive intelligence, sentiment, churn and expansion: what customers say about
//! competitors and in what tone, and what their usage, tickets and conversations say about
//! their renewal and their room to grow.
//!
//! - Text: [`text`] cuts passages into words and sentences; [`matcher`] finds competitor names
//!   (aliases, case, possessives, light misspellings by the rule in [`fuzzy`]); [`classify`]
//!   labels each mention a pricing comparison, feature gap, objection or displacement from the
//!   cues in [`cue_lexicon`]; [`mentions`] ties the two to the passage; [`heatmap`] and
//!   [`win_rates`] aggregate them.
//! - Tone: [`sentiment`] scores sentences, passages and documents with the lexicon in
//!   [`sentiment_lexicon`].
//! - Customers: [`churn_features`] computes an account's features as of a date,
//!   [`logistic`] fits the regularised model [`churn`] explains, [`alerts`] raises
//!   renewal-risk alerts, [`expansion`] scores upsell readiness and [`health`] gathers the
//!   inputs of a health summary.

pub mod alerts;
pub mod churn;
pub mod churn_features;
pub mod classify;
pub mod cue_lexicon;
pub mod error;
pub mod expansion;
pub mod fuzzy;
pub mod health;
pub mod heatmap;
mod irls;
pub mod logistic;
pub mod matcher;
pub mod mentions;
pub mod sentiment;
pub mod sentiment_lexicon;
pub mod text;
pub mod win_rates;

#[cfg(test)]
mod proptests;

pub use error::CompetitiveError;
