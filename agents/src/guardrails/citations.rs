//! Citations: drafts cite with `[[id]]` (a chunk id or a record id from a tool's sources);
//! the final answer numbers them `[n]` in order of first use. A marker whose id no tool
//! returned is removed, and a sentence that quotes a conversation without citing a passage is
//! dropped — a statement about a conversation must point at its chunk.

use revpulse_tools::Source;

use crate::Citation;

/// The text with numbered markers, the citations, and what had to be repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct CitedText {
    /// Text with `[n]` markers.
    pub text: String,
    /// Citations in marker order.
    pub citations: Vec<Citation>,
    /// Ids cited that no tool returned.
    pub unknown_ids: Vec<String>,
}

/// The marker a draft uses for `id`.
pub fn marker(id: &str) -> String {
    format!("[[{id}]]")
}

/// Replaces `[[id]]` markers in `text` with numbers, resolving ids against `sources`.
pub fn number_citations(text: &str, sources: &[Source]) -> CitedText {
    let mut out = String::with_capacity(text.len());
    let mut citations: Vec<Citation> = Vec::new();
    let mut unknown_ids = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("[[") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let id = after[..close].trim();
        match sources.iter().find(|s| s.id() == id) {
            Some(source) => {
                let number = match citations.iter().find(|c| c.source.id() == id) {
                    Some(c) => c.marker,
                    None => {
                        let n = citations.len() + 1;
                        citations.push(Citation {
                            marker: n,
                            source: source.clone(),
                        });
                        n
                    }
                };
                out.push_str(&format!("[{number}]"));
            }
            None => {
                unknown_ids.push(id.to_owned());
                while out.ends_with(' ') {
                    out.pop();
                }
            }
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    CitedText {
        text: out,
        citations,
        unknown_ids,
    }
}

/// Whether `sentence` quotes someone (straight or curly quotes around several words).
pub fn quotes_conversation(sentence: &str) -> bool {
    let quoted = |open: char, close: char| {
        sentence.split(open).skip(1).any(|s| {
            s.split(close)
                .next()
                .is_some_and(|inner| inner.split_whitespace().count() >= 3)
        })
    };
    quoted('"', '"') || quoted('“', '”') || quoted('«', '»')
}

/// Whether `sentence` carries a numbered marker that cites a passage.
pub fn cites_passage(sentence: &str, citations: &[Citation]) -> bool {
    citations.iter().any(|c| {
        matches!(c.source, Source::Passage { .. }) && sentence.contains(&format!("[{}]", c.marker))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn passage(id: &str) -> Source {
        Source::Passage {
            chunk_id: id.into(),
            snippet: "s".into(),
            source_type: "call".into(),
            timestamp: "2026-11-01T10:00:00Z".into(),
        }
    }

    #[test]
    fn markers_are_numbered_in_order_and_unknown_ids_dropped() {
        let sources = vec![
            passage("C-9"),
            Source::record("Opportunity", "OPP-1", "Big deal"),
        ];
        let cited = number_citations(
            "Pricing came up [[C-9]]. The deal [[OPP-1]] is late [[C-9]] [[C-404]].",
            &sources,
        );
        assert_eq!(cited.text, "Pricing came up [1]. The deal [2] is late [1].");
        assert_eq!(cited.citations.len(), 2);
        assert_eq!(cited.unknown_ids, vec!["C-404"]);
    }

    #[test]
    fn quotes_need_a_passage_citation() {
        let sources = vec![passage("C-9")];
        let cited = number_citations("She said \"the price is too high\" [[C-9]].", &sources);
        assert!(quotes_conversation(&cited.text));
        assert!(cites_passage(&cited.text, &cited.citations));
        assert!(!cites_passage(
            "She said \"the price is too high\".",
            &cited.citations
        ));
    }
}
