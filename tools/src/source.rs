//! Citations: what every tool output carries so an answer can link each number to the records
//! it came from and each statement about a conversation to its passage.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One thing an output was computed from.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Source {
    /// A record of the knowledge graph.
    Record {
        /// Node label, e.g. `Opportunity`.
        kind: String,
        /// Natural key.
        id: String,
        /// Human label (deal or account name).
        label: String,
    },
    /// A passage of a call, email, meeting or ticket.
    Passage {
        /// Chunk id, citable against the graph's `Chunk` nodes.
        chunk_id: String,
        /// The words the claim rests on.
        snippet: String,
        /// `call`, `email`, `meeting` or `ticket`.
        source_type: String,
        /// When it was said or written (RFC 3339).
        timestamp: String,
    },
}

impl Source {
    /// A graph record.
    pub fn record(kind: &str, id: &str, label: &str) -> Self {
        Self::Record {
            kind: kind.to_owned(),
            id: id.to_owned(),
            label: label.to_owned(),
        }
    }

    /// The id it cites (record id or chunk id).
    pub fn id(&self) -> &str {
        match self {
            Self::Record { id, .. } => id,
            Self::Passage { chunk_id, .. } => chunk_id,
        }
    }
}

/// An output that says what it was computed from.
pub trait Cited {
    /// Its sources.
    fn sources(&self) -> &[Source];
}

/// Implements [`Cited`] for output structs that keep their citations in a `sources` field.
#[macro_export]
macro_rules! cited_by_field {
    ($($ty:ty),+ $(,)?) => {
        $(impl $crate::Cited for $ty {
            fn sources(&self) -> &[$crate::Source] {
                &self.sources
            }
        })+
    };
}
