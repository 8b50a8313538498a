//! The audit log: every question, tool call, answer and admin action, append-only and
//! hash-chained so that any edit, deletion or reordering of stored rows is detectable.
//!
//! Entry `n` stores `prev_hash` (entry `n-1`'s hash, or [`GENESIS_HASH`] for the first) and
//! `hash = SHA-256(prev_hash ‖ canonical encoding of every field of entry n)`; see
//! [`AuditHashInput`]. Appends are serialised (a transaction-level advisory lock on PostgreSQL,
//! `BEGIN IMMEDIATE` plus one writer per process on SQLite), so there is one chain no matter how
//! many tasks or gateway processes append at once. A busy gateway appends through an
//! [`AuditWriter`], which groups concurrent appends into one transaction. The chain can't detect rows cut off its end;
//! anchoring the latest hash elsewhere (e.g. in the operator's logs) covers that.

mod append;
mod encoding;
mod query;
mod verify;
mod writer;

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use encoding::{AuditHashInput, GENESIS_HASH, canonical_json};
pub use query::{AuditQuery, MAX_AUDIT_PAGE};
pub use verify::{BrokenLink, BrokenReason, ChainVerification};
pub use writer::{AuditWriter, MAX_GROUP};

/// Whether the gateway let the action happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// It went ahead.
    Allowed,
    /// It was refused (authentication, scope, rate limit…).
    Refused,
}

impl Decision {
    /// The stored name: `allowed` or `refused`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::Refused => "refused",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "allowed" => Some(Decision::Allowed),
            "refused" => Some(Decision::Refused),
            _ => None,
        }
    }
}

/// An entry to append.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAuditEntry {
    /// Who acted (subject, token principal, or `anonymous`).
    pub principal: String,
    /// Where: `graphql`, `mcp_http`, `mcp_stdio`, `cli`, `slack`, `teams`, `discord`, …
    pub surface: String,
    /// What kind of event: `question`, `tool_call`, `answer`, `auth`, `admin`, …
    pub kind: String,
    /// The tool, field or action name.
    pub name: String,
    /// Its arguments.
    pub args: Value,
    /// The ids of the records it returned (deals, accounts, chunks…).
    pub returned_ids: Vec<String>,
    /// The answer this belongs to, if any.
    pub answer_id: Option<String>,
    /// Allowed or refused.
    pub decision: Decision,
    /// How long it took.
    pub latency_ms: i64,
    /// Anything else worth keeping (e.g. why it was refused).
    pub detail: Option<String>,
}

/// A stored audit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Its position in the chain: 1, 2, 3, … without gaps.
    pub seq: i64,
    /// When it was appended (microsecond precision).
    pub at: DateTime<Utc>,
    /// Who acted.
    pub principal: String,
    /// Where.
    pub surface: String,
    /// What kind of event.
    pub kind: String,
    /// The tool, field or action name.
    pub name: String,
    /// Its arguments.
    pub args: Value,
    /// The ids of the records it returned.
    pub returned_ids: Vec<String>,
    /// The answer this belongs to, if any.
    pub answer_id: Option<String>,
    /// Allowed or refused.
    pub decision: Decision,
    /// How long it took.
    pub latency_ms: i64,
    /// Anything else worth keeping.
    pub detail: Option<String>,
    /// The previous entry's hash ([`GENESIS_HASH`] for seq 1), lower-case hex.
    pub prev_hash: String,
    /// This entry's hash, lower-case hex.
    pub hash: String,
}

impl AuditEntry {
    /// The hash this entry should have, recomputed from its fields and `prev_hash`.
    pub fn recompute_hash(&self) -> String {
        let args_json = canonical_json(&self.args);
        let input = AuditHashInput {
            seq: self.seq,
            at: self.at,
            principal: &self.principal,
            surface: &self.surface,
            kind: &self.kind,
            name: &self.name,
            args_json: &args_json,
            returned_ids: &self.returned_ids,
            answer_id: self.answer_id.as_deref(),
            decision: self.decision.as_str(),
            latency_ms: self.latency_ms,
            detail: self.detail.as_deref(),
        };
        input.chain_hash(&self.prev_hash)
    }
}

/// An audit row as stored: hashed fields exactly as they were hashed.
#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    pub(crate) seq: i64,
    pub(crate) at: DateTime<Utc>,
    pub(crate) principal: String,
    pub(crate) surface: String,
    pub(crate) kind: String,
    pub(crate) name: String,
    pub(crate) args_json: String,
    pub(crate) returned_ids_json: String,
    pub(crate) answer_id: Option<String>,
    pub(crate) decision: String,
    pub(crate) latency_ms: i64,
    pub(crate) detail: Option<String>,
    pub(crate) prev_hash: String,
    pub(crate) hash: String,
}

impl AuditRow {
    /// The row's returned ids, or why they can't be read.
    pub(crate) fn returned_ids(&self) -> Result<Vec<String>, String> {
        serde_json::from_str(&self.returned_ids_json)
            .map_err(|error| format!("returned ids `{}`: {error}", self.returned_ids_json))
    }

    /// The hash the row should have, given its own `prev_hash`.
    pub(crate) fn recompute_hash(&self, returned_ids: &[String]) -> String {
        let input = AuditHashInput {
            seq: self.seq,
            at: self.at,
            principal: &self.principal,
            surface: &self.surface,
            kind: &self.kind,
            name: &self.name,
            args_json: &self.args_json,
            returned_ids,
            answer_id: self.answer_id.as_deref(),
            decision: &self.decision,
            latency_ms: self.latency_ms,
            detail: self.detail.as_deref(),
        };
        input.chain_hash(&self.prev_hash)
    }

    /// The row as an entry, or why it can't be read.
    pub(crate) fn into_entry(self) -> Result<AuditEntry, String> {
        let returned_ids = self.returned_ids()?;
        let args =
            serde_json::from_str(&self.args_json).map_err(|error| format!("args: {error}"))?;
        let decision = Decision::parse(&self.decision)
            .ok_or_else(|| format!("decision `{}`", self.decision))?;
        Ok(AuditEntry {
            seq: self.seq,
            at: self.at,
            principal: self.principal,
            surface: self.surface,
            kind: self.kind,
            name: self.name,
            args,
            returned_ids,
            answer_id: self.answer_id,
            decision,
            latency_ms: self.latency_ms,
            detail: self.detail,
            prev_hash: self.prev_hash,
            hash: self.hash,
        })
    }
}
