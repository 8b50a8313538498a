//! What training reports: the method used and why, the history it learned from, the trees and
//! calibration, each feature's share of the split gain, and the loss paths.

use serde::{Deserialize, Serialize};

use super::boosting::BoostedTrees;
use super::calibration::PlattMap;
use super::config::{MinimumHistory, TrainingRow};
use super::features::{FEATURE_COUNT, FeatureId};
use super::output::{InsufficientHistory, ScoringMethod};

/// A feature's share of the model's total split gain.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FeatureImportance {
    /// The feature.
    pub feature: FeatureId,
    /// Share of the total gain, in [0, 1].
    pub share: f64,
}

/// What training produced, for reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingSummary {
    /// Method used for every score.
    pub method: ScoringMethod,
    /// Set when the history was too thin for the boosted model.
    pub insufficient_history: Option<InsufficientHistory>,
    /// Training rows (deal snapshots).
    pub rows: usize,
    /// Distinct won deals.
    pub won_deals: usize,
    /// Distinct lost deals.
    pub lost_deals: usize,
    /// Trees in the model (0 for the fallback).
    pub trees: usize,
    /// The calibration map (identity for the fallback).
    pub calibration: PlattMap,
    /// Features by share of split gain, largest first (empty for the fallback).
    pub feature_importance: Vec<FeatureImportance>,
    /// Mean training log-loss before any tree and after each tree of the final model.
    pub training_loss: Vec<f64>,
    /// Mean validation log-loss along the early-stopping run.
    pub validation_loss: Vec<f64>,
}

impl TrainingSummary {
    /// The summary before any engine is trained: the history's counts and, when it is thin,
    /// why (the fallback method is assumed until a boosted engine is recorded).
    pub(crate) fn new(rows: &[TrainingRow], min: MinimumHistory) -> Self {
        let (won, lost) = deal_counts(rows);
        let thin = (won < min.won || lost < min.lost).then_some(InsufficientHistory {
            won,
            lost,
            min_won: min.won,
            min_lost: min.lost,
        });
        Self {
            method: ScoringMethod::StageSegmentRates,
            insufficient_history: thin,
            rows: rows.len(),
            won_deals: won,
            lost_deals: lost,
            trees: 0,
            calibration: PlattMap::IDENTITY,
            feature_importance: Vec::new(),
            training_loss: Vec::new(),
            validation_loss: Vec::new(),
        }
    }
}

/// Distinct won and lost deals.
fn deal_counts(rows: &[TrainingRow]) -> (usize, usize) {
    let mut deals: std::collections::BTreeMap<&str, bool> = Default::default();
    for r in rows {
        deals.insert(&r.deal_id, r.won);
    }
    let won = deals.values().filter(|&&w| w).count();
    (won, deals.len() - won)
}

/// Each feature's share of the total split gain (all zero when there is no split).
pub(crate) fn gain_shares(trees: &BoostedTrees) -> Vec<f64> {
    let gains = trees.gains(FEATURE_COUNT);
    let total: f64 = gains.iter().sum();
    if total > 0.0 {
        gains.iter().map(|g| g / total).collect()
    } else {
        vec![1.0 / FEATURE_COUNT as f64; FEATURE_COUNT]
    }
}

pub(crate) fn importance(shares: &[f64]) -> Vec<FeatureImportance> {
    let mut out: Vec<FeatureImportance> = FeatureId::ALL
        .iter()
        .map(|&feature| FeatureImportance {
            feature,
            share: shares[feature.index()],
        })
        .collect();
    out.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.feature.cmp(&b.feature)));
    out
}
