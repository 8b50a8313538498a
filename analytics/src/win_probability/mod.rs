//! Explainable win probability for open deals.
//!
//! Trained on closed deals described *as of* snapshot dates ([`DealFeatures`]), the model is
//! a gradient-boosted tree classifier written here — histogram binning, logistic loss,
//! shrinkage, depth and leaf limits, minimum rows per leaf, L2 on leaf values, early stopping
//! on a validation split — calibrated by Platt scaling fitted on a held-out calibration split
//! ([`PlattMap`] says why Platt), after which the trees are refit on every deal with the
//! chosen number of rounds and the map is kept. Every score ([`DealScore`]) carries:
//!
//! - the calibrated probability;
//! - a separate [`Confidence`]: support from similar closed deals, agreement of a small bagged
//!   ensemble, and how typical the deal is of the history;
//! - drivers up and down: exact Shapley values of the raw log-odds (TreeSHAP, path-dependent),
//!   which sum exactly to the raw log-odds minus the base value (the initial log-odds plus each
//!   tree's row-weighted mean output), mapped to probability points proportionally (see
//!   [`DealScore`]);
//! - the most similar past deals and how they ended.
//!
//! With a thin history (fewer than 50 won or 150 lost deals by default) the model falls back
//! to Laplace-smoothed stage-and-segment win rates with a low confidence, and says so
//! ([`ScoringMethod::StageSegmentRates`], [`InsufficientHistory`]). Training is deterministic:
//! the same rows and seed give the same model.

mod binning;
mod boosting;
mod calibration;
mod categories;
mod confidence;
mod config;
mod explain;
mod fallback;
mod features;
mod forest;
mod grow;
mod histogram;
mod metrics;
mod model;
mod names;
mod neighbours;
mod output;
mod split;
mod summary;
mod train;
mod tree;
mod tree_shap;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_props;

pub use boosting::BoostingConfig;
pub use calibration::{MIN_SLOPE, PlattMap};
pub use config::{MinimumHistory, TrainingRow, WinModelConfig, WinProbabilityError};
pub use features::{
    DealFeatures, DealType, FEATURE_COUNT, FeatureId, FeatureKind, ForecastCall, OpenStage, Segment,
};
pub use metrics::{CALIBRATION_BINS, WinModelMetrics, evaluate};
pub use model::WinProbabilityModel;
pub use output::{
    Confidence, ConfidenceLabel, DealScore, Driver, InsufficientHistory, PastOutcome,
    ScoringMethod, SimilarDeal,
};
pub use summary::{FeatureImportance, TrainingSummary};
