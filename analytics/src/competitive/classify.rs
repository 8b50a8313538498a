//! What a competitor mention is about: a pricing comparison, a feature gap, a competitive
//! objection or a displacement — decided by cue phrases around the mention.
//!
//! Method: each kind has a lexicon of cue phrases (below). Cues are counted per kind in the
//! sentence that names the competitor and, separately, in the sentences just before and just
//! after it (same passage). The kind with the most cues in the naming sentence wins; the
//! neighbouring sentences break ties and decide alone when the naming sentence has no cue;
//! remaining ties go to the more specific kind, in the order displacement, pricing comparison,
//! feature gap, objection. A mention with no cue at all is an objection: the buyer is weighing
//! an alternative, which is the competitive objection a seller must answer. Cue words are
//! matched on whole lower-cased words; a trailing `*` matches any word starting with the stem
//! ("migrat*" → "migrating"). The lexicons are in [`super::cue_lexicon`].

use serde::Serialize;

use super::cue_lexicon::{DISPLACEMENT, FEATURE_GAP, OBJECTION, PRICING};

/// The four kinds of competitor mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// Our price compared with the competitor's quote or pricing model.
    PricingComparison,
    /// A capability the competitor has and we lack (or that the buyer needs).
    FeatureGap,
    /// The competitor is in the evaluation or preferred by someone: an objection to answer.
    Objection,
    /// Moving off the competitor onto us, or off us onto the competitor.
    Displacement,
}

impl MentionKind {
    /// Every kind, in tie-break priority order (most specific first).
    pub const PRIORITY: [MentionKind; 4] = [
        Self::Displacement,
        Self::PricingComparison,
        Self::FeatureGap,
        Self::Objection,
    ];

    /// The stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PricingComparison => "pricing_comparison",
            Self::FeatureGap => "feature_gap",
            Self::Objection => "objection",
            Self::Displacement => "displacement",
        }
    }

    /// Position in [`MentionKind::PRIORITY`], used to index per-kind counts.
    pub fn index(self) -> usize {
        match self {
            Self::Displacement => 0,
            Self::PricingComparison => 1,
            Self::FeatureGap => 2,
            Self::Objection => 3,
        }
    }
}

/// A kind's lexicon.
pub fn lexicon(kind: MentionKind) -> &'static [&'static str] {
    match kind {
        MentionKind::PricingComparison => PRICING,
        MentionKind::FeatureGap => FEATURE_GAP,
        MentionKind::Objection => OBJECTION,
        MentionKind::Displacement => DISPLACEMENT,
    }
}

/// The decision for one mention, with the cues behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Classification {
    /// The winning kind.
    pub kind: MentionKind,
    /// The cue phrases of the winning kind that were found (lexicon spelling), in lexicon order.
    pub cues: Vec<&'static str>,
}

/// Classifies a mention from the lower-cased words of its own sentence and of its neighbouring
/// sentences (see [`super::text::normalize`]).
pub fn classify(own: &[String], neighbours: &[&[String]]) -> Classification {
    let mut own_hits = [0u32; 4];
    let mut near_hits = [0u32; 4];
    let mut cues: [Vec<&'static str>; 4] = Default::default();
    for kind in MentionKind::PRIORITY {
        let k = kind.index();
        for &cue in lexicon(kind) {
            let in_own = contains_phrase(own, cue);
            let near = neighbours.iter().any(|n| contains_phrase(n, cue));
            own_hits[k] += u32::from(in_own);
            near_hits[k] += u32::from(near && !in_own);
            if in_own || near {
                cues[k].push(cue);
            }
        }
    }
    let best = MentionKind::PRIORITY
        .into_iter()
        .filter(|k| own_hits[k.index()] + near_hits[k.index()] > 0)
        .max_by_key(|k| {
            (
                own_hits[k.index()],
                near_hits[k.index()],
                std::cmp::Reverse(k.index()),
            )
        });
    match best {
        Some(kind) => Classification {
            kind,
            cues: std::mem::take(&mut cues[kind.index()]),
        },
        None => Classification {
            kind: MentionKind::Objection,
            cues: Vec::new(),
        },
    }
}

/// Whether the words contain the cue phrase as consecutive whole words.
pub fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    if parts.is_empty() || parts.len() > words.len() {
        return false;
    }
    words
        .windows(parts.len())
        .any(|window| window.iter().zip(&parts).all(|(w, p)| word_matches(w, p)))
}

fn word_matches(word: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competitive::text::{normalize, words};

    fn lower(sentence: &str) -> Vec<String> {
        words(sentence).iter().map(|w| normalize(w.text)).collect()
    }

    fn kind_of(sentence: &str) -> MentionKind {
        classify(&lower(sentence), &[]).kind
    }

    #[test]
    fn hand_written_sentences_get_their_kind() {
        assert_eq!(
            kind_of("Vantora quoted us 20% less for the same seats."),
            MentionKind::PricingComparison
        );
        assert_eq!(
            kind_of("We're migrating off Vantora before the renewal."),
            MentionKind::Displacement
        );
        assert_eq!(
            kind_of("Vantora has SSO out of the box and you don't have it."),
            MentionKind::FeatureGap
        );
        assert_eq!(
            kind_of("We're also evaluating Vantora."),
            MentionKind::Objection
        );
        assert_eq!(kind_of("Vantora called me twice."), MentionKind::Objection);
    }

    #[test]
    fn own_sentence_outweighs_neighbours() {
        let own = lower("Vantora is cheaper on price.");
        let next = lower("We want to replace the incumbent, migrate, switch and sunset it.");
        let got = classify(&own, &[&next]);
        assert_eq!(got.kind, MentionKind::PricingComparison);
        assert_eq!(got.cues, ["price*", "cheap*"]);
    }

    #[test]
    fn neighbours_decide_when_the_own_sentence_is_silent() {
        let own = lower("About Vantora.");
        let next = lower("Their quote is lower.");
        assert_eq!(
            classify(&own, &[&next]).kind,
            MentionKind::PricingComparison
        );
    }

    #[test]
    fn ties_go_to_the_more_specific_kind() {
        assert_eq!(
            kind_of("Vantora pricing and a migration"),
            MentionKind::Displacement
        );
    }

    #[test]
    fn phrases_need_consecutive_whole_words() {
        let w = lower("we will move the data off Vantora");
        assert!(!contains_phrase(&w, "move off"));
        assert!(contains_phrase(&lower("we move off it"), "move off"));
        assert!(!contains_phrase(&lower("pricey"), "price"));
        assert!(contains_phrase(&lower("repricing"), "repric*"));
    }
}
