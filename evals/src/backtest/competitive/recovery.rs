//! Recovery of the planted churners: today's pending renewals due soon are scored with a model
//! trained on every resolved renewal, and ranked against the generator's planned outcomes;
//! the renewal-risk alerts raised today are checked against them too.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use revpulse_analytics::competitive::alerts::{ScoredRenewal, renewal_risk_alerts};
use revpulse_analytics::competitive::churn::ChurnModel;
use revpulse_analytics::stats::{auc, spearman};
use revpulse_ingest::demo::GroundTruth;
use serde::Serialize;

use super::churn::{ChurnBacktestConfig, RenewalCase};

/// How today's pending renewals rank against the churners the generator planted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingRecovery {
    /// Pending renewals scored (due within the horizon).
    pub scored: usize,
    /// Of those, planted churners.
    pub planted_churners: usize,
    /// AUC of the churn probability against the planted outcome.
    pub auc: Option<f64>,
    /// Share of planted churners among the top k by probability, k = planted churners.
    pub precision_at_k: f64,
    /// Share of planted churners among all scored (what random ranking would give).
    pub base_rate: f64,
    /// Spearman correlation with the generator's true churn probability.
    pub spearman_true_probability: Option<f64>,
    /// Renewal-risk alerts raised today.
    pub alerts: usize,
    /// Of those, planted churners.
    pub alerts_true: usize,
    /// ARR at risk over the alerts, in dollars.
    pub alert_arr_at_risk: i64,
}

/// Scores the pending renewals of `all` due within the horizon with `model` (trained on every
/// resolved renewal).
pub fn pending_recovery(
    all: &[RenewalCase],
    truth: &GroundTruth,
    model: &ChurnModel,
    config: &ChurnBacktestConfig,
) -> PendingRecovery {
    let planted = planted(truth);
    let due: Vec<(&RenewalCase, bool, f64)> = all
        .iter()
        .filter(|c| {
            c.churned.is_none() && (c.renewal_date - truth.today).num_days() <= config.horizon_days
        })
        .filter_map(|c| {
            planted
                .get(&(c.account_id.as_str(), c.renewal_date))
                .map(|(w, p)| (c, *w, *p))
        })
        .collect();
    let scored: Vec<ScoredRenewal> = due
        .iter()
        .map(|(c, _, _)| ScoredRenewal {
            account_id: c.account_id.clone(),
            contract_ids: c.contract_ids.clone(),
            renewal_date: c.renewal_date,
            arr: c.arr,
            score: model.score(&c.features),
        })
        .collect();
    let probabilities: Vec<f64> = scored.iter().map(|s| s.score.probability).collect();
    let labels: Vec<bool> = due.iter().map(|d| d.1).collect();
    let truths: Vec<f64> = due.iter().map(|d| d.2).collect();
    let alerts = renewal_risk_alerts(&scored, truth.today, &config.alerts);
    let churners: BTreeSet<&str> = due
        .iter()
        .filter(|d| d.1)
        .map(|d| d.0.account_id.as_str())
        .collect();
    let k = churners.len();
    PendingRecovery {
        scored: due.len(),
        planted_churners: k,
        auc: auc(&probabilities, &labels),
        precision_at_k: precision_at_k(&probabilities, &labels, k),
        base_rate: k as f64 / due.len().max(1) as f64,
        spearman_true_probability: spearman(&probabilities, &truths),
        alerts: alerts.len(),
        alerts_true: alerts
            .iter()
            .filter(|a| churners.contains(a.account_id.as_str()))
            .count(),
        alert_arr_at_risk: alerts.iter().map(|a| a.arr_at_risk).sum(),
    }
}

/// The generator's planned outcome and true churn probability per account-renewal.
pub fn planted(truth: &GroundTruth) -> BTreeMap<(&str, NaiveDate), (bool, f64)> {
    truth
        .renewals
        .iter()
        .map(|r| {
            (
                (r.account_id.as_str(), r.renewal_date),
                (r.will_churn, r.true_churn_probability),
            )
        })
        .collect()
}

/// Share of positives among the `k` highest scores (ties broken by position).
pub fn precision_at_k(scores: &[f64], labels: &[bool], k: usize) -> f64 {
    if k == 0 {
        return 0.0;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b)));
    order.iter().take(k).filter(|i| labels[**i]).count() as f64 / k as f64
}
