//! Competitor mentions in passages of text (transcript turns, emails, meeting notes, ticket
//! comments): who was named, where exactly, in which sentence, and what kind of mention it is.

use serde::Serialize;

use super::classify::{Classification, MentionKind, classify};
use super::matcher::{CompetitorMatcher, Spelling};
use super::text::{TextSpan, normalize, sentence_at, sentences, words};

/// The kind of record a passage comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextSource {
    /// One speaker turn of a call transcript.
    Transcript,
    /// An email body.
    Email,
    /// Meeting notes.
    Meeting,
    /// One comment of a support ticket.
    Ticket,
}

impl TextSource {
    /// The stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Transcript => "transcript",
            Self::Email => "email",
            Self::Meeting => "meeting",
            Self::Ticket => "ticket",
        }
    }
}

/// One passage of text to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage<'a> {
    /// Kind of record.
    pub source: TextSource,
    /// The record's id (transcript, activity or ticket id).
    pub source_id: &'a str,
    /// Turn, message or comment index inside the record.
    pub passage_index: usize,
    /// The text.
    pub text: &'a str,
}

/// One competitor mention with the passage it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompetitorMention {
    /// Canonical competitor name.
    pub competitor: String,
    /// Kind of record.
    pub source: TextSource,
    /// The record's id.
    pub source_id: String,
    /// Turn, message or comment index.
    pub passage_index: usize,
    /// The name as written (possessive excluded), at `name_span` in the passage.
    pub name_as_written: String,
    /// Byte offsets of the name in the passage.
    pub name_span: TextSpan,
    /// Written exactly or with a light misspelling.
    pub spelling: Spelling,
    /// Followed by a possessive.
    pub possessive: bool,
    /// The sentence that names the competitor, at `snippet_span` in the passage.
    pub snippet: String,
    /// Byte offsets of the sentence in the passage.
    pub snippet_span: TextSpan,
    /// What the mention is about.
    pub kind: MentionKind,
    /// The cue phrases behind `kind`.
    pub cues: Vec<&'static str>,
}

/// Every competitor mention in one passage, in text order.
pub fn extract_mentions(
    matcher: &CompetitorMatcher,
    passage: &Passage<'_>,
) -> Vec<CompetitorMention> {
    let found = matcher.find(passage.text);
    if found.is_empty() {
        return Vec::new();
    }
    let spans = sentences(passage.text);
    let lowered: Vec<Vec<String>> = spans
        .iter()
        .map(|s| {
            words(s.slice(passage.text).unwrap_or_default())
                .iter()
                .map(|w| normalize(w.text))
                .collect()
        })
        .collect();
    found
        .into_iter()
        .filter_map(|name| {
            let s = sentence_at(&spans, name.span.start)?;
            let Classification { kind, cues } = classify_in(&lowered, s);
            Some(CompetitorMention {
                competitor: matcher.names().get(name.competitor)?.clone(),
                source: passage.source,
                source_id: passage.source_id.to_string(),
                passage_index: passage.passage_index,
                name_as_written: name.span.slice(passage.text)?.to_string(),
                name_span: name.span,
                spelling: name.spelling,
                possessive: name.possessive,
                snippet: spans[s].slice(passage.text)?.to_string(),
                snippet_span: spans[s],
                kind,
                cues,
            })
        })
        .collect()
}

/// Mentions of every passage, in passage order.
pub fn extract_all<'a>(
    matcher: &CompetitorMatcher,
    passages: impl IntoIterator<Item = &'a Passage<'a>>,
) -> Vec<CompetitorMention> {
    passages
        .into_iter()
        .flat_map(|p| extract_mentions(matcher, p))
        .collect()
}

fn classify_in(sentences: &[Vec<String>], s: usize) -> Classification {
    let mut neighbours: Vec<&[String]> = Vec::with_capacity(2);
    if let Some(prev) = s.checked_sub(1).and_then(|p| sentences.get(p)) {
        neighbours.push(prev);
    }
    if let Some(next) = sentences.get(s + 1) {
        neighbours.push(next);
    }
    classify(&sentences[s], &neighbours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competitive::matcher::CompetitorName;

    fn matcher() -> CompetitorMatcher {
        CompetitorMatcher::new(&[
            CompetitorName {
                name: "Vantora".into(),
                aliases: vec!["VTR".into()],
            },
            CompetitorName {
                name: "Kestrelio".into(),
                aliases: vec!["Kestrel".into()],
            },
        ])
        .unwrap()
    }

    fn passage(text: &str) -> Passage<'_> {
        Passage {
            source: TextSource::Ticket,
            source_id: "T-1",
            passage_index: 2,
            text,
        }
    }

    #[test]
    fn mentions_carry_their_passage_and_sentence() {
        let text =
            "Thanks for the call. VTR's quote came in 20% lower. We are also evaluating kestrel.";
        let got = extract_mentions(&matcher(), &passage(text));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].competitor, "Vantora");
        assert_eq!(got[0].name_as_written, "VTR");
        assert!(got[0].possessive);
        assert_eq!(got[0].snippet, "VTR's quote came in 20% lower.");
        assert_eq!(got[0].kind, MentionKind::PricingComparison);
        assert_eq!(got[1].competitor, "Kestrelio");
        assert_eq!(got[1].kind, MentionKind::Objection);
        assert_eq!(
            (got[1].source_id.as_str(), got[1].passage_index),
            ("T-1", 2)
        );
    }

    #[test]
    fn offsets_point_at_the_reported_text() {
        let text = "Prix—Vantora’s offre. Vantorra again!";
        for m in extract_mentions(&matcher(), &passage(text)) {
            assert_eq!(m.name_span.slice(text), Some(m.name_as_written.as_str()));
            assert_eq!(m.snippet_span.slice(text), Some(m.snippet.as_str()));
        }
        assert_eq!(extract_mentions(&matcher(), &passage(text)).len(), 2);
    }

    #[test]
    fn passages_without_names_yield_nothing() {
        assert!(extract_mentions(&matcher(), &passage("The incumbent is cheaper.")).is_empty());
    }
}
