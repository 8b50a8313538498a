//! The win-probability backtest on the demo company: snapshot rows as of past dates, a
//! time-based split, the model trained on the earlier deals and measured on the later ones
//! (AUC, Brier, calibration error), and the leakage tripwire.

use chrono::Duration;
use revpulse_analytics::stats::auc;
use revpulse_analytics::win_probability::{
    ScoringMethod, TrainingRow, WinModelConfig, WinModelMetrics, WinProbabilityError,
    WinProbabilityModel, evaluate,
};
use revpulse_ingest::demo::{DemoCompany, GroundTruth};
use serde::Serialize;
use thiserror::Error;

use super::features::Leak;
use super::records::CompanyRecords;
use super::snapshots::{SnapshotPlan, SnapshotRow, TimeSplit, snapshot_rows};

/// A test AUC above this on the demo company means post-snapshot information leaked into the
/// features: honest as-of features reach about 0.89 there (the outcome stays a coin flip
/// weighted by latent causes the records only hint at), while one leaked field reaches 1.0.
pub const LEAKAGE_AUC_TRIPWIRE: f64 = 0.97;

/// Everything that shapes the backtest.
#[derive(Debug, Clone, PartialEq)]
pub struct WinBacktestConfig {
    /// Snapshot dates and what may leak.
    pub plan: SnapshotPlan,
    /// Earlier deals to train on, later snapshots to test on.
    pub split: TimeSplit,
    /// The model.
    pub model: WinModelConfig,
}

impl WinBacktestConfig {
    /// Monthly snapshots from three months after the history starts to today; training on
    /// deals closed more than 270 days before today, testing on snapshots from then until 60
    /// days before today (so most deals open at a test snapshot have closed since).
    pub fn for_company(truth: &GroundTruth) -> Self {
        Self {
            plan: SnapshotPlan {
                first: truth.history_start + Duration::days(90),
                last: truth.today,
                every_days: 30,
                leak: Leak::None,
            },
            split: TimeSplit {
                cutoff: truth.today - Duration::days(270),
                test_until: truth.today - Duration::days(60),
            },
            model: WinModelConfig::default(),
        }
    }

    /// The same backtest with a leak let in.
    pub fn with_leak(mut self, leak: Leak) -> Self {
        self.plan.leak = leak;
        self
    }
}

/// Why the backtest could not run.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum WinBacktestError {
    /// The split left no training or no test rows: move the cutoff or use a larger company.
    #[error("the time split leaves {train} training and {test} test rows")]
    EmptySplit {
        /// Training rows.
        train: usize,
        /// Test rows.
        test: usize,
    },
    /// The model refused its training rows: see the inner error.
    #[error(transparent)]
    Model(#[from] WinProbabilityError),
}

/// A finished backtest: its rows, the trained model and its test probabilities.
#[derive(Debug, Clone)]
pub struct WinBacktest {
    /// Training rows (deals closed before the cutoff).
    pub train: Vec<SnapshotRow>,
    /// Test rows (snapshots after the cutoff).
    pub test: Vec<SnapshotRow>,
    /// The model trained on `train`.
    pub model: WinProbabilityModel,
    /// Its probability for each test row.
    pub test_probabilities: Vec<f64>,
    /// The split used.
    pub split: TimeSplit,
    /// Wall-clock seconds spent training the model.
    pub train_seconds: f64,
}

/// The headline numbers of a backtest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WinBacktestReport {
    /// The split used.
    pub split: TimeSplit,
    /// Training rows (deal snapshots).
    pub train_rows: usize,
    /// Test rows.
    pub test_rows: usize,
    /// Distinct won deals the model learned from.
    pub train_won_deals: usize,
    /// Distinct lost deals the model learned from.
    pub train_lost_deals: usize,
    /// Method used.
    pub method: ScoringMethod,
    /// Quality on the test rows.
    pub test: WinModelMetrics,
    /// AUC of the generator's own creation-time win probabilities on the same test rows
    /// (context: what the latent causes alone rank).
    pub generator_auc: Option<f64>,
    /// The test AUC is above [`LEAKAGE_AUC_TRIPWIRE`].
    pub leakage_suspected: bool,
}

impl WinBacktest {
    /// Builds the rows, splits them, trains and scores.
    pub fn run(
        company: &DemoCompany,
        config: &WinBacktestConfig,
    ) -> Result<Self, WinBacktestError> {
        let records = CompanyRecords::new(&company.dataset);
        let rows = snapshot_rows(&records, &config.plan);
        let (train, test) = config.split.apply(&rows);
        if train.is_empty() || test.is_empty() {
            return Err(WinBacktestError::EmptySplit {
                train: train.len(),
                test: test.len(),
            });
        }
        let training: Vec<TrainingRow> = train.iter().map(|r| r.training_row()).collect();
        let start = std::time::Instant::now();
        let model = WinProbabilityModel::train(&training, &config.model)?;
        let train_seconds = start.elapsed().as_secs_f64();
        let test_probabilities = test
            .iter()
            .map(|r| model.probability(&r.features))
            .collect();
        Ok(Self {
            train: train.into_iter().cloned().collect(),
            test: test.into_iter().cloned().collect(),
            model,
            test_probabilities,
            split: config.split,
            train_seconds,
        })
    }

    /// Outcomes of the test rows.
    pub fn test_labels(&self) -> Vec<bool> {
        self.test.iter().map(|r| r.won).collect()
    }

    /// AUC, Brier and calibration error on the test rows.
    pub fn test_metrics(&self) -> WinModelMetrics {
        evaluate(&self.test_probabilities, &self.test_labels())
    }

    /// The headline numbers.
    pub fn report(&self, truth: &GroundTruth) -> WinBacktestReport {
        let summary = self.model.summary();
        let test = self.test_metrics();
        WinBacktestReport {
            split: self.split,
            train_rows: self.train.len(),
            test_rows: self.test.len(),
            train_won_deals: summary.won_deals,
            train_lost_deals: summary.lost_deals,
            method: summary.method,
            test,
            generator_auc: self.generator_auc(truth),
            leakage_suspected: leakage_suspected(&test),
        }
    }

    /// AUC of the generator's true win probabilities on the test rows.
    fn generator_auc(&self, truth: &GroundTruth) -> Option<f64> {
        let by_deal: std::collections::BTreeMap<&str, f64> = truth
            .deals
            .iter()
            .map(|d| (d.opportunity_id.as_str(), d.true_win_probability))
            .collect();
        let (p, y): (Vec<f64>, Vec<bool>) = self
            .test
            .iter()
            .filter_map(|r| by_deal.get(r.deal_id.as_str()).map(|p| (*p, r.won)))
            .unzip();
        auc(&p, &y)
    }
}

/// Whether a model's AUC is higher than honest as-of features can reach on the demo company.
pub fn leakage_suspected(metrics: &WinModelMetrics) -> bool {
    metrics.auc.is_some_and(|a| a > LEAKAGE_AUC_TRIPWIRE)
}
