//! Gradient boosting of regression trees on the logistic loss: each round fits a tree to the
//! loss's gradients and hessians (a Newton step per leaf, shrunk by the learning rate); a
//! step-halving line search keeps the training loss from ever rising; early stopping on a
//! validation split keeps the rounds that generalise. No randomness: the same rows give the
//! same trees.

use serde::{Deserialize, Serialize};

use super::binning::BinnedColumns;
use super::grow::{GrowthLimits, grow};
use super::histogram::SplitRules;
use super::tree::RegressionTree;

/// The boosting knobs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoostingConfig {
    /// Shrinkage of every tree, in (0, 1].
    pub learning_rate: f64,
    /// Most boosting rounds.
    pub max_iterations: usize,
    /// Most leaves per tree.
    pub max_leaves: usize,
    /// Deepest leaf (root = 0).
    pub max_depth: usize,
    /// Fewest training rows in a leaf.
    pub min_samples_leaf: usize,
    /// L2 penalty on leaf values.
    pub l2_regularization: f64,
    /// Most value bins per feature (at most 255).
    pub max_bins: usize,
    /// Rounds without validation improvement before stopping.
    pub patience: usize,
    /// Smallest validation log-loss improvement that counts.
    pub tolerance: f64,
}

impl Default for BoostingConfig {
    fn default() -> Self {
        Self {
            learning_rate: 0.1,
            max_iterations: 300,
            max_leaves: 31,
            max_depth: 8,
            min_samples_leaf: 20,
            l2_regularization: 1.0,
            max_bins: 64,
            patience: 20,
            tolerance: 1e-5,
        }
    }
}

/// Labelled rows, each a slice of feature values in matrix-column order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LabelledRows<'a> {
    /// Feature rows.
    pub rows: &'a [&'a [f64]],
    /// Outcomes (true = won).
    pub labels: &'a [bool],
}

/// A fitted boosted model: raw log-odds = `init` + the sum of the trees' leaf values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BoostedTrees {
    /// Log-odds of the training win rate: the starting prediction.
    pub init: f64,
    /// The trees kept.
    pub trees: Vec<RegressionTree>,
    /// Mean training log-loss before any tree and after each kept tree.
    pub training_loss: Vec<f64>,
    /// Mean validation log-loss, same positions (empty without a validation split).
    pub validation_loss: Vec<f64>,
}

impl BoostedTrees {
    /// Raw log-odds of a row.
    pub fn raw_score(&self, row: &[f64]) -> f64 {
        self.init + self.trees.iter().map(|t| t.predict(row)).sum::<f64>()
    }

    /// Per-feature TreeSHAP contributions of a row and the base value they start from (the
    /// initial log-odds plus every tree's expected value):
    /// `base + Σ contributions == raw_score(row)` up to rounding.
    pub fn contributions(&self, row: &[f64], width: usize) -> (f64, Vec<f64>) {
        let mut contributions = vec![0.0; width];
        let base = self.init
            + self
                .trees
                .iter()
                .map(|t| t.shap(row, &mut contributions))
                .sum::<f64>();
        (base, contributions)
    }

    /// Total split gain per feature.
    pub fn gains(&self, width: usize) -> Vec<f64> {
        let mut gains = vec![0.0; width];
        for tree in &self.trees {
            tree.add_gains(&mut gains);
        }
        gains
    }
}

/// Fits at most `rounds` trees on `train` (also bounded by the config), stopping early on
/// `validation` when given.
pub(crate) fn fit(
    train: LabelledRows<'_>,
    validation: Option<LabelledRows<'_>>,
    config: &BoostingConfig,
    rounds: usize,
) -> BoostedTrees {
    let width = train.rows.first().map_or(0, |r| r.len());
    let binned = BinnedColumns::build(train.rows, width, config.max_bins);
    let init = initial_log_odds(train.labels);
    let mut scores = vec![init; train.rows.len()];
    let mut valid_scores = validation.map_or_else(Vec::new, |v| vec![init; v.rows.len()]);
    let mut model = BoostedTrees {
        init,
        trees: Vec::new(),
        training_loss: vec![mean_log_loss(&scores, train.labels)],
        validation_loss: validation
            .map(|v| vec![mean_log_loss(&valid_scores, v.labels)])
            .unwrap_or_default(),
    };
    let limits = growth_limits(config);
    let mut order: Vec<u32> = (0..train.rows.len() as u32).collect();
    let mut best = (
        model
            .validation_loss
            .first()
            .copied()
            .unwrap_or(f64::INFINITY),
        0,
    );
    for _ in 0..rounds.min(config.max_iterations) {
        let Some((tree, loss)) =
            boost_once(&binned, train.labels, &mut scores, &mut order, &limits)
        else {
            break;
        };
        model.training_loss.push(loss);
        if let Some(v) = validation {
            for (s, row) in valid_scores.iter_mut().zip(v.rows) {
                *s += tree.predict(row);
            }
            model
                .validation_loss
                .push(mean_log_loss(&valid_scores, v.labels));
        }
        model.trees.push(tree);
        if validation.is_some() && stop_early(&model.validation_loss, &mut best, config) {
            break;
        }
    }
    if validation.is_some() {
        keep_best(&mut model, best.1);
    }
    model
}

/// Grows one tree, line-searches its step and applies it to `scores`; `None` when no tree
/// lowers the training loss.
fn boost_once(
    binned: &BinnedColumns,
    labels: &[bool],
    scores: &mut [f64],
    order: &mut [u32],
    limits: &GrowthLimits,
) -> Option<(RegressionTree, f64)> {
    let (grad, hess) = gradients(scores, labels);
    let grown = grow(binned, &grad, &hess, order, limits);
    if grown.tree.nodes.len() < 2 {
        return None;
    }
    let mut tree = grown.tree;
    let before = mean_log_loss(scores, labels);
    for _ in 0..6 {
        let after = loss_after(&tree, &grown.leaves, order, scores, labels);
        if after <= before {
            for (node, range) in &grown.leaves {
                let value = tree.nodes[*node].value;
                for &r in &order[range.clone()] {
                    scores[r as usize] += value;
                }
            }
            return Some((tree, after));
        }
        tree.scale(0.5);
    }
    None
}

fn loss_after(
    tree: &RegressionTree,
    leaves: &[(usize, std::ops::Range<usize>)],
    order: &[u32],
    scores: &[f64],
    labels: &[bool],
) -> f64 {
    let mut total = 0.0;
    for (node, range) in leaves {
        let value = tree.nodes[*node].value;
        for &r in &order[range.clone()] {
            total += log_loss(scores[r as usize] + value, labels[r as usize]);
        }
    }
    total / scores.len().max(1) as f64
}

/// Updates the best (loss, trees kept) and says whether patience ran out.
fn stop_early(losses: &[f64], best: &mut (f64, usize), config: &BoostingConfig) -> bool {
    let kept = losses.len() - 1;
    let loss = losses[kept];
    if loss < best.0 - config.tolerance {
        *best = (loss, kept);
    }
    kept - best.1 >= config.patience.max(1)
}

fn keep_best(model: &mut BoostedTrees, kept: usize) {
    model.trees.truncate(kept);
    model.training_loss.truncate(kept + 1);
    model.validation_loss.truncate(kept + 1);
}

fn growth_limits(config: &BoostingConfig) -> GrowthLimits {
    GrowthLimits {
        max_leaves: config.max_leaves.max(2),
        max_depth: config.max_depth.max(1),
        learning_rate: config.learning_rate,
        rules: SplitRules {
            l2: config.l2_regularization,
            min_samples_leaf: config.min_samples_leaf.max(1) as u32,
            min_hessian: 1e-3,
            min_gain: 1e-9,
        },
    }
}

/// Log-odds of the (lightly smoothed) win rate.
fn initial_log_odds(labels: &[bool]) -> f64 {
    let won = labels.iter().filter(|&&l| l).count() as f64;
    let p = (won + 0.5) / (labels.len() as f64 + 1.0);
    (p / (1.0 - p)).ln()
}

/// Logistic-loss gradients and hessians at the current scores.
fn gradients(scores: &[f64], labels: &[bool]) -> (Vec<f64>, Vec<f64>) {
    scores
        .iter()
        .zip(labels)
        .map(|(&s, &y)| {
            let p = sigmoid(s);
            (p - f64::from(u8::from(y)), (p * (1.0 - p)).max(1e-16))
        })
        .unzip()
}

/// The logistic function.
pub(crate) fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Log-loss of one raw score, computed without overflow.
pub(crate) fn log_loss(score: f64, won: bool) -> f64 {
    let softplus = score.max(0.0) + (-score.abs()).exp().ln_1p();
    softplus - if won { score } else { 0.0 }
}

/// Mean log-loss of raw scores.
pub(crate) fn mean_log_loss(scores: &[f64], labels: &[bool]) -> f64 {
    let total: f64 = scores
        .iter()
        .zip(labels)
        .map(|(&s, &y)| log_loss(s, y))
        .sum();
    total / scores.len().max(1) as f64
}
