//! The chunk record handed to search: a citable passage plus the deal and account context
//! that filters and answers need.

use chrono::{DateTime, Utc};
use revpulse_graph::model::Stage;
use serde::{Deserialize, Serialize};

/// Where a chunk's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    /// Speaker turns of a recorded call.
    CallTranscript,
    /// An email.
    Email,
    /// Notes of a meeting without a recording.
    Meeting,
    /// One comment on a support ticket.
    TicketComment,
}

impl SourceType {
    /// The stable snake_case name stored in the graph and the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CallTranscript => "call_transcript",
            Self::Email => "email",
            Self::Meeting => "meeting",
            Self::TicketComment => "ticket_comment",
        }
    }
}

/// The revenue context of a chunk, as of the moment its passage was written or said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkMetadata {
    /// The deal the passage concerns, if any.
    pub deal_id: Option<String>,
    /// The account the passage concerns.
    pub account_id: String,
    /// The deal's stage as of `timestamp` (latest stage change at or before it); `None`
    /// without a deal or before the deal's first stage record.
    pub stage: Option<Stage>,
    /// The account's region id.
    pub region: String,
    /// The deal's product line id, if there is a deal.
    pub product_line: Option<String>,
    /// The seller: the activity's user id, or the account owner for ticket comments.
    pub sales_rep: String,
    /// Canonical names of competitors named in this chunk's own text, sorted.
    pub competitor_mentioned: Vec<String>,
    /// What kind of source the passage is.
    pub source_type: SourceType,
    /// When the passage happened: call start plus the first turn's offset; the activity time
    /// for emails and meetings; the comment time for ticket comments.
    pub timestamp: DateTime<Utc>,
}

/// A passage small enough to embed, with everything needed to cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    /// Stable id `"{source_id}#{first_passage}-{last_passage}"`; when one passage had to be
    /// cut into several chunks, each piece gets a 1-based suffix: `"{source_id}#7-7.2"`.
    pub id: String,
    /// Transcript id, activity id (emails, meetings) or ticket id.
    pub source_id: String,
    /// First turn / comment index covered (0 for emails and meetings).
    pub first_passage: usize,
    /// Last turn / comment index covered, inclusive (0 for emails and meetings).
    pub last_passage: usize,
    /// The passage; transcripts and ticket comments as `"Name: text"` lines joined by `\n`.
    pub text: String,
    /// Tokens of `text` under the counter used; never above the configured budget.
    pub tokens: usize,
    /// Revenue context.
    pub metadata: ChunkMetadata,
}

/// The stable id of a chunk; `piece` is `Some(k)` (1-based) for the pieces of a cut passage.
pub fn chunk_id(source_id: &str, first: usize, last: usize, piece: Option<usize>) -> String {
    match piece {
        Some(k) => format!("{source_id}#{first}-{last}.{k}"),
        None => format!("{source_id}#{first}-{last}"),
    }
}

impl Chunk {
    /// The graph's reference to this chunk.
    pub fn graph_ref(&self) -> revpulse_graph::model::ChunkRef {
        let passage = |i: usize| i64::try_from(i).unwrap_or(i64::MAX);
        revpulse_graph::model::ChunkRef {
            id: self.id.clone(),
            source_type: self.metadata.source_type.as_str().to_string(),
            source_id: self.source_id.clone(),
            first_passage: passage(self.first_passage),
            last_passage: passage(self.last_passage),
            timestamp: self.metadata.timestamp,
            account_id: self.metadata.account_id.clone(),
            deal_id: self.metadata.deal_id.clone(),
        }
    }
}
