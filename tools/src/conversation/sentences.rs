//! What one sentence of a conversation is, by deterministic cue matching: the objection
//! category it touches (the analytics' pricing and feature-gap lexicons, the analytics' matcher
//! for competitors, this family's tables for security, integration, procurement and timing),
//! whether it voices a concern (concern cues or a negative tone by the analytics' sentiment
//! scorer), whether it commits to a next step, and how much substance it carries.

use revpulse_analytics::competitive::classify::contains_phrase;
use revpulse_analytics::competitive::cue_lexicon::{
    EXPANSION_INTEREST, FEATURE_GAP, OBJECTION, PRICING,
};
use revpulse_analytics::competitive::sentiment::score_sentence;
use revpulse_analytics::competitive::text::{normalize, sentences, words};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::commitment_cues::COMMITMENT_CUES;
use super::objection_cues::{CONCERN, INTEGRATION, PROCUREMENT, SECURITY, TIMING};
use super::rivals::Rivals;

/// What an objection is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionCategory {
    /// A competitor is named: in the evaluation, cheaper, better at something, incumbent.
    Competitor,
    /// Security or compliance review.
    Security,
    /// Connecting to the buyer's systems.
    Integration,
    /// Procurement, legal or sign-off process.
    Procurement,
    /// Dates, priorities, freezes.
    Timing,
    /// A missing capability.
    FeatureGap,
    /// Price, budget, discount.
    Pricing,
}

impl ObjectionCategory {
    /// Every category, in tie-break order: the categories only this family reads first
    /// (their lexicons are narrow), then pricing before feature gap as the analytics' own
    /// tie-break has it.
    pub const PRIORITY: [ObjectionCategory; 7] = [
        Self::Competitor,
        Self::Security,
        Self::Integration,
        Self::Procurement,
        Self::Timing,
        Self::Pricing,
        Self::FeatureGap,
    ];

    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Competitor => "competitor",
            Self::Security => "security",
            Self::Integration => "integration",
            Self::Procurement => "procurement",
            Self::Timing => "timing",
            Self::FeatureGap => "feature_gap",
            Self::Pricing => "pricing",
        }
    }

    /// The cue phrases of a category read from text (competitors come from the matcher).
    fn lexicon(self) -> &'static [&'static str] {
        match self {
            Self::Competitor => &[],
            Self::Security => SECURITY,
            Self::Integration => INTEGRATION,
            Self::Procurement => PROCUREMENT,
            Self::Timing => TIMING,
            Self::FeatureGap => FEATURE_GAP,
            Self::Pricing => PRICING,
        }
    }
}

/// What a sentence is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reading {
    /// The category with the most cues (ties by [`ObjectionCategory::PRIORITY`]); always
    /// `Competitor` when a competitor is named.
    pub category: Option<ObjectionCategory>,
    /// A concern cue or a negative tone.
    pub concern: bool,
    /// A commitment cue.
    pub next_step: bool,
    /// Competitors named, canonical and sorted.
    pub competitors: Vec<String>,
    /// Topic cues found across the category lexicons, the competitive-objection and
    /// expansion-interest lexicons, two more per competitor named (displacement cues such as
    /// "move to" only mean something next to a competitor, so they add nothing here).
    pub substance: usize,
    /// Words in the sentence.
    pub words: usize,
}

impl Reading {
    /// The objection category when the sentence is an objection: a category and a concern,
    /// or a competitor named (the analytics count any competitor mention as an objection to
    /// answer).
    pub(crate) fn objection(&self) -> Option<ObjectionCategory> {
        let category = self.category?;
        (self.concern || category == ObjectionCategory::Competitor).then_some(category)
    }
}

/// The sentences of `text`, trimmed, in order.
pub(crate) fn split(text: &str) -> Vec<&str> {
    sentences(text)
        .iter()
        .filter_map(|s| s.slice(text))
        .collect()
}

/// Reads one sentence.
pub(crate) fn read(sentence: &str, rivals: Option<&Rivals>) -> Reading {
    let lowered: Vec<String> = words(sentence).iter().map(|w| normalize(w.text)).collect();
    let hits = |lexicon: &[&str]| {
        lexicon
            .iter()
            .filter(|c| contains_phrase(&lowered, c))
            .count()
    };
    let competitors = rivals.map(|r| r.named_in(sentence)).unwrap_or_default();
    let category = if competitors.is_empty() {
        ObjectionCategory::PRIORITY
            .into_iter()
            .map(|c| (c, hits(c.lexicon())))
            .filter(|(_, n)| *n > 0)
            .fold(
                None,
                |best: Option<(ObjectionCategory, usize)>, (c, n)| match best {
                    Some((_, m)) if m >= n => best,
                    _ => Some((c, n)),
                },
            )
            .map(|(c, _)| c)
    } else {
        Some(ObjectionCategory::Competitor)
    };
    let topical: usize = ObjectionCategory::PRIORITY
        .iter()
        .map(|c| hits(c.lexicon()))
        .sum::<usize>()
        + hits(OBJECTION)
        + hits(EXPANSION_INTEREST);
    Reading {
        category,
        concern: hits(CONCERN) > 0 || score_sentence(sentence).0 < 0.0,
        next_step: hits(COMMITMENT_CUES) > 0,
        substance: topical + 2 * competitors.len(),
        competitors,
        words: lowered.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_get_their_category_concern_and_commitment() {
        let price = read(
            "Honestly, the price is the main blocker for us right now.",
            None,
        );
        assert_eq!(price.objection(), Some(ObjectionCategory::Pricing));
        let security = read(
            "Security review is blocked until we get the SOC 2 report.",
            None,
        );
        assert_eq!(security.objection(), Some(ObjectionCategory::Security));
        let calm = read("Walked through integrating the hub with their CRM.", None);
        assert_eq!(calm.category, Some(ObjectionCategory::Integration));
        assert_eq!(calm.objection(), None);
        let step = read(
            "Great, for next steps: I'll send a draft order form by Thursday.",
            None,
        );
        assert!(step.next_step);
        assert!(!read("Nice to see more of the team today.", None).next_step);
        assert_eq!(read("Hello there.", None).category, None);
    }
}
