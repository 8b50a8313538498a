//! Excerpts around the query's terms, with the matched byte ranges.

use tantivy::snippet::SnippetGenerator;

use crate::request::{Highlight, Snippet};

/// Longest excerpt, in characters.
pub(crate) const SNIPPET_CHARS: usize = 240;

/// The best excerpt of `text` for the generator's terms; the passage's opening when no term
/// occurs in it (a purely semantic match).
pub(crate) fn snippet(generator: Option<&SnippetGenerator>, text: &str) -> Snippet {
    if let Some(generator) = generator {
        let found = generator.snippet(text);
        if !found.is_empty() && !found.highlighted().is_empty() {
            return Snippet {
                text: found.fragment().to_string(),
                highlights: found
                    .highlighted()
                    .iter()
                    .map(|r| Highlight {
                        start: r.start,
                        end: r.end,
                    })
                    .collect(),
            };
        }
    }
    Snippet {
        text: opening(text, SNIPPET_CHARS),
        highlights: Vec::new(),
    }
}

/// The first `max_chars` characters, cut back to a word boundary when one is near.
fn opening(text: &str, max_chars: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max_chars) else {
        return text.to_string();
    };
    let head = &text[..cut];
    match head.rfind(char::is_whitespace) {
        Some(space) if space > cut / 2 => head[..space].to_string(),
        _ => head.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opening_respects_character_boundaries() {
        let text = "é".repeat(300);
        let s = snippet(None, &text);
        assert_eq!(s.text.chars().count(), SNIPPET_CHARS);
        assert!(s.highlights.is_empty());
        assert_eq!(snippet(None, "short").text, "short");
    }
}
