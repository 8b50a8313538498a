//! Two plain-text signals read from emails, meeting notes and call transcripts: whether a
//! passage shows pricing pressure, and a lexicon sentiment (tone) score.
//!
//! Pricing pressure: a passage shows it when it contains a pushback cue that only ever
//! concerns price ("discount", "steep", "payback", "sign-off limit", "N percent off"…), or a
//! price term ("price", "quote", "cost", a dollar amount…) together with a comparison or
//! resistance cue ("higher", "below", "versus", "too", "justify", "flexibility"…). Price
//! talk without resistance — "what would pricing look like for more seats?", "our budget year
//! ends in March" — does not count.
//!
//! Sentiment method: the text is lower-cased and split into word tokens (letters, digits,
//! apostrophes, hyphens); each match of a positive or negative tone entry (single words or
//! short phrases, matched on whole tokens) counts +1 or −1; a single-word entry right after a
//! negator ("not", "no", "never", "don't", "isn't"…) counts with the opposite sign. The
//! lexicon holds words of *tone* (warmth, enthusiasm, frustration, scepticism), not of topic:
//! "problem" or "risk" describe what is discussed, not how the buyer feels about us. The
//! score of a text is `(positives − negatives) / (positives + negatives + 1)`, in (−1, 1), 0
//! with no hits; the +1 damps texts with a single hit. A call's score is that of its buyer
//! turns joined together.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Cues that mark pushback on price on their own.
const PRICING_PUSHBACK: &[&str] = &[
    "discount",
    "discounts",
    "discounting",
    "expensive",
    "pricier",
    "priciest",
    "cheaper",
    "cheapest",
    "overpriced",
    "steep",
    "price break",
    "percent off",
    "payback",
    "tough sell",
    "hard to swallow",
    "hard to justify",
    "sign-off limit",
    "discretionary budget",
    "approved budget",
    "past finance",
    "cost cutting",
    "budget cuts",
    "tool spend",
    "software spend",
    "wiggle room",
    "so high",
    "too high",
    "come down",
    "number down",
    "sharpen",
    "ramped pricing",
    "uplift",
    "unlimited-seat",
    "flat fee",
    "quoted us",
    "real money",
    "a lot of money",
    "won't be used",
    "we won't use",
];

/// Terms naming a price (a dollar sign in the text counts too).
const PRICE_TERMS: &[&str] = &[
    "price", "prices", "pricing", "quote", "cost", "costs", "number", "budget", "per-seat",
    "proposal", "offer", "rate",
];

/// Comparison or resistance cues that turn a price term into pressure.
const RESISTANCE: &[&str] = &[
    "above",
    "higher",
    "north of",
    "more than",
    "less",
    "lower",
    "below",
    "under",
    "versus",
    "against",
    "blocker",
    "sticking point",
    "objection",
    "too",
    "inflated",
    "rich",
    "high",
    "flexibility",
    "room",
    "closer to",
    "down to",
    "won't get approved",
    "won't fly",
    "justify",
    "defend",
    "gap",
];

/// Words of tone that read warm or keen.
const POSITIVE: &[&str] = &[
    "excited",
    "love",
    "great",
    "really like",
    "keen",
    "fan",
    "make this work",
    "really positive",
    "fun part",
    "impressed",
    "excellent",
    "fantastic",
    "happy",
    "glad",
    "delighted",
    "confident",
    "valuable",
    "genuinely",
    "looking forward",
];

/// Words of tone that read frustrated or sceptical.
const NEGATIVE: &[&str] = &[
    "blunt",
    "frustrated",
    "frustrating",
    "push back",
    "pushed back",
    "stuck",
    "not convinced",
    "sceptical",
    "skeptical",
    "every vendor",
    "sugar-coat",
    "my problem",
    "on the fence",
    "believe it when",
    "answers it",
    "disappointed",
    "unhappy",
    "annoyed",
    "unfortunately",
    "concerned",
    "worried",
    "hmm",
];

const NEGATORS: &[&str] = &[
    "not", "no", "never", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "can't",
    "won't",
];

/// A lexicon indexed by first word, so matching costs one lookup per token.
struct Lexicon {
    by_first: BTreeMap<&'static str, Vec<Vec<&'static str>>>,
}

impl Lexicon {
    fn new(entries: &[&'static str]) -> Self {
        let mut by_first: BTreeMap<&'static str, Vec<Vec<&'static str>>> = BTreeMap::new();
        for e in entries {
            let words: Vec<&'static str> = e.split(' ').collect();
            by_first.entry(words[0]).or_default().push(words);
        }
        Self { by_first }
    }

    /// Entries starting at token `i`, as (matched, is a single word).
    fn hits_at<'s>(&'s self, tokens: &'s [String], i: usize) -> impl Iterator<Item = bool> + 's {
        let rest = &tokens[i..];
        self.by_first
            .get(tokens[i].as_str())
            .into_iter()
            .flatten()
            .filter(move |words| {
                words.len() <= rest.len() && words.iter().zip(rest).all(|(w, t)| w == t)
            })
            .map(|words| words.len() == 1)
    }
}

static PUSHBACK_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(PRICING_PUSHBACK));
static PRICE_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(PRICE_TERMS));
static RESISTANCE_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(RESISTANCE));
static POSITIVE_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(POSITIVE));
static NEGATIVE_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(NEGATIVE));

/// Lower-cased word tokens of a text.
fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('’', "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|t| t.trim_matches(|c| c == '-' || c == '\''))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

impl Lexicon {
    /// Whether any entry occurs in the tokens.
    fn found_in(&self, tokens: &[String]) -> bool {
        (0..tokens.len()).any(|i| self.hits_at(tokens, i).next().is_some())
    }
}

/// Whether a passage shows pricing pressure.
pub(crate) fn mentions_pricing_pressure(text: &str) -> bool {
    let tokens = tokens(text);
    PUSHBACK_LEXICON.found_in(&tokens)
        || ((text.contains('$') || PRICE_LEXICON.found_in(&tokens))
            && RESISTANCE_LEXICON.found_in(&tokens))
}

/// The lexicon sentiment of a text, in (−1, 1).
pub(crate) fn sentiment(text: &str) -> f64 {
    let tokens = tokens(text);
    let (mut positive, mut negative) = (0u32, 0u32);
    for i in 0..tokens.len() {
        let negated = i > 0 && NEGATORS.contains(&tokens[i - 1].as_str());
        for (lexicon, is_positive) in [(&*POSITIVE_LEXICON, true), (&*NEGATIVE_LEXICON, false)] {
            for single in lexicon.hits_at(&tokens, i) {
                if is_positive != (negated && single) {
                    positive += 1;
                } else {
                    negative += 1;
                }
            }
        }
    }
    (f64::from(positive) - f64::from(negative)) / (f64::from(positive + negative) + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pricing_pressure_is_found_in_price_talk_only() {
        assert!(mentions_pricing_pressure(
            "Is there any flexibility on the per-seat price?"
        ));
        assert!(mentions_pricing_pressure("We need 15 percent off to sign."));
        assert!(!mentions_pricing_pressure(
            "Let's walk through the SSO integration next week."
        ));
    }

    #[test]
    fn sentiment_reads_tone_and_negation() {
        assert!(sentiment("We love it, the rollout was smooth and the team is excited.") > 0.5);
        assert!(sentiment("I'll be blunt, I'm frustrated and not convinced.") < -0.5);
        assert!(sentiment("I'm not happy with this.") < 0.0);
        assert_eq!(sentiment("The meeting is on Tuesday."), 0.0);
        let mild = sentiment("great");
        let strong = sentiment("great, we love it and we're excited");
        assert!(0.0 < mild && mild < strong && strong < 1.0);
    }
}
