//! One call boiled down by deterministic sentence selection: who spoke, the sentences with the
//! most topic cues (key points), the buyer's objections, the commitments (next steps) and the
//! competitors named — each item citing the chunk its sentence came from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::chunks::span;
use super::rivals::Rivals;
use super::sentences::ObjectionCategory;
use super::statements::{Statement, Voices, statements};
use revpulse_search::SearchDocument;

/// Most key points, objections and next steps kept per call, each.
pub(crate) const ITEMS_PER_KIND: usize = 5;

/// Fewest words a key point has (shorter sentences are acknowledgements).
const KEY_POINT_WORDS: usize = 6;

/// A sentence with the passage it is cited from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CitedSentence {
    /// The sentence, verbatim.
    pub text: String,
    /// Who said it, when the transcript names the speaker.
    pub speaker: Option<String>,
    /// The chunk it is in (cite it).
    pub chunk_id: String,
}

/// An objection the buyer raised on a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CallObjection {
    /// What it is about.
    pub category: ObjectionCategory,
    /// The sentence, verbatim.
    pub text: String,
    /// Who said it.
    pub speaker: Option<String>,
    /// The chunk it is in (cite it).
    pub chunk_id: String,
}

/// What one call's chunks say.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Digest {
    /// Speaker names in order of first appearance.
    pub participants: Vec<String>,
    /// The sentences with the most topic cues, in conversation order.
    pub key_points: Vec<CitedSentence>,
    /// Buyer objections, in conversation order.
    pub objections: Vec<CallObjection>,
    /// Commitments, in conversation order.
    pub next_steps: Vec<CitedSentence>,
    /// Competitors named, sorted.
    pub competitors: Vec<String>,
}

/// Digests the chunks of one call (any order: they are put in turn order first).
pub(crate) fn digest(
    chunks: &[&SearchDocument],
    rivals: Option<&Rivals>,
    voices: &Voices,
) -> Digest {
    let mut ordered = chunks.to_vec();
    ordered.sort_by(|a, b| {
        let (sa, sb) = (span(&a.id), span(&b.id));
        (sa.first, sa.piece, &a.id).cmp(&(sb.first, sb.piece, &b.id))
    });
    let said = statements(ordered, rivals, voices);
    let mut participants: Vec<String> = Vec::new();
    for name in said.iter().filter_map(|s| s.speaker.as_deref()) {
        if !participants.iter().any(|p| p == name) {
            participants.push(name.to_owned());
        }
    }
    let mut competitors: Vec<String> = said
        .iter()
        .flat_map(|s| s.reading.competitors.iter().cloned())
        .collect();
    competitors.sort();
    competitors.dedup();
    let objections: Vec<CallObjection> = said
        .iter()
        .filter_map(|s| {
            s.objection().map(|category| CallObjection {
                category,
                text: s.text.to_owned(),
                speaker: s.speaker.clone(),
                chunk_id: s.doc.id.clone(),
            })
        })
        .take(ITEMS_PER_KIND)
        .collect();
    let next_steps: Vec<CitedSentence> = said
        .iter()
        .filter(|s| s.reading.next_step)
        .take(ITEMS_PER_KIND)
        .map(cited)
        .collect();
    Digest {
        participants,
        key_points: key_points(&said),
        objections,
        next_steps,
        competitors,
    }
}

/// The substantive sentences that are neither objections nor next steps: most topic cues
/// first (earlier on ties), then put back in conversation order.
fn key_points(said: &[Statement<'_>]) -> Vec<CitedSentence> {
    let mut ranked: Vec<(usize, &Statement<'_>)> = said
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.reading.substance > 0
                && s.reading.words >= KEY_POINT_WORDS
                && !s.reading.next_step
                && s.objection().is_none()
        })
        .collect();
    ranked.sort_by(|(i, a), (j, b)| b.reading.substance.cmp(&a.reading.substance).then(i.cmp(j)));
    let mut chosen: Vec<(usize, &Statement<'_>)> = Vec::new();
    for (i, s) in ranked {
        if chosen.len() == ITEMS_PER_KIND {
            break;
        }
        if !chosen.iter().any(|(_, c)| c.text == s.text) {
            chosen.push((i, s));
        }
    }
    chosen.sort_by_key(|(i, _)| *i);
    chosen.into_iter().map(|(_, s)| cited(s)).collect()
}

fn cited(s: &Statement<'_>) -> CitedSentence {
    CitedSentence {
        text: s.text.to_owned(),
        speaker: s.speaker.clone(),
        chunk_id: s.doc.id.clone(),
    }
}
