//! Excerpts with highlights, rebuilt from what Meilisearch returns for the `text` attribute.
//!
//! The search asks for `text` highlighted with two private-use characters as tags. When
//! removing the tags gives back the stored text exactly, the tags' places are the matches;
//! otherwise (the text itself holds those characters) `_matchesPosition` is used, whose
//! `start` and `length` are byte offsets (snapped outwards to character boundaries here:
//! older servers counted `length` in characters, which then highlights a little less
//! of a non-ASCII word but never splits a character). The excerpt is then cut from the stored
//! text around the first match, so every highlight is a byte range of the excerpt.

use std::ops::Range;

use meilisearch_sdk::search::MatchRange;

use crate::request::{Highlight, Snippet};

/// Tag Meilisearch is asked to put before a match.
pub const HIGHLIGHT_PRE: &str = "\u{E000}";
/// Tag Meilisearch is asked to put after a match.
pub const HIGHLIGHT_POST: &str = "\u{E001}";

/// Longest excerpt, in characters.
pub const SNIPPET_CHARS: usize = 240;
/// Characters of context kept before the first match when the text must be cut.
const CONTEXT_CHARS: usize = 60;

/// The matched byte ranges of `original`, read from its highlighted copy `formatted`;
/// `None` when the copy is not `original` with `pre`/`post` tags inserted.
pub fn ranges_from_formatted(
    original: &str,
    formatted: &str,
    pre: &str,
    post: &str,
) -> Option<Vec<Range<usize>>> {
    let mut plain = String::with_capacity(original.len());
    let mut ranges = Vec::new();
    let mut rest = formatted;
    while let Some(open) = rest.find(pre) {
        plain.push_str(&rest[..open]);
        let after = &rest[open + pre.len()..];
        let close = after.find(post)?;
        let start = plain.len();
        plain.push_str(&after[..close]);
        if plain.len() > start {
            ranges.push(start..plain.len());
        }
        rest = &after[close + post.len()..];
    }
    if rest.contains(post) {
        return None;
    }
    plain.push_str(rest);
    (plain == original).then(|| merge(ranges))
}

/// The matched byte ranges of `original` from `_matchesPosition` entries, clamped to the
/// text and widened to character boundaries.
pub fn ranges_from_positions(original: &str, positions: &[MatchRange]) -> Vec<Range<usize>> {
    let ranges = positions
        .iter()
        .filter(|m| m.indices.as_ref().is_none_or(Vec::is_empty))
        .filter_map(|m| {
            let start = floor_boundary(original, m.start.min(original.len()));
            let end = ceil_boundary(
                original,
                m.start.saturating_add(m.length).min(original.len()),
            );
            (end > start).then_some(start..end)
        })
        .collect();
    merge(ranges)
}

/// The excerpt of `text` around the first of `ranges` (its opening when there is none),
/// with the ranges inside it as highlights relative to the excerpt.
pub fn snippet(text: &str, ranges: &[Range<usize>]) -> Snippet {
    let Some(first) = ranges.first() else {
        let end = window_end(text, 0, 0);
        return Snippet {
            text: text[..end].to_string(),
            highlights: Vec::new(),
        };
    };
    let start = window_start(text, first.start);
    let end = window_end(text, start, first.end);
    let highlights = ranges
        .iter()
        .filter(|r| r.start < end && r.end > start)
        .map(|r| Highlight {
            start: r.start.max(start) - start,
            end: r.end.min(end) - start,
        })
        .collect();
    Snippet {
        text: text[start..end].to_string(),
        highlights,
    }
}

/// Where the excerpt begins: up to [`CONTEXT_CHARS`] before `match_start`, moved forward
/// to the next word when a space is close by.
fn window_start(text: &str, match_start: usize) -> usize {
    let before = &text[..match_start];
    let Some((start, _)) = before.char_indices().rev().nth(CONTEXT_CHARS - 1) else {
        return 0;
    };
    match before[start..].find(char::is_whitespace) {
        Some(space) => {
            let after_space = start + space;
            after_space
                + before[after_space..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8)
        }
        None => start,
    }
}

/// Where the excerpt ends: [`SNIPPET_CHARS`] characters after `start`, cut back to a space
/// when one lies in the second half, never before `keep_until`.
fn window_end(text: &str, start: usize, keep_until: usize) -> usize {
    let Some((cut, _)) = text[start..].char_indices().nth(SNIPPET_CHARS) else {
        return text.len();
    };
    let cut = start + cut;
    let floor = keep_until.max(start + (cut - start) / 2);
    match text[..cut].rfind(char::is_whitespace) {
        Some(space) if space > floor => space,
        _ => cut.max(keep_until),
    }
}

/// Sorted, overlapping and touching ranges joined.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: usize, length: usize) -> MatchRange {
        MatchRange {
            start,
            length,
            indices: None,
        }
    }

    fn marked(s: &Snippet) -> String {
        let mut out = String::new();
        let mut last = 0;
        for h in &s.highlights {
            out.push_str(&s.text[last..h.start]);
            out.push('[');
            out.push_str(&s.text[h.start..h.end]);
            out.push(']');
            last = h.end;
        }
        out.push_str(&s.text[last..]);
        out
    }

    #[test]
    fn tags_give_byte_ranges_of_the_original() {
        let original = "Prix élevé chez Globex";
        let formatted = "Prix \u{E000}élevé\u{E001} chez \u{E000}Globex\u{E001}";
        let ranges =
            ranges_from_formatted(original, formatted, HIGHLIGHT_PRE, HIGHLIGHT_POST).unwrap();
        assert_eq!(ranges, vec![5..12, 18..24]);
        assert_eq!(&original[5..12], "élevé");
    }

    #[test]
    fn formatted_text_that_is_not_the_original_is_rejected() {
        let pre = HIGHLIGHT_PRE;
        let post = HIGHLIGHT_POST;
        assert!(ranges_from_formatted("abc", "…\u{E000}b\u{E001}…", pre, post).is_none());
        assert!(ranges_from_formatted("abc", "a\u{E000}bc", pre, post).is_none());
        assert!(ranges_from_formatted("abc", "ab\u{E001}c", pre, post).is_none());
        assert_eq!(ranges_from_formatted("abc", "abc", pre, post), Some(vec![]));
    }

    #[test]
    fn positions_are_bytes_and_snap_to_characters() {
        let text = "Prix élevé chez Globex";
        assert_eq!(ranges_from_positions(text, &[at(5, 7)]), vec![5..12]);
        // A server counting the length in characters (5) still yields whole characters.
        assert_eq!(ranges_from_positions(text, &[at(5, 5)]), vec![5..10]);
        assert_eq!(ranges_from_positions(text, &[at(5, 6)]), vec![5..12]);
        assert_eq!(
            ranges_from_positions(text, &[at(6, 1), at(100, 3)]),
            vec![5..7]
        );
        let in_array = MatchRange {
            start: 0,
            length: 2,
            indices: Some(vec![1]),
        };
        assert!(ranges_from_positions(text, &[in_array]).is_empty());
        assert_eq!(
            ranges_from_positions(text, &[at(16, 6), at(0, 4), at(2, 3)]),
            vec![0..5, 16..22]
        );
    }

    #[test]
    fn short_texts_are_whole_with_their_highlights() {
        let s = snippet("Globex undercut us", std::slice::from_ref(&(0..6)));
        assert_eq!(marked(&s), "[Globex] undercut us");
        let s = snippet("no match here", &[]);
        assert_eq!(s.text, "no match here");
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn long_texts_are_cut_around_the_first_match_on_word_boundaries() {
        let text = format!("{} Globex {}", "lead ".repeat(100), "tail ".repeat(100));
        let at = text.find("Globex").unwrap();
        let s = snippet(&text, std::slice::from_ref(&(at..at + 6)));
        assert!(s.text.chars().count() <= SNIPPET_CHARS);
        assert!(text.contains(&s.text));
        assert!(s.text.starts_with("lead"), "{:?}", s.text);
        assert_eq!(
            &s.text[s.highlights[0].start..s.highlights[0].end],
            "Globex"
        );
        assert!(s.highlights[0].start >= 50);
    }

    #[test]
    fn multibyte_texts_cut_on_character_boundaries() {
        let text = format!("{}Globex{}", "é".repeat(400), "ü".repeat(400));
        let at = text.find("Globex").unwrap();
        let s = snippet(&text, std::slice::from_ref(&(at..at + 6)));
        assert_eq!(s.text.chars().count(), SNIPPET_CHARS);
        assert_eq!(
            &s.text[s.highlights[0].start..s.highlights[0].end],
            "Globex"
        );
        let opening = snippet(&text, &[]);
        assert_eq!(opening.text.chars().count(), SNIPPET_CHARS);
    }

    #[test]
    fn a_match_longer_than_the_window_is_kept_whole() {
        let text = "x".repeat(1000);
        let s = snippet(&text, std::slice::from_ref(&(0..600)));
        assert_eq!(s.text.len(), 600);
        assert_eq!(s.highlights, vec![Highlight { start: 0, end: 600 }]);
    }
}
