//! A reference to one searchable passage (a window of call turns, an email, a ticket
//! comment). The text lives in the search index; the graph keeps the id and where it came
//! from, so an answer can cite the exact passage and walk from it to the deal and account.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a passage sits in the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChunkRef {
    /// Stable chunk id, e.g. `"TR-000123#4-9"`.
    pub id: String,
    /// `call_transcript`, `email`, `meeting` or `ticket_comment`.
    pub source_type: String,
    /// The transcript, activity or ticket the passage is part of.
    pub source_id: String,
    /// First turn / comment index covered.
    pub first_passage: i64,
    /// Last turn / comment index covered (inclusive).
    pub last_passage: i64,
    /// When the passage was said or written.
    pub timestamp: DateTime<Utc>,
    /// The account it concerns.
    pub account_id: String,
    /// The deal it concerns, if any.
    pub deal_id: Option<String>,
}
