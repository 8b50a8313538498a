//! The conversation tools: what customers said in calls, emails, meetings and tickets — search,
//! call summaries, objections and competitive intelligence — read from the search index (the
//! only home of conversation text) with the caller's scope applied inside every query, and
//! analysed with the analytics' competitor matcher, mention classifier, cue lexicons, sentiment
//! scorer, heatmap and win rates.
//!
//! Layout: one file per tool; `chunks` reads a chunk's id and speaker turns, `passages` pages
//! through browses and builds citations, `lookup` checks the records a question names,
//! `rivals` wraps the competitor matcher, `sentences` / `statements` read sentences with the cue
//! tables (`objection_cues`, `commitment_cues`), `call_digest` boils a call down.

pub mod call_digest;
pub mod call_summaries;
pub mod chunks;
pub mod commitment_cues;
pub mod competitor_insights;
pub mod competitor_mentions;
pub mod competitor_win_rates;
pub mod conversation_search;
pub mod lookup;
pub mod objection_cues;
pub mod objections;
pub mod passages;
pub mod rivals;
pub mod sentences;
pub mod statements;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub mod tests;

use crate::Catalogue;

pub use call_digest::{CallObjection, CitedSentence};
pub use call_summaries::CallSummariesTool;
pub use competitor_insights::CompetitorInsightsTool;
pub use competitor_mentions::CompetitorMentionsTool;
pub use competitor_win_rates::CompetitorWinRatesTool;
pub use conversation_search::ConversationSearchTool;
pub use objections::ObjectionsTool;
pub use sentences::ObjectionCategory;

/// Registers this family's tools.
pub(crate) fn register(catalogue: &mut Catalogue) {
    catalogue
        .register(ConversationSearchTool)
        .register(CallSummariesTool)
        .register(ObjectionsTool)
        .register(CompetitorMentionsTool)
        .register(CompetitorInsightsTool)
        .register(CompetitorWinRatesTool);
}
