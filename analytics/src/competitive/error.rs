//! Why a churn, expansion or competitive computation refused its input.

use thiserror::Error;

/// Errors of the competitive-intelligence, sentiment, churn and expansion computations.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CompetitiveError {
    /// The competitor catalogue is empty; pass at least one competitor (or skip extraction).
    #[error("the competitor catalogue is empty")]
    EmptyCatalogue,
    /// A competitor name or alias has no letters or digits; fix or drop that catalogue entry.
    #[error("competitor name or alias {0:?} has no letters or digits")]
    BlankName(String),
    /// There are no training examples; score with a model trained elsewhere or collect
    /// resolved renewals first.
    #[error("no training examples")]
    NoTrainingData,
    /// Every training example has the same outcome, so no model can be fitted; wait for both
    /// renewals and churns, or widen the training window.
    #[error("training examples all have the same outcome ({positives} churned of {total})")]
    SingleClass {
        /// Examples with a positive outcome.
        positives: usize,
        /// All examples.
        total: usize,
    },
    /// Feature rows have different lengths, or labels and rows differ in count; a caller bug.
    #[error("expected {expected} values per row, got {got}")]
    ShapeMismatch {
        /// What was expected.
        expected: usize,
        /// What was given.
        got: usize,
    },
    /// A feature value is NaN or infinite; clean the input row (the index says which).
    #[error("feature value in row {row}, column {column} is not finite")]
    NonFiniteFeature {
        /// Row index.
        row: usize,
        /// Column index.
        column: usize,
    },
    /// The regularisation strength or an iteration setting is unusable; use a positive
    /// `l2`, at least one iteration and a positive tolerance.
    #[error("invalid training configuration: {0}")]
    InvalidConfig(&'static str),
    /// Newton's method failed to make progress (a singular system); raise `l2`.
    #[error("the fit did not converge; raise the L2 penalty")]
    NotConverged,
}
