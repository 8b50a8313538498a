//! Turning a deal's per-feature log-odds contributions into drivers people read: split into
//! those pushing the probability up and down, strongest first, each with its share of the move
//! in probability points.
//!
//! The mapping to probability space: with the calibrated probability `p` and the calibrated
//! probability of the base value `p₀`, driver `i` gets `cᵢ · (p − p₀) / Σc`. Because the
//! calibration map is increasing, `p − p₀` has the sign of `Σc`, so every driver keeps the sign
//! of its log-odds, and the points add up exactly to `p − p₀`.

use super::features::{DealFeatures, FEATURE_COUNT, FeatureId};
use super::output::Driver;

/// Contributions smaller than this (in log-odds) are not reported.
const NEGLIGIBLE: f64 = 1e-12;

/// Drivers up and down from the contributions, the probability and the base probability.
pub(crate) fn drivers(
    features: &DealFeatures,
    contributions: &[f64; FEATURE_COUNT],
    probability: f64,
    base_probability: f64,
) -> (Vec<Driver>, Vec<Driver>) {
    let total: f64 = contributions.iter().sum();
    let per_log_odd = if total.abs() > NEGLIGIBLE {
        (probability - base_probability) / total
    } else {
        0.0
    };
    let mut up = Vec::new();
    let mut down = Vec::new();
    for feature in FeatureId::ALL {
        let c = contributions[feature.index()];
        if c.abs() <= NEGLIGIBLE {
            continue;
        }
        let driver = Driver {
            feature,
            label: feature.label(),
            value: features.describe(feature),
            log_odds: c,
            probability_points: c * per_log_odd,
        };
        if c > 0.0 {
            up.push(driver);
        } else {
            down.push(driver);
        }
    }
    up.sort_by(|a, b| b.log_odds.total_cmp(&a.log_odds));
    down.sort_by(|a, b| a.log_odds.total_cmp(&b.log_odds));
    (up, down)
}
