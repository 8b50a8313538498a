//! The churn model the customer tools score with: a regularised logistic regression
//! (revpulse-analytics) fitted on the caller's past renewals whose outcome is known, each
//! described as of 60–90 days before its renewal date (only what was known then), and kept in
//! the process-wide cache per (scoped records, today).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use revpulse_analytics::competitive::CompetitiveError;
use revpulse_analytics::competitive::churn::{ChurnExample, ChurnModel, ChurnScore};
use revpulse_analytics::competitive::churn_features::{
    ChurnFeatureRow, FeatureWindows, churn_features,
};
use revpulse_analytics::competitive::logistic::LogisticConfig;
use revpulse_graph::model::{CompanyDataset, ContractStatus};

use super::book::{CustomerBook, CustomerRecords, SIGNAL_DAYS, TREND_WEEKS, UTILISATION_WEEKS};
use super::cache::{CHURN_MODELS, fingerprint_of};
use crate::ToolError;

/// Fewest past renewals with a known outcome the model is fitted on.
const MIN_EXAMPLES: usize = 20;
/// A past renewal is described this many days before it, drawn per renewal in this range.
const LEAD_DAYS: (i64, i64) = (60, 90);

/// What the model cannot be fitted without, said to the caller.
const MISSING: &str = "past contract renewals with a known outcome (at least 20, some renewed \
    and some churned) among the accounts you can see would let a churn model be fitted";

/// The windows every churn feature is computed over.
pub(crate) fn windows() -> FeatureWindows {
    FeatureWindows {
        usage_weeks: TREND_WEEKS,
        utilisation_weeks: UTILISATION_WEEKS,
        ticket_days: SIGNAL_DAYS,
        mention_days: SIGNAL_DAYS,
    }
}

/// The account's churn features as of `as_of`, for a renewal due on `renewal_date`.
pub(crate) fn features(
    records: &CustomerRecords<'_>,
    as_of: NaiveDate,
    renewal_date: NaiveDate,
) -> ChurnFeatureRow {
    churn_features(&records.churn_signals(), as_of, renewal_date, &windows())
}

/// The fitted model for the caller's records as of `today` (fitted once, then cached).
pub(crate) async fn fitted(
    company: &Arc<CompanyDataset>,
    today: NaiveDate,
) -> Result<Arc<ChurnModel>, ToolError> {
    let key = (fingerprint_of(company), today);
    let company = Arc::clone(company);
    CHURN_MODELS
        .get_or_fit(key, move || fit(&company, today))
        .await
}

/// The fitted model, or `None` when the records cannot support one (other errors pass).
pub(crate) async fn fitted_if_possible(
    company: &Arc<CompanyDataset>,
    today: NaiveDate,
) -> Result<Option<Arc<ChurnModel>>, ToolError> {
    match fitted(company, today).await {
        Ok(model) => Ok(Some(model)),
        Err(ToolError::NotEnoughData { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Scores one account's renewal as of the end of `today`.
pub(crate) fn score(
    model: &ChurnModel,
    records: &CustomerRecords<'_>,
    today: NaiveDate,
    renewal_date: NaiveDate,
) -> ChurnScore {
    model.score(&features(records, super::book::after(today), renewal_date))
}

/// Fits on every renewal resolved before `today`.
fn fit(company: &CompanyDataset, today: NaiveDate) -> Result<ChurnModel, ToolError> {
    let book = CustomerBook::new(company);
    let examples = examples(&book, today);
    if examples.len() < MIN_EXAMPLES {
        return Err(ToolError::NotEnoughData {
            missing: MISSING.to_owned(),
        });
    }
    ChurnModel::train(&examples, &LogisticConfig::default()).map_err(|e| match e {
        CompetitiveError::SingleClass { .. } | CompetitiveError::NoTrainingData => {
            ToolError::NotEnoughData {
                missing: MISSING.to_owned(),
            }
        }
        other => ToolError::analytics("churn model fit", other),
    })
}

/// One example per account-renewal (an account's contracts renewing the same day) that ended
/// before `today`: churned when any of them churned.
fn examples(book: &CustomerBook<'_>, today: NaiveDate) -> Vec<ChurnExample> {
    let mut out = Vec::new();
    for records in book.accounts() {
        let mut renewals: BTreeMap<NaiveDate, bool> = BTreeMap::new();
        for c in records.contracts.iter().filter(|c| c.renewal_date < today) {
            let churned = match c.status {
                ContractStatus::Churned => true,
                ContractStatus::Renewed => false,
                ContractStatus::Active => continue,
            };
            *renewals.entry(c.renewal_date).or_default() |= churned;
        }
        for (renewal_date, churned) in renewals {
            let key = format!("{}:{renewal_date}", records.account.id);
            let as_of = renewal_date - Duration::days(lead_for(&key));
            out.push(ChurnExample {
                features: features(records, as_of, renewal_date),
                churned,
            });
        }
    }
    out
}

/// A stable pseudo-random lead in [`LEAD_DAYS`] for a renewal (FNV-1a of its key), so the
/// model sees renewals described at varied distances, the same on every run.
fn lead_for(key: &str) -> i64 {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let width = (LEAD_DAYS.1 - LEAD_DAYS.0 + 1) as u64;
    LEAD_DAYS.0 + (hash % width) as i64
}
