//! Emails and meeting notes → one chunk per activity (subject line, then body), cut by
//! lines and sentences only when over the token budget.

use revpulse_graph::model::{Activity, ActivityKind};

use super::config::ChunkError;
use super::context::Lookups;
use super::record::{Chunk, SourceType};

/// Appends the chunks of one email or meeting to `out`; calls are skipped (their words are
/// chunked from the transcript).
pub fn chunk_message(
    look: &Lookups<'_>,
    activity: &Activity,
    out: &mut Vec<Chunk>,
) -> Result<(), ChunkError> {
    let source_type = match activity.kind {
        ActivityKind::Call => return Ok(()),
        ActivityKind::Email => SourceType::Email,
        ActivityKind::Meeting => SourceType::Meeting,
    };
    let ctx = look.activity_context(&activity.id, activity, source_type)?;
    let text = if activity.body.trim().is_empty() {
        activity.subject.clone()
    } else {
        format!("{}\n{}", activity.subject, activity.body)
    };
    look.passage(&ctx, 0, "", &text, activity.at, out)
}
