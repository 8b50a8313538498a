//! The churn backtest: every contract renewal of the demo company becomes a case described as
//! of 60–90 days before its renewal date (only events before that day), the model is trained on
//! the renewals resolved before a cutoff and tested on those described after it (a split by
//! time), and then scores today's pending renewals against the churners the generator planted.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use revpulse_analytics::competitive::alerts::AlertPolicy;
use revpulse_analytics::competitive::churn::{ChurnExample, ChurnModel};
use revpulse_analytics::competitive::churn_features::{
    ChurnFeatureRow, FeatureWindows, churn_features,
};
use revpulse_analytics::competitive::logistic::LogisticConfig;
use revpulse_analytics::stats::{auc, brier};
use revpulse_graph::model::ContractStatus;
use revpulse_ingest::dataset::CompanyDataset;
use revpulse_ingest::demo::GroundTruth;
use serde::Serialize;

use super::CompetitiveBacktestError;
use super::recovery::{PendingRecovery, pending_recovery, planted};
use super::signals::{AccountFacts, TicketTone};

/// How the backtest is run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChurnBacktestConfig {
    /// Share of resolved renewals (by date) before the train/test cutoff.
    pub train_share: f64,
    /// Features are taken this many days before the renewal, drawn per case in this range.
    pub lead_days: (i64, i64),
    /// Pending renewals due within this many days are scored for recovery.
    pub horizon_days: i64,
    /// Ticket tone source.
    pub tone: TicketTone,
    /// Model fit.
    pub logistic: LogisticConfig,
    /// Feature windows.
    pub windows: FeatureWindows,
    /// Renewal-risk alert policy for today's pending renewals.
    pub alerts: AlertPolicy,
}

impl Default for ChurnBacktestConfig {
    fn default() -> Self {
        Self {
            train_share: 0.7,
            lead_days: (60, 90),
            horizon_days: 120,
            tone: TicketTone::Lexicon,
            logistic: LogisticConfig::default(),
            windows: FeatureWindows::default(),
            alerts: AlertPolicy::default(),
        }
    }
}

/// One account-renewal (all contracts of an account renewing the same day).
#[derive(Debug, Clone, PartialEq)]
pub struct RenewalCase {
    /// The account.
    pub account_id: String,
    /// Contracts renewing.
    pub contract_ids: Vec<String>,
    /// Renewal date.
    pub renewal_date: NaiveDate,
    /// ARR up for renewal.
    pub arr: i64,
    /// Outcome from the records: churned, renewed, or `None` while pending.
    pub churned: Option<bool>,
    /// The features.
    pub features: ChurnFeatureRow,
    /// The date they describe.
    pub as_of: NaiveDate,
}

/// The measured churn figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChurnBacktest {
    /// Cutoff date of the split.
    pub cutoff: NaiveDate,
    /// Training cases and churners.
    pub train: (usize, usize),
    /// Test cases and churners.
    pub test: (usize, usize),
    /// AUC on the test cases.
    pub test_auc: Option<f64>,
    /// Brier score on the test cases.
    pub test_brier: Option<f64>,
    /// Brier score of always predicting the training churn rate, for reference.
    pub test_brier_base_rate: Option<f64>,
    /// AUC the generator's own churn probability reaches on the same test cases: the ceiling.
    pub test_auc_true_probability: Option<f64>,
    /// Brier score of the generator's own probability on the test cases.
    pub test_brier_true_probability: Option<f64>,
    /// Standardised weights of the model trained on the training cases.
    pub weights: Vec<(String, f64)>,
    /// Recovery of the planted pending churners.
    pub pending: PendingRecovery,
}

/// A stable pseudo-random lead in `range` for a case (FNV-1a of its key).
fn lead_for(key: &str, range: (i64, i64)) -> i64 {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let width = (range.1 - range.0 + 1).max(1) as u64;
    range.0 + (hash % width) as i64
}

/// Every account-renewal with its features: resolved ones as of their lead before the renewal,
/// pending ones as of the day after `today` (today's events included).
pub fn cases(
    ds: &CompanyDataset,
    facts: &AccountFacts,
    today: NaiveDate,
    config: &ChurnBacktestConfig,
) -> Vec<RenewalCase> {
    let mut groups: BTreeMap<(&str, NaiveDate), Vec<&revpulse_graph::model::Contract>> =
        BTreeMap::new();
    for c in &ds.contracts {
        groups
            .entry((c.account_id.as_str(), c.renewal_date))
            .or_default()
            .push(c);
    }
    groups
        .into_iter()
        .map(|((account, renewal_date), contracts)| {
            let churned = match contracts
                .iter()
                .map(|c| c.status)
                .max_by_key(|s| status_rank(*s))
            {
                Some(ContractStatus::Churned) => Some(true),
                Some(ContractStatus::Renewed) => Some(false),
                Some(ContractStatus::Active) | None => None,
            };
            let key = format!("{account}:{renewal_date}");
            let as_of = match churned {
                Some(_) => renewal_date - Duration::days(lead_for(&key, config.lead_days)),
                None => today + Duration::days(1),
            };
            let signals = facts.churn_signals(account, as_of, config.tone);
            RenewalCase {
                account_id: account.to_string(),
                contract_ids: contracts.iter().map(|c| c.id.clone()).collect(),
                renewal_date,
                arr: contracts.iter().map(|c| c.arr).sum(),
                churned,
                features: churn_features(&signals, as_of, renewal_date, &config.windows),
                as_of,
            }
        })
        .collect()
}

fn status_rank(s: ContractStatus) -> u8 {
    match s {
        ContractStatus::Active => 0,
        ContractStatus::Renewed => 1,
        ContractStatus::Churned => 2,
    }
}

/// The cutoff: the renewal date before which `share` of the resolved cases fall.
pub fn cutoff(resolved: &[&RenewalCase], share: f64) -> Option<NaiveDate> {
    let mut dates: Vec<NaiveDate> = resolved.iter().map(|c| c.renewal_date).collect();
    dates.sort();
    let i = ((dates.len() as f64 * share) as usize).min(dates.len().checked_sub(1)?);
    dates.get(i).copied()
}

fn examples(cases: &[&RenewalCase]) -> Vec<ChurnExample> {
    cases
        .iter()
        .filter_map(|c| {
            Some(ChurnExample {
                features: c.features,
                churned: c.churned?,
            })
        })
        .collect()
}

/// The cases split by time: training renewals resolved before the cutoff, test renewals
/// described on or after it (renewals straddling the cutoff are in neither).
#[derive(Debug, Clone, PartialEq)]
pub struct ChurnSplit {
    /// Every case, resolved and pending.
    pub cases: Vec<RenewalCase>,
    /// The cutoff date.
    pub cutoff: NaiveDate,
}

impl ChurnSplit {
    /// Builds the cases and picks the cutoff.
    pub fn new(
        ds: &CompanyDataset,
        facts: &AccountFacts,
        today: NaiveDate,
        config: &ChurnBacktestConfig,
    ) -> Result<Self, CompetitiveBacktestError> {
        let cases = cases(ds, facts, today, config);
        let resolved: Vec<&RenewalCase> = cases.iter().filter(|c| c.churned.is_some()).collect();
        let cutoff = cutoff(&resolved, config.train_share)
            .ok_or(CompetitiveBacktestError::Empty("resolved renewals"))?;
        Ok(Self { cases, cutoff })
    }

    /// Resolved cases.
    pub fn resolved(&self) -> Vec<&RenewalCase> {
        self.cases.iter().filter(|c| c.churned.is_some()).collect()
    }

    /// Resolved before the cutoff: their outcome was known by then.
    pub fn train(&self) -> Vec<&RenewalCase> {
        self.resolved()
            .into_iter()
            .filter(|c| c.renewal_date < self.cutoff)
            .collect()
    }

    /// Described on or after the cutoff.
    pub fn test(&self) -> Vec<&RenewalCase> {
        self.resolved()
            .into_iter()
            .filter(|c| c.as_of >= self.cutoff)
            .collect()
    }
}

/// Runs the backtest.
pub fn backtest(
    ds: &CompanyDataset,
    truth: &GroundTruth,
    facts: &AccountFacts,
    config: &ChurnBacktestConfig,
) -> Result<ChurnBacktest, CompetitiveBacktestError> {
    let split = ChurnSplit::new(ds, facts, truth.today, config)?;
    let (train, test) = (split.train(), split.test());
    let model = ChurnModel::train(&examples(&train), &config.logistic)?;
    let probabilities: Vec<f64> = test
        .iter()
        .map(|c| model.score(&c.features).probability)
        .collect();
    let labels: Vec<bool> = test.iter().map(|c| c.churned == Some(true)).collect();
    let base =
        train.iter().filter(|c| c.churned == Some(true)).count() as f64 / train.len().max(1) as f64;
    let full = ChurnModel::train(&examples(&split.resolved()), &config.logistic)?;
    let planted = planted(truth);
    let true_p: Vec<f64> = test
        .iter()
        .map(|c| {
            planted
                .get(&(c.account_id.as_str(), c.renewal_date))
                .map_or(f64::NAN, |p| p.1)
        })
        .collect();
    Ok(ChurnBacktest {
        cutoff: split.cutoff,
        train: (train.len(), model.trained_on.1),
        test: (test.len(), labels.iter().filter(|l| **l).count()),
        test_auc: auc(&probabilities, &labels),
        test_brier: brier(&probabilities, &labels),
        test_brier_base_rate: brier(&vec![base; labels.len()], &labels),
        test_auc_true_probability: auc(&true_p, &labels).filter(|a| a.is_finite()),
        test_brier_true_probability: brier(&true_p, &labels).filter(|b| b.is_finite()),
        weights: model
            .weights()
            .into_iter()
            .map(|(f, w)| (f.as_str().to_string(), w))
            .collect(),
        pending: pending_recovery(&split.cases, truth, &full, config),
    })
}

/// The model trained on a split's training cases.
pub fn train_model(
    split: &ChurnSplit,
    config: &LogisticConfig,
) -> Result<ChurnModel, CompetitiveBacktestError> {
    Ok(ChurnModel::train(&examples(&split.train()), config)?)
}
