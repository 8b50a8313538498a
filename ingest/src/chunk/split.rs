//! Cutting one passage that is over the token budget into pieces that fit: by lines, then
//! sentences, then words, and by characters only as a last resort.

use super::tokens::TokenCounter;

/// How a text is divided at one level of cutting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// Line breaks (paragraphs of emails and notes).
    Lines,
    /// Sentence ends (`.`, `!`, `?` followed by whitespace).
    Sentences,
    /// Whitespace-separated words.
    Words,
    /// Single characters.
    Chars,
}

impl Level {
    /// The finer level tried when a unit of this level alone is too big.
    fn finer(self) -> Option<Level> {
        match self {
            Self::Lines => Some(Self::Sentences),
            Self::Sentences => Some(Self::Words),
            Self::Words => Some(Self::Chars),
            Self::Chars => None,
        }
    }

    /// What joins two units of this level back together.
    fn separator(self) -> &'static str {
        match self {
            Self::Lines => "\n",
            Self::Sentences | Self::Words => " ",
            Self::Chars => "",
        }
    }

    /// The units of `text` at this level (trimmed, never empty).
    fn units(self, text: &str) -> Vec<&str> {
        match self {
            Self::Lines => text
                .lines()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
            Self::Sentences => sentences(text),
            Self::Words => text.split_whitespace().collect(),
            Self::Chars => text
                .char_indices()
                .map(|(i, c)| &text[i..i + c.len_utf8()])
                .collect(),
        }
    }
}

/// Splits after `.`, `!` or `?` when whitespace follows.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_end = false;
    for (i, c) in text.char_indices() {
        if prev_end && c.is_whitespace() {
            push_trimmed(&mut out, &text[start..i]);
            start = i;
        }
        prev_end = matches!(c, '.' | '!' | '?');
    }
    push_trimmed(&mut out, &text[start..]);
    out
}

/// Pushes `s` trimmed unless it is blank.
fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s);
    }
}

/// Cuts `text` into pieces such that `prefix + piece` costs at most `max_tokens` each.
///
/// Returns `None` when even a single character with the prefix is over the budget. A text
/// that already fits comes back as one piece; blank text yields no pieces.
pub fn split_to_fit(
    text: &str,
    prefix: &str,
    max_tokens: usize,
    counter: &dyn TokenCounter,
) -> Option<Vec<String>> {
    let fits = |piece: &str| counter.count(&format!("{prefix}{piece}")) <= max_tokens;
    let mut pieces = Vec::new();
    let mut current = String::new();
    pack(text, Level::Lines, &fits, &mut current, &mut pieces)?;
    if !current.is_empty() {
        pieces.push(current);
    }
    Some(pieces)
}

/// Greedily appends the units of `text` at `level` to `current`, flushing to `pieces` when
/// the next unit would not fit, and recursing to a finer level for units too big alone.
fn pack(
    text: &str,
    level: Level,
    fits: &dyn Fn(&str) -> bool,
    current: &mut String,
    pieces: &mut Vec<String>,
) -> Option<()> {
    for unit in level.units(text) {
        if current.is_empty() {
            if fits(unit) {
                current.push_str(unit);
                continue;
            }
        } else {
            let candidate = format!("{current}{}{unit}", level.separator());
            if fits(&candidate) {
                *current = candidate;
                continue;
            }
            pieces.push(std::mem::take(current));
            if fits(unit) {
                current.push_str(unit);
                continue;
            }
        }
        pack(unit, level.finer()?, fits, current, pieces)?;
        if level != Level::Chars && !current.is_empty() {
            pieces.push(std::mem::take(current));
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chunk::tokens::WordPieceEstimate;

    #[test]
    fn short_text_is_one_piece() {
        let pieces = split_to_fit("We signed.", "Ann: ", 16, &WordPieceEstimate);
        assert_eq!(pieces, Some(vec!["We signed.".to_string()]));
    }

    #[test]
    fn long_text_is_cut_on_sentences_first() {
        let text = "Pricing is the blocker today. Legal wants redlines by Friday. \
                    Security review is done.";
        let pieces = split_to_fit(text, "", 10, &WordPieceEstimate).unwrap_or_default();
        assert!(pieces.len() >= 2);
        assert_eq!(pieces[0], "Pricing is the blocker today.");
        for p in &pieces {
            assert!(WordPieceEstimate.count(p) <= 10, "{p}");
        }
    }

    #[test]
    fn giant_word_is_hard_split() {
        let text = "x".repeat(500);
        let pieces = split_to_fit(&text, "Bo: ", 16, &WordPieceEstimate).unwrap_or_default();
        assert_eq!(pieces.concat(), text);
        for p in &pieces {
            assert!(WordPieceEstimate.count(&format!("Bo: {p}")) <= 16);
        }
    }
}
