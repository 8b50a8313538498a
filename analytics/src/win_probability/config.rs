//! The win model's knobs, its training rows, and the errors training can return.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::boosting::BoostingConfig;
use super::features::DealFeatures;

/// One closed deal as it looked at one snapshot date, with how it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingRow {
    /// The deal's id (several snapshot rows may share it).
    pub deal_id: String,
    /// Its features as of the snapshot.
    pub features: DealFeatures,
    /// It was won.
    pub won: bool,
}

/// Fewest closed deals of each outcome needed before the boosted model is trained; below
/// either, the stage-and-segment fallback is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimumHistory {
    /// Won deals needed.
    pub won: usize,
    /// Lost deals needed.
    pub lost: usize,
}

/// Everything that shapes training; the same config and rows always give the same model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WinModelConfig {
    /// The trees.
    pub boosting: BoostingConfig,
    /// Share of the deals held out to fit the calibration map.
    pub calibration_fraction: f64,
    /// Share of the remaining deals held out for early stopping.
    pub validation_fraction: f64,
    /// After early stopping picks the number of rounds and the calibration map is fitted,
    /// refit the trees on every deal (fit, early-stopping and calibration splits) with that
    /// number of rounds, keeping the map.
    pub refit_on_all_deals: bool,
    /// Members of the bagged ensemble behind the agreement part of confidence (0 = none).
    pub ensemble_members: usize,
    /// Share of the deals each member is trained on.
    pub ensemble_sample_fraction: f64,
    /// Similar past deals returned per scored deal.
    pub similar_deals: usize,
    /// Closed history needed for the boosted model.
    pub minimum_history: MinimumHistory,
    /// Seed of the splits and the ensemble's samples.
    pub seed: u64,
}

impl Default for WinModelConfig {
    fn default() -> Self {
        Self {
            boosting: BoostingConfig::default(),
            calibration_fraction: 0.2,
            validation_fraction: 0.2,
            refit_on_all_deals: true,
            ensemble_members: 5,
            ensemble_sample_fraction: 0.7,
            similar_deals: 5,
            minimum_history: MinimumHistory { won: 50, lost: 150 },
            seed: 7,
        }
    }
}

/// Why a win model could not be trained.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum WinProbabilityError {
    /// No training rows at all: there is nothing to learn from; supply closed deals (even a
    /// handful is enough for the fallback).
    #[error("no closed deals to learn from")]
    NoClosedDeals,
    /// A config value is out of range: fix the named setting.
    #[error("invalid win model setting {setting}: {reason}")]
    InvalidConfig {
        /// The setting.
        setting: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl WinModelConfig {
    /// Checks every setting is within range.
    pub fn validate(&self) -> Result<(), WinProbabilityError> {
        let b = &self.boosting;
        let fraction = |v: f64| v.is_finite() && (0.0..1.0).contains(&v);
        let checks: [(bool, &'static str, &'static str); 7] = [
            (
                b.learning_rate > 0.0 && b.learning_rate <= 1.0,
                "boosting.learning_rate",
                "must be in (0, 1]",
            ),
            (
                b.max_iterations > 0,
                "boosting.max_iterations",
                "must be positive",
            ),
            (
                (2..=255).contains(&b.max_bins),
                "boosting.max_bins",
                "must be between 2 and 255",
            ),
            (
                b.l2_regularization >= 0.0 && b.l2_regularization.is_finite(),
                "boosting.l2_regularization",
                "must be finite and non-negative",
            ),
            (
                fraction(self.calibration_fraction) && self.calibration_fraction > 0.0,
                "calibration_fraction",
                "must be in (0, 1)",
            ),
            (
                fraction(self.validation_fraction),
                "validation_fraction",
                "must be in [0, 1)",
            ),
            (
                self.ensemble_sample_fraction > 0.0 && self.ensemble_sample_fraction <= 1.0,
                "ensemble_sample_fraction",
                "must be in (0, 1]",
            ),
        ];
        match checks.iter().find(|c| !c.0) {
            Some(&(_, setting, reason)) => {
                Err(WinProbabilityError::InvalidConfig { setting, reason })
            }
            None => Ok(()),
        }
    }
}
