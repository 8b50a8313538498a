//! Forecast calls made by leaders: period submissions (commit and best case for a scope) and
//! per-deal overrides of category, amount or close date. Append-only: the history is the point.

use chrono::{DateTime, NaiveDate, Utc};

use crate::backend::dispatch;
use crate::ids::{ForecastOverrideId, ForecastSubmissionId};
use crate::stamp::{Stamp, now};
use crate::users::non_empty;
use crate::{AppStore, StoreError};

/// A forecast call for a period and scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastSubmission {
    /// Who submits.
    pub principal: String,
    /// The period, e.g. `2025-Q3`.
    pub period: String,
    /// The scope submitted for, e.g. `EMEA` or `team:enterprise-west`.
    pub scope_label: String,
    /// The commit figure (whole currency units).
    pub commit_amount: i64,
    /// The best-case figure (whole currency units).
    pub best_case_amount: i64,
    /// Free-text reasoning.
    pub note: Option<String>,
}

/// A stored forecast submission.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ForecastSubmissionRecord {
    /// Its id.
    pub id: ForecastSubmissionId,
    /// Who submitted.
    pub principal: String,
    /// The period.
    pub period: String,
    /// The scope.
    pub scope_label: String,
    /// The commit figure.
    pub commit_amount: i64,
    /// The best-case figure.
    pub best_case_amount: i64,
    /// Free-text reasoning.
    pub note: Option<String>,
    /// When it was recorded.
    pub submitted_at: DateTime<Utc>,
}

/// A leader's override of one deal's forecast fields (`None` leaves a field as the CRM has it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastOverride {
    /// Who overrides.
    pub principal: String,
    /// The opportunity's id.
    pub deal_id: String,
    /// The forecast category to use instead, e.g. `commit`.
    pub forecast_category: Option<String>,
    /// The amount to use instead.
    pub amount: Option<i64>,
    /// The close date to use instead.
    pub close_date: Option<NaiveDate>,
    /// Why.
    pub note: Option<String>,
}

/// A stored forecast override.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ForecastOverrideRecord {
    /// Its id.
    pub id: ForecastOverrideId,
    /// Who overrode.
    pub principal: String,
    /// The opportunity's id.
    pub deal_id: String,
    /// The category used instead, if any.
    pub forecast_category: Option<String>,
    /// The amount used instead, if any.
    pub amount: Option<i64>,
    /// The close date used instead, if any.
    pub close_date: Option<NaiveDate>,
    /// Why.
    pub note: Option<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

const INSERT_SUBMISSION: &str = "\
    INSERT INTO forecast_submissions \
        (principal, period, scope_label, commit_amount, best_case_amount, note, submitted_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7) \
    RETURNING id, principal, period, scope_label, commit_amount, best_case_amount, note, submitted_at";
const SELECT_SUBMISSIONS: &str = "\
    SELECT id, principal, period, scope_label, commit_amount, best_case_amount, note, submitted_at \
    FROM forecast_submissions WHERE period = $1 ORDER BY id";
const INSERT_OVERRIDE: &str = "\
    INSERT INTO forecast_overrides \
        (principal, deal_id, forecast_category, amount, close_date, note, recorded_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7) \
    RETURNING id, principal, deal_id, forecast_category, amount, close_date, note, recorded_at";
const SELECT_OVERRIDES: &str = "\
    SELECT id, principal, deal_id, forecast_category, amount, close_date, note, recorded_at \
    FROM forecast_overrides WHERE ($1 IS NULL OR deal_id = $1) ORDER BY id";

impl AppStore {
    /// Records a forecast submission.
    pub async fn record_forecast_submission(
        &self,
        submission: ForecastSubmission,
    ) -> Result<ForecastSubmissionRecord, StoreError> {
        non_empty("forecast submission principal", &submission.principal)?;
        non_empty("forecast submission period", &submission.period)?;
        dispatch!(&self.pools, db => sqlx::query_as::<_, ForecastSubmissionRecord>(INSERT_SUBMISSION)
            .bind(&submission.principal)
            .bind(&submission.period)
            .bind(&submission.scope_label)
            .bind(submission.commit_amount)
            .bind(submission.best_case_amount)
            .bind(&submission.note)
            .bind(Stamp(now()))
            .fetch_one(db.pool())
            .await)
        .map_err(self.failed("recording a forecast submission"))
    }

    /// Every submission for `period`, in the order they were made.
    pub async fn forecast_submissions(
        &self,
        period: &str,
    ) -> Result<Vec<ForecastSubmissionRecord>, StoreError> {
        dispatch!(&self.pools, db => sqlx::query_as::<_, ForecastSubmissionRecord>(SELECT_SUBMISSIONS)
            .bind(period)
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("listing forecast submissions"))
    }

    /// Records a forecast override.
    pub async fn record_forecast_override(
        &self,
        change: ForecastOverride,
    ) -> Result<ForecastOverrideRecord, StoreError> {
        non_empty("forecast override principal", &change.principal)?;
        non_empty("forecast override deal id", &change.deal_id)?;
        dispatch!(&self.pools, db => sqlx::query_as::<_, ForecastOverrideRecord>(INSERT_OVERRIDE)
            .bind(&change.principal)
            .bind(&change.deal_id)
            .bind(&change.forecast_category)
            .bind(change.amount)
            .bind(change.close_date)
            .bind(&change.note)
            .bind(Stamp(now()))
            .fetch_one(db.pool())
            .await)
        .map_err(self.failed("recording a forecast override"))
    }

    /// The overrides of one deal, or of every deal when `deal_id` is `None`, in the order they
    /// were made.
    pub async fn forecast_overrides(
        &self,
        deal_id: Option<&str>,
    ) -> Result<Vec<ForecastOverrideRecord>, StoreError> {
        dispatch!(&self.pools, db => sqlx::query_as::<_, ForecastOverrideRecord>(SELECT_OVERRIDES)
            .bind(deal_id)
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("listing forecast overrides"))
    }
}
