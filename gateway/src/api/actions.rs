//! Recorded decisions: a forecast submission for a quarter, a forecast override on one deal,
//! an alert acknowledged. A deal named here must be one the caller can see — checked through
//! the scoped `deal_detail` tool, so an out-of-scope deal reads exactly like a missing one —
//! and every action is audited.

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_gateway_store::{ForecastOverride, ForecastSubmission};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Operation, OperationKind};
use crate::ServiceError;
use crate::service::{AuditEvent, Caller, RevPulseService};

/// A forecast call for a quarter.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitForecastArgs {
    /// The quarter, `YYYY-Qn` (e.g. `2026-Q4`).
    pub period: String,
    /// Commit, whole dollars.
    pub commit_amount: i64,
    /// Best case, whole dollars (at least the commit).
    pub best_case_amount: i64,
    /// Why.
    #[serde(default)]
    pub note: Option<String>,
}

/// A forecast override on one deal.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideForecastArgs {
    /// The deal id.
    pub deal_id: String,
    /// The forecast category you call it (`commit`, `best_case`, `pipeline`, `omitted`).
    #[serde(default)]
    pub forecast_category: Option<String>,
    /// The amount you call, whole dollars.
    #[serde(default)]
    pub amount: Option<i64>,
    /// The close date you call.
    #[serde(default)]
    pub close_date: Option<NaiveDate>,
    /// Why.
    #[serde(default)]
    pub note: Option<String>,
}

/// An alert on a deal to acknowledge.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcknowledgeAlertArgs {
    /// The deal the alert is about.
    pub deal_id: String,
    /// The alert's rule (`slipped`, `stuck`, `at_risk`, …).
    pub alert: String,
    /// What you are doing about it.
    #[serde(default)]
    pub note: Option<String>,
}

/// Which quarter's submissions.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionsArgs {
    /// The quarter, `YYYY-Qn`.
    pub period: String,
}

/// A stored forecast submission.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ForecastSubmissionView {
    /// Id.
    pub id: String,
    /// Who submitted.
    pub principal: String,
    /// Quarter.
    pub period: String,
    /// What it covers (the submitter's role and scope).
    pub scope_label: String,
    /// Commit.
    pub commit_amount: i64,
    /// Best case.
    pub best_case_amount: i64,
    /// Why.
    pub note: Option<String>,
    /// When.
    pub submitted_at: DateTime<Utc>,
}

/// A stored forecast override.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ForecastOverrideView {
    /// Id.
    pub id: String,
    /// The deal.
    pub deal_id: String,
    /// Category called.
    pub forecast_category: Option<String>,
    /// Amount called.
    pub amount: Option<i64>,
    /// Close date called.
    pub close_date: Option<NaiveDate>,
    /// Why.
    pub note: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A stored acknowledgement.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AlertAcknowledgementView {
    /// The alert (`{rule}:{deal id}`).
    pub alert_id: String,
    /// What is being done.
    pub note: Option<String>,
    /// When.
    pub acknowledged_at: DateTime<Utc>,
}

/// The operations.
pub fn operations() -> Vec<Operation> {
    vec![
        Operation::typed(
            "record_forecast_submission",
            "Submit your forecast call (commit and best case) for a quarter.",
            OperationKind::Mutation,
            |service, caller, args: SubmitForecastArgs| async move {
                submit(&service, &caller, args).await
            },
        ),
        Operation::typed(
            "forecast_submissions",
            "Forecast submissions for a quarter: yours, or everyone's if you see the whole \
             company.",
            OperationKind::Query,
            |service, caller, args: SubmissionsArgs| async move {
                quarter(&args.period)?;
                let all = service.app().forecast_submissions(&args.period).await?;
                Ok(all
                    .into_iter()
                    .filter(|s| caller.scope.is_everything() || s.principal == caller.subject)
                    .map(submission_view)
                    .collect::<Vec<_>>())
            },
        ),
        Operation::typed(
            "record_forecast_override",
            "Override the forecast of one of your deals: category, amount or close date.",
            OperationKind::Mutation,
            |service, caller, args: OverrideForecastArgs| async move {
                override_deal(&service, &caller, args).await
            },
        ),
        Operation::typed(
            "acknowledge_alert",
            "Acknowledge an alert on one of your deals (slipped, stuck, at risk) with what \
             you are doing about it.",
            OperationKind::Mutation,
            |service, caller, args: AcknowledgeAlertArgs| async move {
                acknowledge(&service, &caller, args).await
            },
        ),
    ]
}

async fn submit(
    service: &RevPulseService,
    caller: &Caller,
    args: SubmitForecastArgs,
) -> Result<ForecastSubmissionView, ServiceError> {
    quarter(&args.period)?;
    if args.commit_amount < 0 || args.best_case_amount < args.commit_amount {
        return Err(ServiceError::InvalidInput(
            "commit_amount must be ≥ 0 and best_case_amount ≥ commit_amount".into(),
        ));
    }
    let scope_label = scope_label(caller);
    let stored = service
        .app()
        .record_forecast_submission(ForecastSubmission {
            principal: caller.subject.clone(),
            period: args.period.clone(),
            scope_label,
            commit_amount: args.commit_amount,
            best_case_amount: args.best_case_amount,
            note: args.note.clone(),
        })
        .await?;
    let event = AuditEvent::action(
        "record_forecast_submission",
        json!({ "period": args.period, "commit_amount": args.commit_amount,
                "best_case_amount": args.best_case_amount }),
        vec![stored.id.to_string()],
        None,
    );
    service.audit(caller, event).await?;
    Ok(submission_view(stored))
}

async fn override_deal(
    service: &RevPulseService,
    caller: &Caller,
    args: OverrideForecastArgs,
) -> Result<ForecastOverrideView, ServiceError> {
    if args.forecast_category.is_none() && args.amount.is_none() && args.close_date.is_none() {
        return Err(ServiceError::InvalidInput(
            "give at least one of forecast_category, amount or close_date".into(),
        ));
    }
    if let Some(category) = &args.forecast_category
        && !["commit", "best_case", "pipeline", "omitted"].contains(&category.as_str())
    {
        return Err(ServiceError::InvalidInput(format!(
            "forecast_category `{category}` is not one of commit, best_case, pipeline, omitted"
        )));
    }
    if args.amount.is_some_and(|a| a < 0) {
        return Err(ServiceError::InvalidInput("amount must be ≥ 0".into()));
    }
    visible_deal(service, caller, &args.deal_id).await?;
    let stored = service
        .app()
        .record_forecast_override(ForecastOverride {
            principal: caller.subject.clone(),
            deal_id: args.deal_id.clone(),
            forecast_category: args.forecast_category.clone(),
            amount: args.amount,
            close_date: args.close_date,
            note: args.note.clone(),
        })
        .await?;
    let event = AuditEvent::action(
        "record_forecast_override",
        json!({ "deal_id": args.deal_id, "forecast_category": args.forecast_category,
                "amount": args.amount, "close_date": args.close_date }),
        vec![args.deal_id.clone()],
        None,
    );
    service.audit(caller, event).await?;
    Ok(ForecastOverrideView {
        id: stored.id.to_string(),
        deal_id: stored.deal_id,
        forecast_category: stored.forecast_category,
        amount: stored.amount,
        close_date: stored.close_date,
        note: stored.note,
        created_at: stored.recorded_at,
    })
}

async fn acknowledge(
    service: &RevPulseService,
    caller: &Caller,
    args: AcknowledgeAlertArgs,
) -> Result<AlertAcknowledgementView, ServiceError> {
    let rule = args.alert.trim();
    if rule.is_empty()
        || rule.len() > 64
        || !rule.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(ServiceError::InvalidInput(
            "alert must be a rule name such as `slipped`, `stuck` or `at_risk`".into(),
        ));
    }
    visible_deal(service, caller, &args.deal_id).await?;
    let alert_id = format!("{rule}:{}", args.deal_id);
    let stored = service
        .app()
        .acknowledge_alert(&alert_id, &caller.subject, args.note.as_deref())
        .await?;
    let event = AuditEvent::action(
        "acknowledge_alert",
        json!({ "alert_id": alert_id }),
        vec![args.deal_id.clone()],
        None,
    );
    service.audit(caller, event).await?;
    Ok(AlertAcknowledgementView {
        alert_id: stored.alert_id,
        note: stored.note,
        acknowledged_at: stored.acknowledged_at,
    })
}

/// Fails with `NotFound` unless the caller can see `deal_id` (through the scoped tool).
async fn visible_deal(
    service: &RevPulseService,
    caller: &Caller,
    deal_id: &str,
) -> Result<(), ServiceError> {
    service
        .call_tool(caller, "deal_detail", json!({ "deal_id": deal_id }))
        .await
        .map(|_| ())
}

/// `YYYY-Qn` or an error naming the expected form.
fn quarter(period: &str) -> Result<(), ServiceError> {
    let valid = match period.split_once("-Q") {
        Some((year, q)) => {
            year.len() == 4
                && year.chars().all(|c| c.is_ascii_digit())
                && matches!(q, "1" | "2" | "3" | "4")
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(ServiceError::InvalidInput(format!(
            "period `{period}` is not a quarter like `2026-Q4`"
        )))
    }
}

/// What a caller's submission covers, from their scope (never from their input).
fn scope_label(caller: &Caller) -> String {
    if caller.scope.is_everything() {
        format!("{}: company", caller.role)
    } else {
        let regions: Vec<String> = caller.scope.granted_regions().into_iter().collect();
        if regions.is_empty() {
            format!("{}: own book", caller.role)
        } else {
            format!("{}: {}", caller.role, regions.join(", "))
        }
    }
}

fn submission_view(s: revpulse_gateway_store::ForecastSubmissionRecord) -> ForecastSubmissionView {
    ForecastSubmissionView {
        id: s.id.to_string(),
        principal: s.principal,
        period: s.period,
        scope_label: s.scope_label,
        commit_amount: s.commit_amount,
        best_case_amount: s.best_case_amount,
        note: s.note,
        submitted_at: s.submitted_at,
    }
}
