//! Did pricing come up? A keyword check over an activity's subject and body and, for calls, its
//! transcript — the evidence behind the "pricing not discussed at a late stage" rule.

use revpulse_graph::model::{Activity, Transcript};

/// Words that mean price, discount or a quote was discussed.
const PRICING_WORDS: [&str; 6] = [
    "price", "pricing", "discount", "quote", "per seat", "per-seat",
];

fn has_pricing(text: &str) -> bool {
    let lower = text.to_lowercase();
    PRICING_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether the activity (or its transcript) talks about pricing.
pub fn mentions_pricing(activity: &Activity, transcript: Option<&Transcript>) -> bool {
    has_pricing(&activity.subject)
        || has_pricing(&activity.body)
        || transcript.is_some_and(|t| t.turns.iter().any(|turn| has_pricing(&turn.text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pricing_words_are_found_whatever_their_case() {
        assert!(has_pricing("Can we talk about the Per-Seat model?"));
        assert!(has_pricing("The QUOTE came in high"));
        assert!(!has_pricing("Integration timeline next week"));
    }
}
