//! How well win probabilities match outcomes: ranking (AUC), accuracy of the probabilities
//! (Brier score) and calibration (expected calibration error over ten equal-width bins), all
//! from [`crate::stats`].

use serde::{Deserialize, Serialize};

use crate::stats::{auc, brier, expected_calibration_error};

/// Bins of the expected calibration error.
pub const CALIBRATION_BINS: usize = 10;

/// Quality of a set of probabilities against outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WinModelMetrics {
    /// Rows scored.
    pub rows: usize,
    /// Of which won.
    pub won: usize,
    /// Area under the ROC curve; `None` when one outcome is absent.
    pub auc: Option<f64>,
    /// Brier score (lower is better); `None` for no rows.
    pub brier: Option<f64>,
    /// Expected calibration error over [`CALIBRATION_BINS`] bins; `None` for no rows.
    pub ece: Option<f64>,
}

/// Scores `probabilities` against outcomes.
pub fn evaluate(probabilities: &[f64], won: &[bool]) -> WinModelMetrics {
    WinModelMetrics {
        rows: probabilities.len().min(won.len()),
        won: won.iter().take(probabilities.len()).filter(|&&w| w).count(),
        auc: auc(probabilities, won),
        brier: brier(probabilities, won),
        ece: expected_calibration_error(probabilities, won, CALIBRATION_BINS),
    }
}
