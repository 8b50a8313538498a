//! Groundedness: how often the guardrails had to remove an unsupported number from a draft,
//! and whether every citation points at something a tool returned.

use std::collections::BTreeSet;

use revpulse_agents::Answer;
use serde::{Deserialize, Serialize};

use crate::agents::replay::{Replayed, all_sources};

/// The guardrail rule that removes unsupported numbers.
pub const NUMERIC_GROUNDING: &str = "numeric_grounding";

/// Groundedness of one answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GroundingCheck {
    /// `numeric_grounding` removals in the trace.
    pub numeric_removals: usize,
    /// Citations in the answer.
    pub citations: usize,
    /// Of those, citations whose id a tool call returned as a source.
    pub citations_in_sources: usize,
    /// Ids cited that no tool returned.
    pub unsupported: Vec<String>,
}

/// Checks `answer` against its replayed tool calls.
pub fn check_grounding(answer: &Answer, replayed: &[Replayed]) -> GroundingCheck {
    let returned: BTreeSet<&str> = all_sources(replayed).map(|s| s.id()).collect();
    let unsupported: Vec<String> = answer
        .citations
        .iter()
        .map(|c| c.source.id())
        .filter(|id| !returned.contains(id))
        .map(str::to_owned)
        .collect();
    GroundingCheck {
        numeric_removals: answer
            .guardrail_actions()
            .filter(|(rule, _)| *rule == NUMERIC_GROUNDING)
            .count(),
        citations: answer.citations.len(),
        citations_in_sources: answer.citations.len() - unsupported.len(),
        unsupported,
    }
}
