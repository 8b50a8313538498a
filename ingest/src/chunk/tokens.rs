//! Token counting for chunk budgets: a trait so the search crate can plug in the real
//! embedding tokenizer, and a cheap deterministic estimate used by default.

/// Counts the tokens a text costs under some tokenizer.
pub trait TokenCounter {
    /// The number of tokens `text` occupies.
    fn count(&self, text: &str) -> usize;
}

/// An approximation of a WordPiece tokenizer (as used by MiniLM) that needs no vocabulary.
///
/// The text is split on whitespace; inside each whitespace-separated word every punctuation
/// character is one token and every alphanumeric run of `n` characters costs `ceil(n / 6)`
/// tokens (long words break into several word pieces). It tends to slightly over-count, which
/// is the safe direction for a budget. It is additive over whitespace: the count of
/// `"a b"` is the count of `"a"` plus the count of `"b"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordPieceEstimate;

/// Characters of an alphanumeric run that one estimated word piece covers.
const CHARS_PER_PIECE: usize = 6;

impl TokenCounter for WordPieceEstimate {
    fn count(&self, text: &str) -> usize {
        let mut tokens = 0;
        let mut run = 0usize;
        for c in text.chars() {
            if c.is_alphanumeric() {
                run += 1;
                continue;
            }
            tokens += run.div_ceil(CHARS_PER_PIECE);
            run = 0;
            if !c.is_whitespace() {
                tokens += 1;
            }
        }
        tokens + run.div_ceil(CHARS_PER_PIECE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_counts_words_pieces_and_punctuation() {
        let c = WordPieceEstimate;
        assert_eq!(c.count(""), 0);
        assert_eq!(c.count("   "), 0);
        assert_eq!(c.count("deal"), 1);
        assert_eq!(c.count("renewal pricing"), 4);
        assert_eq!(c.count("Q3, okay?"), 4);
        assert_eq!(c.count("a b"), c.count("a") + c.count("b"));
    }
}
