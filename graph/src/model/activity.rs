//! Sales activities — calls, emails, meetings — and call transcripts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The kind of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// A recorded call (has a transcript).
    Call,
    /// An email.
    Email,
    /// A meeting without a recording.
    Meeting,
}

impl ActivityKind {
    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::Email => "email",
            Self::Meeting => "meeting",
        }
    }
}

/// A touchpoint between the seller and the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Natural key, e.g. `"A-0012345"`.
    pub id: String,
    /// Call, email or meeting.
    pub kind: ActivityKind,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The account it concerns.
    pub account_id: String,
    /// The deal it concerns, if any.
    pub opportunity_id: Option<String>,
    /// The seller who ran it.
    pub user_id: String,
    /// Buyer-side participants (contact ids).
    pub contact_ids: Vec<String>,
    /// Subject or meeting title.
    pub subject: String,
    /// Email body or meeting notes; empty for calls (their words are in the transcript).
    pub body: String,
    /// Competitors named in it (canonical names).
    pub competitors_mentioned: Vec<String>,
    /// Call length in minutes; 0 for emails.
    pub duration_minutes: i64,
}

/// Which side of the table a speaker sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// Someone from our company.
    Seller,
    /// Someone from the customer.
    Buyer,
}

/// One speaker turn in a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranscriptTurn {
    /// Seller or buyer.
    pub speaker: Speaker,
    /// User id (seller) or contact id (buyer).
    pub person_id: String,
    /// Seconds from the start of the call.
    pub offset_seconds: i64,
    /// What was said.
    pub text: String,
}

/// The transcript of a recorded call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    /// Natural key, e.g. `"TR-0001234"`.
    pub id: String,
    /// The call activity it records.
    pub activity_id: String,
    /// The speaker turns in order.
    pub turns: Vec<TranscriptTurn>,
}
