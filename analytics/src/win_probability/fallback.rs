//! The young-company fallback: with too few closed deals to train a model, a deal's probability
//! is the historical win rate of closed deals that were in the same stage and segment,
//! Laplace-smoothed (`(won + 1) / (closed + 2)`), explained by two additive drivers — how its
//! stage moves the overall rate, and how its segment moves the stage's rate.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::features::{DealFeatures, FEATURE_COUNT, FeatureId, OpenStage, Segment};

/// Won and closed counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Tally {
    won: u32,
    closed: u32,
}

impl Tally {
    fn add(&mut self, won: bool) {
        self.won += u32::from(won);
        self.closed += 1;
    }

    /// Laplace-smoothed win rate.
    fn rate(self) -> f64 {
        (f64::from(self.won) + 1.0) / (f64::from(self.closed) + 2.0)
    }

    fn log_odds(self) -> f64 {
        let p = self.rate();
        (p / (1.0 - p)).ln()
    }
}

/// Win rates by stage and segment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct StageSegmentRates {
    overall: Tally,
    stages: BTreeMap<OpenStage, Tally>,
    cells: BTreeMap<(OpenStage, Segment), Tally>,
}

impl StageSegmentRates {
    /// Counts the outcomes of the rows.
    pub fn fit<'a>(rows: impl Iterator<Item = (&'a DealFeatures, bool)>) -> Self {
        let mut rates = Self::default();
        for (features, won) in rows {
            rates.overall.add(won);
            rates.stages.entry(features.stage).or_default().add(won);
            rates
                .cells
                .entry((features.stage, features.segment))
                .or_default()
                .add(won);
        }
        rates
    }

    /// The base log-odds (overall rate), the deal's log-odds (its cell's rate) and the two
    /// drivers, which sum exactly to the difference.
    pub fn explain(&self, features: &DealFeatures) -> (f64, f64, [f64; FEATURE_COUNT]) {
        let stage = self
            .stages
            .get(&features.stage)
            .copied()
            .unwrap_or_default();
        let cell = self
            .cells
            .get(&(features.stage, features.segment))
            .copied()
            .unwrap_or_default();
        let base = self.overall.log_odds();
        let raw = cell.log_odds();
        let mut contributions = [0.0; FEATURE_COUNT];
        contributions[FeatureId::Stage.index()] = stage.log_odds() - base;
        contributions[FeatureId::Segment.index()] = raw - stage.log_odds();
        (base, raw, contributions)
    }

    /// The deal's smoothed win rate.
    pub fn probability(&self, features: &DealFeatures) -> f64 {
        self.cells
            .get(&(features.stage, features.segment))
            .copied()
            .unwrap_or_default()
            .rate()
    }
}
