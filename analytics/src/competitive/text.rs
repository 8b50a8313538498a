//! The two ways every text method here cuts a passage: into words (with byte offsets, so a
//! finding can point back at the exact characters) and into sentences (the window competitor
//! classification and sentiment scoring look at).
//!
//! A word is a run of letters and digits; an apostrophe (`'` or `’`) between two of them stays
//! inside the word ("don't", "Vantora's"). The currency and percent signs `$ € £ %` are words of
//! their own, because pricing talk hangs on them. Everything else separates words.
//!
//! A sentence ends after `.`, `!` or `?` followed by whitespace, or at a line break; a period
//! inside a token ("Brightlane.io", "$1.5") does not end one.

use serde::Serialize;

/// A byte range `start..end` into a passage's text, always on character boundaries, so
/// `&text[start..end]` is the exact characters found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TextSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl TextSpan {
    /// The text under the span; `None` when the span does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// The same span counted in characters (Unicode scalar values) instead of bytes, for
    /// consumers that index strings by character.
    pub fn char_range(&self, text: &str) -> (usize, usize) {
        let before = text.get(..self.start).map_or(0, |s| s.chars().count());
        let inside = self.slice(text).map_or(0, |s| s.chars().count());
        (before, before + inside)
    }
}

/// One word of a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'t> {
    /// The word as written.
    pub text: &'t str,
    /// Where it is.
    pub span: TextSpan,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_symbol_word(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '%')
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    let mut start: Option<usize> = None;
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        let next_is_word = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if is_apostrophe(c) && start.is_some() && next_is_word {
            continue;
        }
        if let Some(s) = start.take() {
            out.push(word(text, s, i));
        }
        if is_symbol_word(c) {
            out.push(word(text, i, i + c.len_utf8()));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word<'_> {
    Word {
        text: &text[start..end],
        span: TextSpan { start, end },
    }
}

/// Lower-cases `word` into `buffer` (replacing its contents), with `’` written as `'`, so
/// lookups compare one spelling.
pub fn normalize_into(word: &str, buffer: &mut String) {
    buffer.clear();
    for c in word.chars() {
        if is_apostrophe(c) {
            buffer.push('\'');
        } else if c.is_ascii() {
            buffer.push(c.to_ascii_lowercase());
        } else {
            buffer.extend(c.to_lowercase());
        }
    }
}

/// `word` lower-cased with `’` written as `'`.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// The sentences of `text` as spans, trimmed of surrounding whitespace; empty ones skipped.
pub fn sentences(text: &str) -> Vec<TextSpan> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after = i + c.len_utf8();
        let line_break = c == '\n';
        let terminal =
            matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if line_break || terminal {
            push_trimmed(text, start, after, &mut out);
            start = after;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<TextSpan>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = start + lead;
        out.push(TextSpan {
            start: s,
            end: s + trimmed.len(),
        });
    }
}

/// Index of the sentence containing byte `at`, if any.
pub fn sentence_at(sentences: &[TextSpan], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).filter(|s| s.start <= at).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn apostrophes_stay_inside_words_only() {
        assert_eq!(
            texts("Vantora's price isn't 'fair' — Corvalis' too"),
            ["Vantora's", "price", "isn't", "fair", "Corvalis", "too"]
        );
    }

    #[test]
    fn symbols_are_words_and_dots_split_tokens() {
        assert_eq!(
            texts("Brightlane.io quoted $40k, 15% less"),
            ["Brightlane", "io", "quoted", "$", "40k", "15", "%", "less"]
        );
    }

    #[test]
    fn sentences_split_on_terminals_and_line_breaks() {
        let text = "We use Brightlane.io today. Is it $1.5 per seat?\n- next step: demo";
        let got: Vec<&str> = sentences(text)
            .iter()
            .filter_map(|s| s.slice(text))
            .collect();
        assert_eq!(
            got,
            [
                "We use Brightlane.io today.",
                "Is it $1.5 per seat?",
                "- next step: demo"
            ]
        );
    }

    #[test]
    fn sentence_lookup_finds_the_containing_sentence() {
        let text = "One. Two three. Four";
        let spans = sentences(text);
        let at = text.find("three").unwrap_or(0);
        assert_eq!(sentence_at(&spans, at), Some(1));
        assert_eq!(sentence_at(&spans, text.len()), None);
    }

    #[test]
    fn char_range_counts_characters() {
        let text = "Prix: Vantora’s";
        let w = words(text)[1];
        assert_eq!(w.text, "Vantora’s");
        assert_eq!(w.span.char_range(text), (6, 15));
    }
}
