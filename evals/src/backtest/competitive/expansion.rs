//! The expansion backtest: every customer with a contract in force today gets an expansion
//! score from its usage, tone and voiced interest as of today, and the ranking is compared with
//! the generator's true expansion candidates.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use revpulse_analytics::competitive::churn_features::{usage_trend, utilisation, weeks_before};
use revpulse_analytics::competitive::expansion::{
    ExpansionSignals, ExpansionWeights, expansion_score,
};
use revpulse_analytics::stats::auc;
use revpulse_ingest::dataset::CompanyDataset;
use revpulse_ingest::demo::GroundTruth;
use serde::Serialize;

use super::recovery::precision_at_k;
use super::signals::{AccountFacts, TicketTone};

/// Days of conversations the tone and interest are taken from.
pub const VOICE_DAYS: i64 = 180;

/// Measured expansion figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpansionBacktest {
    /// Customers scored.
    pub scored: usize,
    /// Of those, true candidates.
    pub candidates: usize,
    /// AUC of the score against the candidate label.
    pub auc: Option<f64>,
    /// Share of true candidates among the top k, k = candidates.
    pub precision_at_k: f64,
    /// Share of candidates among all scored.
    pub base_rate: f64,
}

/// Accounts with a contract in force on `day`, sorted.
pub fn customers_on(ds: &CompanyDataset, day: NaiveDate) -> Vec<&str> {
    let set: BTreeSet<&str> = ds
        .contracts
        .iter()
        .filter(|c| c.start_date <= day && c.renewal_date >= day)
        .map(|c| c.account_id.as_str())
        .collect();
    set.into_iter().collect()
}

/// The expansion signals of an account as of `as_of`.
pub fn signals(facts: &AccountFacts, account: &str, as_of: NaiveDate) -> ExpansionSignals {
    let raw = facts.churn_signals(account, as_of, TicketTone::Lexicon);
    let weeks = weeks_before(&raw.usage, as_of);
    let (sentiment, interest_mentions) = facts.voice(account, as_of, VOICE_DAYS);
    ExpansionSignals {
        seat_utilisation: utilisation(&weeks, 4),
        usage_growth: usage_trend(&weeks, 12),
        sentiment,
        interest_mentions,
    }
}

/// Runs the backtest.
pub fn backtest(
    ds: &CompanyDataset,
    truth: &GroundTruth,
    facts: &AccountFacts,
) -> ExpansionBacktest {
    let as_of = truth.today + Duration::days(1);
    let customers = customers_on(ds, truth.today);
    let truth_set: BTreeSet<&str> = truth
        .expansion_candidates
        .iter()
        .map(|c| c.account_id.as_str())
        .collect();
    let weights = ExpansionWeights::default();
    let scores: Vec<f64> = customers
        .iter()
        .map(|a| expansion_score(&signals(facts, a, as_of), &weights).score)
        .collect();
    let labels: Vec<bool> = customers.iter().map(|a| truth_set.contains(a)).collect();
    let k = labels.iter().filter(|l| **l).count();
    ExpansionBacktest {
        scored: customers.len(),
        candidates: k,
        auc: auc(&scores, &labels),
        precision_at_k: precision_at_k(&scores, &labels, k),
        base_rate: k as f64 / customers.len().max(1) as f64,
    }
}
