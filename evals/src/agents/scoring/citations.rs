//! Citations: recall (a case that must cite does — with a passage when the question is about
//! conversations — whenever its tools returned something of that kind to cite; "no deal has
//! slipped" has nothing to cite) and precision (when the question names an account or deal,
//! each cited passage and account belongs to it; cited deals are not judged, since similar
//! past deals of other accounts are a legitimate part of a deal answer).

use std::collections::BTreeSet;

use revpulse_agents::Answer;
use revpulse_tools::Source;
use serde::{Deserialize, Serialize};

use crate::agents::records::RecordIndex;
use crate::agents::replay::{Replayed, all_sources};

/// Intents whose answers rest on conversations: their citations must include a passage.
pub const CONVERSATION_INTENTS: [&str; 5] = [
    "call_summaries",
    "objections",
    "competitor_insights",
    "conversation_search",
    "follow_up_email",
];

/// What the question asked about, as ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AskedAbout {
    /// Account ids.
    pub accounts: BTreeSet<String>,
    /// Deal ids.
    pub deals: BTreeSet<String>,
}

impl AskedAbout {
    /// Whether the question named any account or deal.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty() && self.deals.is_empty()
    }
}

/// The citations of one answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CitationCheck {
    /// The case must cite.
    pub required: bool,
    /// A passage is required.
    pub needs_passage: bool,
    /// Citations made.
    pub cited: usize,
    /// Of those, passages.
    pub passages: usize,
    /// Sources the answer's tools returned (what it could cite).
    pub available: usize,
    /// Of those, passages.
    pub passages_available: usize,
    /// Passages and accounts cited, judged for relevance (only when the question named an
    /// entity).
    pub judged: usize,
    /// Of those, relevant.
    pub relevant: usize,
    /// Ids cited that belong elsewhere.
    pub irrelevant: Vec<String>,
}

impl CitationCheck {
    /// Whether the citation requirement holds.
    pub fn satisfied(&self) -> bool {
        let (cited, available) = if self.needs_passage {
            (self.passages, self.passages_available)
        } else {
            (self.cited, self.available)
        };
        !self.required || cited > 0 || available == 0
    }

    /// Why it failed, if it did.
    pub fn problems(&self) -> Vec<String> {
        if self.satisfied() {
            return Vec::new();
        }
        let what = if self.needs_passage {
            "conversation passage"
        } else {
            "source"
        };
        vec![format!("cites no {what} ({} citations)", self.cited)]
    }
}

/// What a citation check needs about the case.
pub struct CitationInputs<'a> {
    /// The case must cite.
    pub must_cite: bool,
    /// The expected intent.
    pub intent: Option<&'a str>,
    /// What the question named.
    pub asked: &'a AskedAbout,
    /// Where records belong.
    pub index: &'a RecordIndex,
}

/// Checks `answer`'s citations against what its tool calls (`replayed`) returned.
pub fn check_citations(
    inputs: &CitationInputs<'_>,
    answer: &Answer,
    replayed: &[Replayed],
) -> CitationCheck {
    let is_passage = |s: &Source| matches!(s, Source::Passage { .. });
    let CitationInputs {
        must_cite,
        intent,
        asked,
        index,
    } = *inputs;
    let mut check = CitationCheck {
        available: all_sources(replayed).count(),
        passages_available: all_sources(replayed).filter(|s| is_passage(s)).count(),
        required: must_cite,
        needs_passage: intent.is_some_and(|i| CONVERSATION_INTENTS.contains(&i)),
        cited: answer.citations.len(),
        passages: answer
            .citations
            .iter()
            .filter(|c| matches!(c.source, Source::Passage { .. }))
            .count(),
        ..CitationCheck::default()
    };
    if asked.is_empty() {
        return check;
    }
    for citation in answer.citations.iter().filter(|c| judged(&c.source)) {
        let id = citation.source.id();
        check.judged += 1;
        let on_deal = index.deal(id).is_some_and(|d| asked.deals.contains(d));
        let on_account = index
            .account(id)
            .is_some_and(|a| asked.accounts.contains(a));
        if on_deal || on_account {
            check.relevant += 1;
        } else {
            check.irrelevant.push(id.to_owned());
        }
    }
    check
}

/// Whether a citation is judged for relevance: passages and accounts are.
fn judged(source: &Source) -> bool {
    match source {
        Source::Passage { .. } => true,
        Source::Record { kind, .. } => kind == "Account",
    }
}
