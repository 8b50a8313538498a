//! What the index stores: a citable passage with the revenue metadata that filters and
//! scope act on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Most characters a single indexed passage may carry; the chunker keeps passages far below.
pub const MAX_TEXT_CHARS: usize = 64 * 1024;

/// A passage to index. The id is the chunk id the knowledge graph also records, so a hit
/// can be cited down to the exact passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDocument {
    /// Stable chunk id, e.g. `tr-000123#4-7`.
    pub id: String,
    /// The passage text.
    pub text: String,
    /// Filterable revenue context.
    pub metadata: DocumentMetadata,
}

/// The filterable fields of a passage; every value is an id or a snake_case name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DocumentMetadata {
    /// The deal the passage concerns, if any.
    pub deal_id: Option<String>,
    /// The account the passage concerns.
    pub account_id: String,
    /// The deal's stage when the passage happened, if known.
    pub stage: Option<String>,
    /// The account's region id.
    pub region: String,
    /// The deal's product line id, if any.
    pub product_line: Option<String>,
    /// The seller's user id.
    pub sales_rep: String,
    /// Canonical names of competitors the passage mentions.
    pub competitor_mentioned: Vec<String>,
    /// `call_transcript`, `email`, `meeting` or `ticket_comment`.
    pub source_type: String,
    /// When the passage happened.
    pub timestamp: DateTime<Utc>,
}

impl SearchDocument {
    /// Checks the document can be indexed: a non-blank id, non-blank text within
    /// [`MAX_TEXT_CHARS`], and the required metadata present.
    pub fn validate(&self) -> Result<(), crate::SearchError> {
        let invalid = |reason: String| {
            Err(crate::SearchError::InvalidDocument {
                id: self.id.clone(),
                reason,
            })
        };
        if self.id.trim().is_empty() {
            return invalid("the id is empty".into());
        }
        if self.text.trim().is_empty() {
            return invalid("the text is empty".into());
        }
        let chars = self.text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return invalid(format!(
                "the text has {chars} characters, above the limit of {MAX_TEXT_CHARS}; chunk it first"
            ));
        }
        if self.metadata.account_id.trim().is_empty() {
            return invalid("account_id is empty".into());
        }
        if self.metadata.region.trim().is_empty() {
            return invalid("region is empty".into());
        }
        if self.metadata.source_type.trim().is_empty() {
            return invalid("source_type is empty".into());
        }
        Ok(())
    }
}
