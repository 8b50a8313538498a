//! The audit log for administrators: entries filtered by principal, surface, decision and
//! time, and a verification of the hash chain that names the first broken link.

use chrono::{DateTime, Utc};
use revpulse_gateway_store::{AuditQuery, Decision};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::me::NoArgs;
use super::{Operation, OperationKind};
use crate::ServiceError;
use crate::service::Caller;

/// Which entries.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditLogArgs {
    /// Only this principal's.
    #[serde(default)]
    pub principal: Option<String>,
    /// Only this surface's (`graphql`, `mcp_http`, `mcp_stdio`, `cli`, `bot`, `scheduler`).
    #[serde(default)]
    pub surface: Option<String>,
    /// Only `allowed` or only `refused`.
    #[serde(default)]
    pub decision: Option<String>,
    /// From this instant.
    #[serde(default)]
    pub since: Option<DateTime<Utc>>,
    /// Before this instant.
    #[serde(default)]
    pub until: Option<DateTime<Utc>>,
    /// After this sequence number (paging).
    #[serde(default)]
    pub after_seq: Option<i64>,
    /// At most this many (default 100, at most 1,000).
    #[serde(default)]
    pub limit: Option<u16>,
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AuditEntryView {
    /// Position in the chain.
    pub seq: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub principal: String,
    /// Through which surface.
    pub surface: String,
    /// `question`, `tool_call`, `answer`, `action`.
    pub kind: String,
    /// Tool, action or outcome name.
    pub name: String,
    /// Arguments as sent.
    pub args: Value,
    /// Ids of the records and passages returned.
    pub returned_ids: Vec<String>,
    /// The answer's message id.
    pub answer_id: Option<String>,
    /// `allowed` or `refused`.
    pub decision: String,
    /// Milliseconds.
    pub latency_ms: i64,
    /// The error or reason.
    pub detail: Option<String>,
    /// Hash of the previous entry.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// The chain's verification.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ChainView {
    /// Entries checked.
    pub rows_checked: i64,
    /// Whether every link holds.
    pub intact: bool,
    /// The first broken entry's sequence number.
    pub first_broken_seq: Option<i64>,
    /// What is wrong with it.
    pub reason: Option<String>,
}

fn admin(caller: &Caller) -> Result<(), ServiceError> {
    if caller.is_admin {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "the audit log is for administrators".into(),
        ))
    }
}

/// The operations.
pub fn operations() -> Vec<Operation> {
    vec![
        Operation::typed(
            "audit_log",
            "Audit entries (administrators): every question, tool call, answer and action \
             with who, where, what was returned and whether it was allowed.",
            OperationKind::Query,
            |service, caller, args: AuditLogArgs| async move {
                admin(&caller)?;
                let decision = match args.decision.as_deref() {
                    None => None,
                    Some("allowed") => Some(Decision::Allowed),
                    Some("refused") => Some(Decision::Refused),
                    Some(other) => {
                        return Err(ServiceError::InvalidInput(format!(
                            "decision `{other}` is not `allowed` or `refused`"
                        )));
                    }
                };
                let query = AuditQuery {
                    principal: args.principal,
                    surface: args.surface,
                    decision,
                    since: args.since,
                    until: args.until,
                    after_seq: args.after_seq,
                    limit: u32::from(args.limit.unwrap_or(100).min(1_000)),
                };
                let entries = service.app().audit_entries(&query).await?;
                Ok(entries
                    .into_iter()
                    .map(|e| AuditEntryView {
                        seq: e.seq,
                        at: e.at,
                        principal: e.principal,
                        surface: e.surface,
                        kind: e.kind,
                        name: e.name,
                        args: e.args,
                        returned_ids: e.returned_ids,
                        answer_id: e.answer_id,
                        decision: e.decision.as_str().to_owned(),
                        latency_ms: e.latency_ms,
                        detail: e.detail,
                        prev_hash: e.prev_hash,
                        hash: e.hash,
                    })
                    .collect::<Vec<_>>())
            },
        ),
        Operation::typed(
            "audit_chain",
            "Verify the audit log's hash chain (administrators); names the first broken link.",
            OperationKind::Query,
            |service, caller, _: NoArgs| async move {
                admin(&caller)?;
                let check = service.app().verify_audit_chain().await?;
                Ok(ChainView {
                    rows_checked: i64::try_from(check.rows_checked).unwrap_or(i64::MAX),
                    intact: check.first_broken.is_none(),
                    first_broken_seq: check.first_broken.as_ref().map(|b| b.seq),
                    reason: check.first_broken.map(|b| b.reason.to_string()),
                })
            },
        ),
    ]
}
