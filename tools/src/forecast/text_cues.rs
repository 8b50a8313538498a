//! Two keyword signals read from an activity's words: whether price came up at all (the
//! "pricing not discussed" risk rule) and how often the buyer pushed back on it (a win-model
//! feature). Subjects and bodies always count; call transcripts count when the records carry
//! their turns (the bronze copy does; a read-back from the graph does not, its words live in
//! the search index).

use revpulse_graph::model::{Activity, Speaker, Transcript};

/// Words that mean price, discount or a quote was discussed.
const PRICE_WORDS: [&str; 7] = [
    "price", "pricing", "discount", "quote", "per seat", "per-seat", "$",
];

/// Cues that mean the buyer resisted the price.
const PUSHBACK_WORDS: [&str; 16] = [
    "discount",
    "expensive",
    "cheaper",
    "too high",
    "so high",
    "steep",
    "percent off",
    "price break",
    "budget cuts",
    "cost cutting",
    "hard to justify",
    "tough sell",
    "come down",
    "wiggle room",
    "flexibility on",
    "overpriced",
];

/// What one activity's words say about price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct PriceSignals {
    /// Passages (body, buyer turns) showing pushback on price.
    pub pricing_pressure: u32,
    /// Price came up anywhere.
    pub pricing_discussed: bool,
}

fn contains_any(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

/// Reads an activity and, when present, its transcript's turns.
pub(crate) fn read(activity: &Activity, transcript: Option<&Transcript>) -> PriceSignals {
    let turns = transcript.map_or(&[][..], |t| t.turns.as_slice());
    let buyer_pushback = turns
        .iter()
        .filter(|t| t.speaker == Speaker::Buyer && contains_any(&t.text, &PUSHBACK_WORDS))
        .count() as u32;
    let body_pushback = u32::from(contains_any(&activity.body, &PUSHBACK_WORDS));
    let discussed = contains_any(&activity.subject, &PRICE_WORDS)
        || contains_any(&activity.body, &PRICE_WORDS)
        || turns.iter().any(|t| contains_any(&t.text, &PRICE_WORDS));
    PriceSignals {
        pricing_pressure: body_pushback + buyer_pushback,
        pricing_discussed: discussed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn price_talk_and_pushback_are_told_apart() {
        assert!(contains_any(
            "Can we review the Per-Seat model?",
            &PRICE_WORDS
        ));
        assert!(contains_any("That is too high for us", &PUSHBACK_WORDS));
        assert!(!contains_any(
            "Integration timeline next week",
            &PRICE_WORDS
        ));
    }
}
