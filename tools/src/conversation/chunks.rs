//! Reading an indexed chunk back into what was said. The chunker's formats are fixed: a chunk
//! id is `"{source_id}#{first}-{last}"` (a cut passage adds `".{piece}"`); a call chunk is one
//! `"Name: text"` line per speaker turn, turns `first..=last`; a ticket chunk is one comment
//! opening with its author's `"Name: "` (the ticket's subject line comes first on comment 0);
//! emails and meeting notes are one message without speakers (notes open with `Attendees:` and
//! `Agenda:` lines, which are left out: the title and the notes are read apart).

use std::collections::HashSet;

use revpulse_search::SearchDocument;

/// Where a chunk sits in its source record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ChunkSpan<'a> {
    /// Transcript, activity or ticket id.
    pub source_id: &'a str,
    /// First turn or comment index covered.
    pub first: usize,
    /// The piece suffix of a passage cut in several chunks.
    pub piece: Option<&'a str>,
}

/// The span named by a chunk id; an id without the `#` suffix is its own source, passage 0.
pub(crate) fn span(chunk_id: &str) -> ChunkSpan<'_> {
    let Some((source_id, passages)) = chunk_id.rsplit_once('#') else {
        return ChunkSpan {
            source_id: chunk_id,
            first: 0,
            piece: None,
        };
    };
    let (range, piece) = match passages.split_once('.') {
        Some((range, piece)) => (range, Some(piece)),
        None => (passages, None),
    };
    let first = range
        .split('-')
        .next()
        .and_then(|f| f.parse().ok())
        .unwrap_or(0);
    ChunkSpan {
        source_id,
        first,
        piece,
    }
}

/// The short name of an index source type, as tools report it: `call`, `email`, `meeting`
/// or `ticket` (unknown kinds pass through).
pub(crate) fn short_source_type(index_name: &str) -> &str {
    match index_name {
        "call_transcript" => "call",
        "ticket_comment" => "ticket",
        other => other,
    }
}

/// Turns already read, by source record, turn index, piece and words.
#[derive(Debug, Default)]
pub(crate) struct SeenTurns {
    seen: HashSet<(String, usize, Option<String>, String)>,
}

impl SeenTurns {
    /// Whether `turn` of `doc` is read for the first time (and remembers it).
    pub(crate) fn first_time(&mut self, doc: &SearchDocument, turn: &Turn<'_>) -> bool {
        let at = span(&doc.id);
        self.seen.insert((
            at.source_id.to_owned(),
            turn.index,
            at.piece.map(str::to_owned),
            turn.text.to_owned(),
        ))
    }
}

/// One speaker's words inside a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Turn<'a> {
    /// Turn index (calls), comment index (tickets) or 0 (emails, meetings).
    pub index: usize,
    /// The speaker's name, when the format carries it.
    pub speaker: Option<&'a str>,
    /// What was said or written.
    pub text: &'a str,
}

/// The turns of a chunk, in order.
pub(crate) fn turns(doc: &SearchDocument) -> Vec<Turn<'_>> {
    let first = span(&doc.id).first;
    match doc.metadata.source_type.as_str() {
        "call_transcript" => call_turns(&doc.text, first),
        "ticket_comment" => ticket_turns(&doc.text, first),
        "meeting" => note_turns(&doc.text, first),
        _ => vec![Turn {
            index: first,
            speaker: None,
            text: doc.text.as_str(),
        }],
    }
}

/// Every line opening with a speaker starts the next turn; other lines continue the turn
/// before them.
fn call_turns(text: &str, first: usize) -> Vec<Turn<'_>> {
    // (speaker, first byte, end byte) of each turn's words.
    let mut spans: Vec<(Option<&str>, usize, usize)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let end = start + line.trim_end().len();
        match (speaker_prefix(line.trim_end()), spans.last_mut()) {
            (Some((speaker, said)), _) => spans.push((Some(speaker), end - said.len(), end)),
            (None, Some(turn)) => turn.2 = end,
            (None, None) => spans.push((None, start, end)),
        }
    }
    spans
        .into_iter()
        .enumerate()
        .map(|(i, (speaker, start, end))| Turn {
            index: first + i,
            speaker,
            text: &text[start..end],
        })
        .collect()
}

/// The author's prefix is on the first line, or on the second after comment 0's subject.
fn ticket_turns(text: &str, first: usize) -> Vec<Turn<'_>> {
    let turn = |speaker, words| Turn {
        index: first,
        speaker,
        text: words,
    };
    let (head, rest) = text.split_once('\n').unwrap_or((text, ""));
    if let Some((speaker, said)) = speaker_prefix(head) {
        return vec![turn(Some(speaker), &text[head.len() - said.len()..])];
    }
    let second = rest.split('\n').next().unwrap_or_default();
    match speaker_prefix(second) {
        Some((speaker, said)) => {
            let body_start = head.len() + 1 + second.len() - said.len();
            vec![turn(None, head), turn(Some(speaker), &text[body_start..])]
        }
        None => vec![turn(None, text)],
    }
}

/// Header lines of meeting notes: who attended and the agenda, not what was said.
const NOTE_HEADERS: [&str; 2] = ["Attendees:", "Agenda:"];

/// Meeting notes as the runs of lines between header lines (the title, then the notes).
fn note_turns(text: &str, first: usize) -> Vec<Turn<'_>> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let (start, end) = (offset, offset + line.trim_end().len());
        offset += line.len();
        if NOTE_HEADERS
            .iter()
            .any(|h| line.trim_start().starts_with(h))
        {
            out.extend(run.take().map(|(s, e)| &text[s..e]));
        } else {
            run = Some(run.map_or((start, end), |(s, _)| (s, end)));
        }
    }
    out.extend(run.map(|(s, e)| &text[s..e]));
    out.into_iter()
        .filter(|words| !words.trim().is_empty())
        .map(|words| Turn {
            index: first,
            speaker: None,
            text: words,
        })
        .collect()
}

/// `"Name: text"` → (`Name`, `text`) when the part before `": "` reads as a person's name:
/// one to five words, each starting with a capital, no sentence punctuation.
fn speaker_prefix(line: &str) -> Option<(&str, &str)> {
    let (name, said) = line.split_once(": ")?;
    let words: Vec<&str> = name.split(' ').collect();
    let name_like = !name.is_empty()
        && name.len() <= 60
        && words.len() <= 5
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !name.contains(['.', '?', '!', ',', ':']);
    name_like.then_some((name, said))
}
