//! Sentence-level sentiment of calls and tickets: a lexicon scorer in the manner of VADER
//! (Hutto & Gilbert, 2014), with its rules written out here.
//!
//! For each sentence ([`super::text::sentences`]):
//! 0. a salutation — a line of at most three words ending with a comma ("Best,", "Kind
//!    regards,", "Hi team,") — is formula, not opinion, and is not scored;
//! 1. every opinion word ([`super::sentiment_lexicon::VALENCES`]) contributes its valence;
//! 2. a booster ("very", "really") among the three words before it adds 0.293 in the word's
//!    direction, a dampener ("slightly") takes 0.293 away, scaled by distance (1, 0.95, 0.9);
//! 3. a negator ("not", "don't", "never", "no") among the three words before it multiplies it by
//!    −0.74 — flipped and softened, since "not great" is milder than "bad";
//! 4. with a contrast word ("but", "however", "yet"), valences before the last contrast count
//!    half and those after it count 1.5 times — the clause after "but" is what was meant;
//! 5. each `!` (up to four) adds 0.292 in the direction of the sum;
//! 6. the sum `s` is normalised to `s / sqrt(s² + 15)`, which lies strictly inside (−1, 1).
//!
//! A passage's score is the mean of its opinionated sentences (those with at least one
//! opinion word); sentences without opinion words do not dilute it. A passage or document
//! without any opinion word scores 0.

use serde::Serialize;

use super::sentiment_lexicon::{BOOSTERS, CONTRASTS, DAMPENERS, NEGATORS, valence};
use super::text::{TextSpan, normalize, sentences, words};

/// Booster / dampener step.
const BOOST: f64 = 0.293;
/// Negation multiplier.
const NEGATION: f64 = -0.74;
/// Weight before and after a contrast word.
const BEFORE_CONTRAST: f64 = 0.5;
const AFTER_CONTRAST: f64 = 1.5;
/// Step per exclamation mark, and the most counted.
const EXCLAMATION: f64 = 0.292;
const MAX_EXCLAMATIONS: usize = 4;
/// Normalisation constant.
const ALPHA: f64 = 15.0;

/// The sentiment of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SentenceSentiment {
    /// Where the sentence is in its passage.
    pub span: TextSpan,
    /// Score in (−1, 1); 0 when no opinion word was found.
    pub score: f64,
    /// Opinion words found.
    pub opinion_words: u32,
}

/// The sentiment of a passage and of each of its sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassageSentiment {
    /// Mean score of the opinionated sentences; 0 when there are none.
    pub score: f64,
    /// Every sentence, in order.
    pub sentences: Vec<SentenceSentiment>,
}

impl PassageSentiment {
    /// Sentences with at least one opinion word.
    pub fn opinionated(&self) -> impl Iterator<Item = &SentenceSentiment> {
        self.sentences.iter().filter(|s| s.opinion_words > 0)
    }
}

/// Most words in a salutation line.
const SALUTATION_WORDS: usize = 3;

/// Scores one sentence; returns the score and the number of opinion words.
pub fn score_sentence(sentence: &str) -> (f64, u32) {
    let lowered = normalize(sentence);
    let lower: Vec<&str> = words(&lowered).iter().map(|w| w.text).collect();
    score_words(sentence, &lower)
}

/// Scores a sentence given its lower-cased words.
fn score_words(sentence: &str, lower: &[&str]) -> (f64, u32) {
    if sentence.trim_end().ends_with(',') && lower.len() <= SALUTATION_WORDS {
        return (0.0, 0);
    }
    let contrast = lower.iter().rposition(|w| CONTRASTS.contains(w));
    let mut sum = 0.0;
    let mut found = 0u32;
    for (i, word) in lower.iter().enumerate() {
        let Some(base) = valence(word) else { continue };
        found += 1;
        let mut v = base + modifiers(lower, i, base.signum());
        if negated(lower, i) {
            v *= NEGATION;
        }
        sum += v * contrast.map_or(1.0, |c| {
            if i < c {
                BEFORE_CONTRAST
            } else {
                AFTER_CONTRAST
            }
        });
    }
    if found == 0 {
        return (0.0, 0);
    }
    let marks = sentence.matches('!').count().min(MAX_EXCLAMATIONS) as f64;
    sum += sum.signum() * EXCLAMATION * marks;
    (sum / (sum * sum + ALPHA).sqrt(), found)
}

/// Booster and dampener adjustment for the opinion word at `i` with direction `sign`.
fn modifiers(lower: &[&str], i: usize, sign: f64) -> f64 {
    (1..=3)
        .filter_map(|d| Some((d, lower.get(i.checked_sub(d)?)?)))
        .map(|(d, w)| {
            let decay = [1.0, 0.95, 0.9][d - 1];
            if BOOSTERS.contains(w) {
                BOOST * decay * sign
            } else if DAMPENERS.contains(w) {
                -BOOST * decay * sign
            } else {
                0.0
            }
        })
        .sum()
}

fn negated(lower: &[&str], i: usize) -> bool {
    lower[i.saturating_sub(3)..i]
        .iter()
        .any(|w| NEGATORS.contains(w))
}

/// Scores every sentence of a passage and the passage as a whole.
pub fn score_passage(text: &str) -> PassageSentiment {
    let spans = sentences(text);
    let sentences: Vec<SentenceSentiment> = if text.is_ascii() {
        // One lower-cased copy and one word list for the whole passage (same offsets).
        let lowered = text.to_ascii_lowercase();
        let all = words(&lowered);
        let mut next = 0;
        spans
            .into_iter()
            .map(|span| {
                let first = next + all[next..].partition_point(|w| w.span.start < span.start);
                next = first + all[first..].partition_point(|w| w.span.end <= span.end);
                let lower: Vec<&str> = all[first..next].iter().map(|w| w.text).collect();
                let (score, opinion_words) = score_words(&text[span.start..span.end], &lower);
                SentenceSentiment {
                    span,
                    score,
                    opinion_words,
                }
            })
            .collect()
    } else {
        spans
            .into_iter()
            .map(|span| {
                let (score, opinion_words) = score_sentence(span.slice(text).unwrap_or_default());
                SentenceSentiment {
                    span,
                    score,
                    opinion_words,
                }
            })
            .collect()
    };
    let scores: Vec<f64> = sentences
        .iter()
        .filter(|s| s.opinion_words > 0)
        .map(|s| s.score)
        .collect();
    PassageSentiment {
        score: crate::stats::mean(&scores).unwrap_or(0.0),
        sentences,
    }
}

/// The score of a document made of several passages (a whole call or ticket): the mean over
/// all their opinionated sentences; 0 when there are none.
pub fn document_score(passages: &[PassageSentiment]) -> f64 {
    let scores: Vec<f64> = passages
        .iter()
        .flat_map(|p| p.opinionated().map(|s| s.score))
        .collect();
    crate::stats::mean(&scores).unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(s: &str) -> f64 {
        score_sentence(s).0
    }

    #[test]
    fn opinion_words_set_the_direction() {
        assert!(score("The rollout was great.") > 0.3);
        assert!(score("The sync is broken again.") < -0.3);
        assert_eq!(score("The sync runs nightly."), 0.0);
    }

    #[test]
    fn negation_flips_and_softens() {
        let plain = score("The support was helpful.");
        let negated = score("The support was not helpful.");
        assert!(plain > 0.0 && negated < 0.0);
        assert!(negated.abs() < plain.abs());
        assert!(score("This isn't a problem at all.") > 0.0);
        assert!(score("No problem.") > 0.0);
    }

    #[test]
    fn boosters_and_dampeners_move_the_magnitude() {
        let base = score("The export is slow.");
        assert!(score("The export is really slow.") < base);
        assert!(score("The export is slightly slow.") > base);
    }

    #[test]
    fn the_clause_after_but_dominates() {
        assert!(score("The product is great, but support is terrible.") < 0.0);
        assert!(score("Support was terrible, but the product is great.") > 0.0);
    }

    #[test]
    fn salutations_are_not_opinions() {
        assert_eq!(score_sentence("Best,"), (0.0, 0));
        assert_eq!(score_sentence("Kind regards,"), (0.0, 0));
        assert!(score("Best tool we have used.") > 0.0);
        let p = score_passage("Thanks,\nRohan");
        assert_eq!(p.score, 0.0);
    }

    #[test]
    fn passage_and_sentence_scoring_agree() {
        for text in [
            "Great tool!! But the sync is broken. Best,\nAna",
            "Vantora’s UI is not good. It’s slow.",
        ] {
            let p = score_passage(text);
            for s in &p.sentences {
                let alone = score_sentence(s.span.slice(text).unwrap());
                assert_eq!((s.score, s.opinion_words), alone, "{text}");
            }
        }
    }

    #[test]
    fn exclamations_intensify() {
        assert!(score("Great!!") > score("Great."));
        assert!(score("Awful!!") < score("Awful."));
    }

    #[test]
    fn passages_average_their_opinionated_sentences() {
        let text = "The import works. The team is happy. The dashboards are terrible.";
        let p = score_passage(text);
        assert_eq!(p.sentences.len(), 3);
        let expected = (score("The team is happy.") + score("The dashboards are terrible.")) / 2.0;
        assert!((p.score - expected).abs() < 1e-12);
        assert_eq!(
            document_score(&[p.clone(), score_passage("Nothing to see.")]),
            p.score
        );
    }
}
