//! Executive briefs: `generate_brief` writes the daily brief or the weekly summary for the
//! caller's scope and keeps it; `briefs` and `brief` read the caller's stored briefs.

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_agents::write_brief;
use revpulse_tools::brief::BriefKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Operation, OperationKind};
use crate::ServiceError;
use crate::service::AuditEvent;

/// Which brief to write.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerateBriefArgs {
    /// The weekly summary instead of the daily brief.
    #[serde(default)]
    pub weekly: bool,
}

/// Which stored brief.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BriefArgs {
    /// Brief id.
    pub id: String,
}

/// How many stored briefs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BriefsArgs {
    /// At most this many, newest first (default 10, at most 100).
    #[serde(default)]
    pub limit: Option<u16>,
}

/// A stored brief.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct BriefView {
    /// Brief id.
    pub id: String,
    /// `daily` or `weekly`.
    pub kind: String,
    /// The day it is for.
    pub for_date: NaiveDate,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// The brief as Markdown.
    pub markdown: String,
    /// The structured brief (the `executive_brief` tool's output) and its answer.
    pub data: serde_json::Value,
}

impl From<revpulse_gateway_store::Brief> for BriefView {
    fn from(b: revpulse_gateway_store::Brief) -> Self {
        Self {
            id: b.id.to_string(),
            kind: b.kind.as_str().to_owned(),
            for_date: b.for_date,
            created_at: b.created_at,
            markdown: b.markdown,
            data: b.json,
        }
    }
}

/// The operations.
pub fn operations() -> Vec<Operation> {
    vec![
        Operation::typed(
            "generate_brief",
            "Write the executive brief for today (or the weekly summary) over what you may \
             see: pipeline health, forecast vs quota with drivers, slippage, risk-ranked deals, \
             wins and losses, competitor trend and recommended actions. It is kept for later.",
            OperationKind::Mutation,
            |service, caller, args: GenerateBriefArgs| async move {
                let kind = if args.weekly {
                    BriefKind::Weekly
                } else {
                    BriefKind::Daily
                };
                let started = std::time::Instant::now();
                let ctx = service.context(&caller);
                let written = write_brief(&ctx, service.catalogue(), kind).await?;
                let (kind_name, stored_kind) = if args.weekly {
                    ("weekly", revpulse_gateway_store::BriefKind::Weekly)
                } else {
                    ("daily", revpulse_gateway_store::BriefKind::Daily)
                };
                let saved = service
                    .app()
                    .save_brief(revpulse_gateway_store::NewBrief {
                        kind: stored_kind,
                        for_date: service.today(),
                        principal: caller.subject.clone(),
                        markdown: written.to_markdown(),
                        json: json!({ "brief": written.data, "answer": written.answer }),
                    })
                    .await?;
                let cited = written
                    .answer
                    .citations
                    .iter()
                    .map(|c| c.source.id().to_owned())
                    .collect();
                service
                    .audit(
                        &caller,
                        AuditEvent::action(
                            "generate_brief",
                            json!({ "kind": kind_name }),
                            cited,
                            None,
                        )
                        .took(started.elapsed()),
                    )
                    .await?;
                Ok(BriefView::from(saved))
            },
        ),
        Operation::typed(
            "briefs",
            "Your stored briefs, newest first.",
            OperationKind::Query,
            |service, caller, args: BriefsArgs| async move {
                let limit = u32::from(args.limit.unwrap_or(10).min(100));
                let list = service.app().briefs_of(&caller.subject, limit).await?;
                Ok(list.into_iter().map(BriefView::from).collect::<Vec<_>>())
            },
        ),
        Operation::typed(
            "brief",
            "One of your stored briefs.",
            OperationKind::Query,
            |service, caller, args: BriefArgs| async move {
                let unknown =
                    || ServiceError::NotFound(format!("brief `{}` was not found", args.id));
                let id = args.id.parse().map_err(|_| unknown())?;
                let brief = match service.app().brief(id).await {
                    Err(revpulse_gateway_store::StoreError::NotFound { .. }) => Err(unknown()),
                    other => other.map_err(ServiceError::from),
                }?;
                if brief.principal != caller.subject {
                    return Err(unknown());
                }
                Ok(BriefView::from(brief))
            },
        ),
    ]
}
