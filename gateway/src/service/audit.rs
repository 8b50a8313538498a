//! What the service writes to the hash-chained audit log: one entry per question, tool call,
//! answer and state-changing action, with the principal, surface, latency and decision.

use std::time::Duration;

use revpulse_gateway_store::{Decision, NewAuditEntry};
use serde_json::Value;

use super::{Caller, RevPulseService};
use crate::ServiceError;

/// One thing to audit, before the caller and surface are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    kind: &'static str,
    name: String,
    args: Value,
    returned_ids: Vec<String>,
    answer_id: Option<String>,
    refused: bool,
    latency: Duration,
    detail: Option<String>,
}

impl AuditEvent {
    /// A tool call; `error` when it failed.
    pub fn tool_call(
        tool: &str,
        args: Value,
        returned_ids: Vec<String>,
        error: Option<&ServiceError>,
    ) -> Self {
        Self {
            kind: "tool_call",
            name: tool.to_owned(),
            args,
            returned_ids,
            answer_id: None,
            refused: error.is_some_and(ServiceError::is_refusal),
            latency: Duration::ZERO,
            detail: error.map(|e| format!("{}: {e}", e.code())),
        }
    }

    /// A tool call that failed with a tool's own error (`refused` when the caller was turned
    /// down: not found, bad arguments, unknown tool).
    pub fn tool_failure(tool: &str, args: Value, refused: bool, detail: String) -> Self {
        Self {
            kind: "tool_call",
            name: tool.to_owned(),
            args,
            returned_ids: Vec::new(),
            answer_id: None,
            refused,
            latency: Duration::ZERO,
            detail: Some(detail),
        }
    }

    /// A question asked.
    pub fn question(question: &str, conversation_id: &str) -> Self {
        Self {
            kind: "question",
            name: "ask".to_owned(),
            args: serde_json::json!({ "question": question, "conversation_id": conversation_id }),
            returned_ids: Vec::new(),
            answer_id: None,
            refused: false,
            latency: Duration::ZERO,
            detail: None,
        }
    }

    /// An answer given (or refused) as message `answer_id`, citing `returned_ids`.
    pub fn answer(
        answer_id: &str,
        outcome: &str,
        returned_ids: Vec<String>,
        refused: bool,
    ) -> Self {
        Self {
            kind: "answer",
            name: outcome.to_owned(),
            args: Value::Null,
            returned_ids,
            answer_id: Some(answer_id.to_owned()),
            refused,
            latency: Duration::ZERO,
            detail: None,
        }
    }

    /// A state-changing action (`record_forecast_submission`, `acknowledge_alert`, …) or a
    /// refused attempt at one.
    pub fn action(
        name: &str,
        args: Value,
        returned_ids: Vec<String>,
        refused: Option<&str>,
    ) -> Self {
        Self {
            kind: "action",
            name: name.to_owned(),
            args,
            returned_ids,
            answer_id: None,
            refused: refused.is_some(),
            latency: Duration::ZERO,
            detail: refused.map(str::to_owned),
        }
    }

    /// Marked as answered from the reply cache.
    pub fn served_from_cache(mut self) -> Self {
        self.detail = Some("served from the reply cache".to_owned());
        self
    }

    /// With its latency.
    pub fn took(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }
}

impl RevPulseService {
    /// Appends `event` for `caller` to the audit log, grouped with concurrent appends into one
    /// transaction; returns once it is committed.
    pub async fn audit(&self, caller: &Caller, event: AuditEvent) -> Result<(), ServiceError> {
        let entry = NewAuditEntry {
            principal: caller.subject.clone(),
            surface: caller.surface.as_str().to_owned(),
            kind: event.kind.to_owned(),
            name: event.name,
            args: event.args,
            returned_ids: event.returned_ids,
            answer_id: event.answer_id,
            decision: if event.refused {
                Decision::Refused
            } else {
                Decision::Allowed
            },
            latency_ms: i64::try_from(event.latency.as_millis()).unwrap_or(i64::MAX),
            detail: event.detail,
        };
        self.inner.audit.append(entry).await?;
        Ok(())
    }
}
