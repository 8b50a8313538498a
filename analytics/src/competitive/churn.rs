//! Churn probability per account before its renewal, with the drivers behind it.
//!
//! A regularised logistic regression ([`super::logistic`]) is trained on past renewals whose
//! outcome is known, each described by [`super::churn_features`] as of a date before its
//! renewal. A score's log-odds is the baseline (an average account's log-odds) plus one
//! contribution per feature, and equals their sum exactly (they are summed in feature order to
//! produce it); positive contributions push toward churn.

use serde::Serialize;

use super::churn_features::{ChurnFeature, ChurnFeatureRow, FEATURE_COUNT};
use super::error::CompetitiveError;
use super::logistic::{LogisticConfig, LogisticModel, sigmoid};

/// One past renewal to learn from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChurnExample {
    /// Features as of a date before the renewal.
    pub features: ChurnFeatureRow,
    /// The customer left at that renewal.
    pub churned: bool,
}

/// One feature's push on a score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChurnDriver {
    /// The feature.
    pub feature: ChurnFeature,
    /// Its value for this account.
    pub value: f64,
    /// Its contribution to the log-odds (positive = toward churn).
    pub contribution: f64,
}

/// The churn score of one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChurnScore {
    /// Churn probability in [0, 1].
    pub probability: f64,
    /// Log-odds of churn: `baseline + Σ drivers[i].contribution`, summed in order.
    pub log_odds: f64,
    /// Log-odds of an account with every feature at its training mean.
    pub baseline: f64,
    /// One driver per feature, in [`ChurnFeature::ALL`] order.
    pub drivers: Vec<ChurnDriver>,
}

impl ChurnScore {
    /// The `n` drivers pushing hardest toward churn (positive contributions, largest first).
    pub fn top_risks(&self, n: usize) -> Vec<ChurnDriver> {
        let mut risks: Vec<ChurnDriver> = self
            .drivers
            .iter()
            .filter(|d| d.contribution > 0.0)
            .copied()
            .collect();
        risks.sort_by(|a, b| {
            b.contribution
                .total_cmp(&a.contribution)
                .then(a.feature.cmp(&b.feature))
        });
        risks.truncate(n);
        risks
    }

    /// The `n` drivers pushing hardest toward renewal (negative contributions, largest first).
    pub fn top_protections(&self, n: usize) -> Vec<ChurnDriver> {
        let mut safe: Vec<ChurnDriver> = self
            .drivers
            .iter()
            .filter(|d| d.contribution < 0.0)
            .copied()
            .collect();
        safe.sort_by(|a, b| {
            a.contribution
                .total_cmp(&b.contribution)
                .then(a.feature.cmp(&b.feature))
        });
        safe.truncate(n);
        safe
    }
}

/// A trained churn model.
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnModel {
    model: LogisticModel,
    /// Training examples and how many churned.
    pub trained_on: (usize, usize),
}

impl ChurnModel {
    /// Trains on past renewals.
    pub fn train(
        examples: &[ChurnExample],
        config: &LogisticConfig,
    ) -> Result<Self, CompetitiveError> {
        let rows: Vec<[f64; FEATURE_COUNT]> = examples.iter().map(|e| e.features.values).collect();
        let labels: Vec<bool> = examples.iter().map(|e| e.churned).collect();
        let model = LogisticModel::fit(&rows, &labels, config)?;
        let churned = labels.iter().filter(|l| **l).count();
        Ok(Self {
            model,
            trained_on: (examples.len(), churned),
        })
    }

    /// The weight of each standardised feature, in [`ChurnFeature::ALL`] order.
    pub fn weights(&self) -> Vec<(ChurnFeature, f64)> {
        ChurnFeature::ALL
            .into_iter()
            .zip(self.model.weights.iter().copied())
            .collect()
    }

    /// Scores one account.
    pub fn score(&self, features: &ChurnFeatureRow) -> ChurnScore {
        let contributions = self.model.contributions(&features.values);
        let drivers: Vec<ChurnDriver> = ChurnFeature::ALL
            .into_iter()
            .zip(contributions)
            .map(|(feature, contribution)| ChurnDriver {
                feature,
                value: features.get(feature),
                contribution,
            })
            .collect();
        let log_odds = drivers
            .iter()
            .fold(self.model.intercept, |acc, d| acc + d.contribution);
        ChurnScore {
            probability: sigmoid(log_odds),
            log_odds,
            baseline: self.model.intercept,
            drivers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(trend: f64, util: f64, churned: bool) -> ChurnExample {
        let mut values = [0.0; FEATURE_COUNT];
        values[ChurnFeature::UsageTrend as usize] = trend;
        values[ChurnFeature::SeatUtilisation as usize] = util;
        values[ChurnFeature::RenewalProximity as usize] = 0.2;
        ChurnExample {
            features: ChurnFeatureRow { values },
            churned,
        }
    }

    fn examples() -> Vec<ChurnExample> {
        (0..60)
            .map(|i| {
                let trend = -0.6 + 0.02 * f64::from(i);
                let util = 0.3 + 0.01 * f64::from((i * 13) % 60);
                example(
                    trend,
                    util,
                    trend + 0.3 * (util - 0.6) < -0.25 || i % 11 == 0,
                )
            })
            .collect()
    }

    #[test]
    fn declining_usage_is_the_top_risk_of_a_declining_account() {
        let model = ChurnModel::train(&examples(), &LogisticConfig::default()).unwrap();
        let risky = model.score(&example(-0.6, 0.6, true).features);
        let healthy = model.score(&example(0.5, 0.6, false).features);
        assert!(risky.probability > healthy.probability);
        assert_eq!(risky.top_risks(1)[0].feature, ChurnFeature::UsageTrend);
        assert_eq!(
            healthy.top_protections(1)[0].feature,
            ChurnFeature::UsageTrend
        );
        assert_eq!(model.trained_on.0, 60);
    }

    #[test]
    fn drivers_sum_to_the_log_odds_and_the_probability_follows() {
        let model = ChurnModel::train(&examples(), &LogisticConfig::default()).unwrap();
        for e in examples() {
            let s = model.score(&e.features);
            let sum = s
                .drivers
                .iter()
                .fold(s.baseline, |acc, d| acc + d.contribution);
            assert_eq!(sum, s.log_odds);
            assert!((s.probability - 1.0 / (1.0 + (-s.log_odds).exp())).abs() < 1e-12);
        }
    }
}
