//! The win-probability model: trained from closed-deal rows (boosted trees when the history is
//! deep enough, stage-and-segment rates when it is not), then used to score open deals — fast
//! (probability only) or in full (confidence, drivers, similar deals).

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::boosting::BoostedTrees;
use super::calibration::PlattMap;
use super::confidence::{FALLBACK_CAP, confidence};
use super::config::{TrainingRow, WinModelConfig, WinProbabilityError};
use super::explain::drivers;
use super::fallback::StageSegmentRates;
use super::features::{DealFeatures, FEATURE_COUNT};
use super::forest::CompactForest;
use super::neighbours::NeighbourIndex;
use super::output::{DealScore, PastOutcome, ScoringMethod, SimilarDeal};
use super::summary::{TrainingSummary, gain_shares, importance};
use super::train::{BoostedParts, train_boosted};

/// The engine behind the probabilities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Engine {
    Boosted {
        trees: BoostedTrees,
        forest: CompactForest,
        calibration: PlattMap,
        members: Vec<BoostedTrees>,
    },
    Rates(StageSegmentRates),
}

/// A trained win-probability model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WinProbabilityModel {
    engine: Engine,
    neighbours: NeighbourIndex,
    summary: TrainingSummary,
    similar_deals: usize,
}

impl WinProbabilityModel {
    /// Trains on closed-deal rows. Uses the boosted model when the rows hold at least
    /// `config.minimum_history` won and lost deals, else the stage-and-segment fallback.
    pub fn train(
        rows: &[TrainingRow],
        config: &WinModelConfig,
    ) -> Result<Self, WinProbabilityError> {
        config.validate()?;
        if rows.is_empty() {
            return Err(WinProbabilityError::NoClosedDeals);
        }
        let matrix: Vec<Vec<f64>> = rows
            .iter()
            .map(|r| r.features.to_vector().to_vec())
            .collect();
        let ids: Vec<&str> = rows.iter().map(|r| r.deal_id.as_str()).collect();
        let labels: Vec<bool> = rows.iter().map(|r| r.won).collect();
        let mut summary = TrainingSummary::new(rows, config.minimum_history);
        let (engine, weights) = if summary.insufficient_history.is_some() {
            let rates = StageSegmentRates::fit(rows.iter().map(|r| (&r.features, r.won)));
            (Engine::Rates(rates), vec![1.0; FEATURE_COUNT])
        } else {
            boosted_engine(train_boosted(&matrix, &ids, &labels, config), &mut summary)
        };
        let rows_ref: Vec<&[f64]> = matrix.iter().map(Vec::as_slice).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed ^ 0x5eed);
        let neighbours = NeighbourIndex::build(&rows_ref, &ids, &labels, &weights, &mut rng);
        Ok(Self {
            engine,
            neighbours,
            summary,
            similar_deals: config.similar_deals,
        })
    }

    /// What training produced.
    pub fn summary(&self) -> &TrainingSummary {
        &self.summary
    }

    /// The method behind every score of this model.
    pub fn method(&self) -> ScoringMethod {
        self.summary.method
    }

    /// The model's raw (uncalibrated) log-odds for a deal.
    pub fn raw_log_odds(&self, features: &DealFeatures) -> f64 {
        match &self.engine {
            Engine::Boosted { forest, .. } => forest.raw_score(&features.to_vector()),
            Engine::Rates(rates) => rates.explain(features).1,
        }
    }

    /// The calibrated win probability of a deal (the fast path: no explanation).
    pub fn probability(&self, features: &DealFeatures) -> f64 {
        match &self.engine {
            Engine::Boosted {
                forest,
                calibration,
                ..
            } => calibration.probability(forest.raw_score(&features.to_vector())),
            Engine::Rates(rates) => rates.probability(features),
        }
    }

    /// Probabilities of many deals (the batch fast path).
    pub fn probabilities(&self, deals: &[DealFeatures]) -> Vec<f64> {
        match &self.engine {
            Engine::Boosted {
                forest,
                calibration,
                ..
            } => {
                let rows: Vec<[f64; FEATURE_COUNT]> =
                    deals.iter().map(DealFeatures::to_vector).collect();
                forest
                    .raw_scores(&rows)
                    .into_iter()
                    .map(|raw| calibration.probability(raw))
                    .collect()
            }
            Engine::Rates(rates) => deals.iter().map(|f| rates.probability(f)).collect(),
        }
    }

    /// The full score of one deal: probability, confidence, drivers and similar past deals.
    /// `deal_id` keeps the deal's own history rows out of its similar deals.
    pub fn score(&self, deal_id: &str, features: &DealFeatures) -> DealScore {
        let row = features.to_vector();
        let e = self.explain(features, &row);
        let probability = e.calibration.probability(e.raw);
        let base_probability = e.calibration.probability(e.base);
        let neighbourhood = self
            .neighbours
            .query(&row, Some(deal_id), self.similar_deals);
        let (drivers_up, drivers_down) =
            drivers(features, &e.contributions, probability, base_probability);
        DealScore {
            deal_id: deal_id.to_string(),
            method: self.summary.method,
            insufficient_history: self.summary.insufficient_history,
            probability,
            base_probability,
            raw_log_odds: e.raw,
            base_log_odds: e.base,
            confidence: confidence(
                &neighbourhood,
                self.neighbours.reference(),
                &e.ensemble,
                e.cap,
            ),
            drivers_up,
            drivers_down,
            similar_deals: neighbourhood
                .similar
                .iter()
                .map(|&(deal, distance, won)| SimilarDeal {
                    deal_id: self.neighbours.deal_id(deal).to_string(),
                    outcome: if won {
                        PastOutcome::Won
                    } else {
                        PastOutcome::Lost
                    },
                    distance,
                })
                .collect(),
        }
    }

    /// The engine's view of one row: log-odds, contributions and ensemble.
    fn explain(&self, features: &DealFeatures, row: &[f64; FEATURE_COUNT]) -> Explained {
        match &self.engine {
            Engine::Boosted {
                trees,
                forest,
                calibration,
                members,
            } => {
                let (base, c) = trees.contributions(row, FEATURE_COUNT);
                let mut contributions = [0.0; FEATURE_COUNT];
                contributions.copy_from_slice(&c);
                Explained {
                    base,
                    raw: forest.raw_score(row),
                    contributions,
                    calibration: *calibration,
                    ensemble: members
                        .iter()
                        .map(|m| calibration.probability(m.raw_score(row)))
                        .collect(),
                    cap: 1.0,
                }
            }
            Engine::Rates(rates) => {
                let (base, raw, contributions) = rates.explain(features);
                Explained {
                    base,
                    raw,
                    contributions,
                    calibration: PlattMap::IDENTITY,
                    ensemble: Vec::new(),
                    cap: FALLBACK_CAP,
                }
            }
        }
    }
}

/// The boosted engine from its trained parts, and the neighbour weights (square roots of
/// the gain shares, scaled so equal shares weigh 1); records the parts in the summary.
fn boosted_engine(parts: BoostedParts, summary: &mut TrainingSummary) -> (Engine, Vec<f64>) {
    summary.method = ScoringMethod::GradientBoostedTrees;
    summary.trees = parts.trees.trees.len();
    summary.calibration = parts.calibration;
    summary.training_loss = parts.trees.training_loss.clone();
    summary.validation_loss = parts.validation_loss;
    let shares = gain_shares(&parts.trees);
    summary.feature_importance = importance(&shares);
    let weights = shares
        .iter()
        .map(|s| (s * FEATURE_COUNT as f64).sqrt())
        .collect();
    let engine = Engine::Boosted {
        forest: CompactForest::new(&parts.trees),
        trees: parts.trees,
        calibration: parts.calibration,
        members: parts.members,
    };
    (engine, weights)
}

/// One row as the engine sees it.
struct Explained {
    base: f64,
    raw: f64,
    contributions: [f64; FEATURE_COUNT],
    calibration: PlattMap,
    ensemble: Vec<f64>,
    cap: f64,
}
