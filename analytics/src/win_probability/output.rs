//! What scoring a deal returns: the probability, a separate confidence, the drivers pushing it
//! up and down, the most similar past deals and how they ended, and which method produced it.

use serde::Serialize;

use super::features::FeatureId;

/// How a probability was produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoringMethod {
    /// The calibrated gradient-boosted trees.
    GradientBoostedTrees,
    /// Too little closed history for the model: the historical win rate of deals in the same
    /// stage and segment (Laplace-smoothed), with low confidence.
    StageSegmentRates,
}

/// Why the model fell back to stage-and-segment rates: the closed history is too thin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct InsufficientHistory {
    /// Won deals in the training history.
    pub won: usize,
    /// Lost deals in the training history.
    pub lost: usize,
    /// Won deals needed to train the model.
    pub min_won: usize,
    /// Lost deals needed to train the model.
    pub min_lost: usize,
}

/// How far to trust a probability, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfidenceLabel {
    /// Thin or unusual history, or the ensemble disagrees.
    Low,
    /// Some support.
    Medium,
    /// Many similar closed deals, an agreeing ensemble, a typical deal.
    High,
}

/// How much the probability of one deal can be trusted — separate from the probability
/// itself. `score` = 0.4·support + 0.35·agreement + 0.25·in-distribution (weights
/// renormalised when there is no ensemble), capped at 0.3 for the fallback method.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confidence {
    /// Overall score in [0, 1].
    pub score: f64,
    /// Low (< 0.45), medium (< 0.7) or high.
    pub label: ConfidenceLabel,
    /// `1 − exp(−n / 10)`, where n is the number of training rows of other closed deals
    /// within the typical distance between a closed deal and its 10th-nearest neighbour.
    pub support: f64,
    /// Closed-deal rows within that distance.
    pub similar_closed_rows: usize,
    /// `1 − min(1, 4·sd)` of the probabilities of a bagged ensemble of smaller models; `None`
    /// for the fallback method.
    pub ensemble_agreement: Option<f64>,
    /// 1 when the nearest closed deal is no farther than for 90% of closed deals, falling
    /// linearly to 0 at 1.5× the 99th percentile of those distances.
    pub in_distribution: f64,
}

/// One signal that moved a deal's probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Driver {
    /// The feature.
    pub feature: FeatureId,
    /// Its name for people.
    pub label: &'static str,
    /// This deal's value of it, for people.
    pub value: String,
    /// Additive contribution to the model's raw log-odds.
    pub log_odds: f64,
    /// Its share of the move from the base probability to this deal's probability (same sign
    /// as `log_odds`; all drivers' points sum to `probability − base_probability`).
    pub probability_points: f64,
}

/// How a similar past deal ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PastOutcome {
    /// Closed won.
    Won,
    /// Closed lost.
    Lost,
}

/// A closed deal close to the scored one in feature space.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimilarDeal {
    /// Its id, as supplied with the training rows.
    pub deal_id: String,
    /// How it ended.
    pub outcome: PastOutcome,
    /// Weighted standardised distance (0 = identical).
    pub distance: f64,
}

/// The full, explained score of one deal.
///
/// Additivity: `base_log_odds + Σ drivers' log_odds == raw_log_odds` (to rounding) — the
/// drivers explain the model's raw (uncalibrated) log-odds exactly. The calibrated
/// probability is `σ(a·raw_log_odds + b)` with the Platt map `(a, b)`, so in calibrated
/// log-odds each driver contributes exactly `a·log_odds`; in probability space the move
/// `probability − base_probability` is split across drivers in proportion to their log-odds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DealScore {
    /// The deal.
    pub deal_id: String,
    /// Which method produced the numbers.
    pub method: ScoringMethod,
    /// Set when the fallback was used, with the history counts behind that decision.
    pub insufficient_history: Option<InsufficientHistory>,
    /// Calibrated win probability.
    pub probability: f64,
    /// Calibrated probability of the base value.
    pub base_probability: f64,
    /// The model's raw log-odds.
    pub raw_log_odds: f64,
    /// Where the drivers start from: the initial log-odds plus each tree's expected output
    /// (for the fallback: the overall win rate's log-odds).
    pub base_log_odds: f64,
    /// How much to trust the probability.
    pub confidence: Confidence,
    /// Drivers raising the probability, strongest first.
    pub drivers_up: Vec<Driver>,
    /// Drivers lowering it, strongest first.
    pub drivers_down: Vec<Driver>,
    /// The most similar closed deals, nearest first.
    pub similar_deals: Vec<SimilarDeal>,
}
