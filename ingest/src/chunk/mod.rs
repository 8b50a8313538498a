//! Chunking for retrieval: cuts call transcripts (overlapping windows of speaker turns),
//! emails and meeting notes (one per message) and tickets (one per comment) into passages
//! within a token budget, each carrying its deal and account context and a stable id so an
//! answer can cite the exact passage.

mod competitors;
mod config;
mod context;
mod messages;
mod record;
mod split;
mod tickets;
mod tokens;
mod transcripts;

#[cfg(test)]
mod tests;

pub use competitors::CompetitorMatcher;
pub use config::{ChunkError, ChunkingConfig, MIN_MAX_TOKENS};
pub use record::{Chunk, ChunkMetadata, SourceType, chunk_id};
pub use tokens::{TokenCounter, WordPieceEstimate};

use crate::dataset::CompanyDataset;
use context::Lookups;

/// Chunks every transcript, email, meeting and ticket comment of a company.
///
/// Lookups are built once, so the work is linear in the size of the text (plus a binary
/// search of the deal's stage history per chunk). The result is sorted by chunk id, so the
/// same data and config always give the same output.
pub fn chunk_company(
    data: &CompanyDataset,
    config: &ChunkingConfig,
    counter: &dyn TokenCounter,
) -> Result<Vec<Chunk>, ChunkError> {
    config.validate()?;
    let look = Lookups::new(data, config, counter);
    let mut out = Vec::new();
    for transcript in &data.transcripts {
        transcripts::chunk_transcript(&look, transcript, &mut out)?;
    }
    for activity in &data.activities {
        messages::chunk_message(&look, activity, &mut out)?;
    }
    for ticket in &data.tickets {
        tickets::chunk_ticket(&look, ticket, &mut out)?;
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}
