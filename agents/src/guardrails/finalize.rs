//! Turns a brain's draft into the answer: flags instruction-like retrieved text, numbers the
//! citations, removes sentences whose numbers no tool returned or whose quotes cite nothing,
//! and records every repair in the trace.

use std::time::Instant;

use revpulse_tools::Source;
use serde_json::Value;

use super::citations::{cites_passage, number_citations, quotes_conversation};
use super::injection;
use super::numbers::{WrittenNumber, grounded_values, is_grounded, written_numbers};
use super::quoted::{is_verbatim, quotable, split_quotes};
use crate::{Answer, DomainAgent, Draft, Outcome, Section, StepKind, Trace, TraceStep};

/// Applies every guardrail to `draft` and assembles the answer to `question`.
pub fn finalize(question: &str, draft: Draft, started: Instant) -> Answer {
    let mut steps = draft.steps;
    let guard = |rule: &str, detail: String| TraceStep {
        agent: DomainAgent::Coordinator,
        kind: StepKind::Guardrail {
            rule: rule.to_owned(),
            detail,
        },
        elapsed_ms: 0.0,
    };
    for (chunk, cues) in injection_findings(&draft.replies) {
        steps.push(guard(
            "injection_flagged",
            format!("{chunk}: instruction-like text ({cues}) treated as data, not followed"),
        ));
    }
    let sources: Vec<Source> = draft
        .replies
        .iter()
        .flat_map(|r| r.sources.iter().cloned())
        .collect();
    let cited = number_citations(&draft.text, &sources);
    for id in &cited.unknown_ids {
        steps.push(guard(
            "citation",
            format!("removed a citation of `{id}`, which no tool returned"),
        ));
    }
    let outputs: Vec<&Value> = draft
        .replies
        .iter()
        .flat_map(|r| [&r.output, &r.args])
        .collect();
    let values = grounded_values(&outputs);
    let snippets: Vec<&str> = sources
        .iter()
        .filter_map(|s| match s {
            Source::Passage { snippet, .. } => Some(snippet.as_str()),
            Source::Record { .. } => None,
        })
        .collect();
    let quotable = quotable(&outputs, &snippets);
    let mut kept_paragraphs = Vec::new();
    for paragraph in cited.text.split("\n\n") {
        let mut kept = Vec::new();
        for sentence in sentences(paragraph) {
            match sentence_problem(sentence, &values, &cited.citations) {
                None => kept.push(sentence.to_owned()),
                Some(problem) => steps.push(guard(
                    problem.0,
                    format!("{}: «{}»", problem.1, sentence.trim()),
                )),
            }
        }
        let joined = kept.concat().trim_end().to_owned();
        if !joined.trim().is_empty() {
            kept_paragraphs.push(joined);
        }
    }
    let sections = draft
        .sections
        .into_iter()
        .map(|s| ground_section(s, &values, &quotable, &mut steps))
        .collect();
    let text = kept_paragraphs.join("\n\n");
    let outcome = match draft.outcome {
        Outcome::Answered if text.trim().is_empty() => Outcome::Unknown {
            missing: "tool outputs that support an answer to this question".to_owned(),
        },
        other => other,
    };
    Answer {
        question: question.to_owned(),
        text,
        sections,
        citations: cited.citations,
        follow_ups: draft.follow_ups,
        outcome,
        agents: draft.agents,
        trace: Trace {
            steps,
            total_ms: started.elapsed().as_secs_f64() * 1000.0,
        },
    }
}

/// Sentences of a paragraph, each keeping its trailing space or newline so they re-join
/// exactly. A full stop between digits (1.2) or inside a curly quote does not end a sentence.
fn sentences(paragraph: &str) -> Vec<&str> {
    let bytes = paragraph.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in paragraph.char_indices() {
        match c {
            '“' | '«' => quoted = true,
            '”' | '»' => quoted = false,
            _ => {}
        }
        let ends = match c {
            '\n' => true,
            '.' | '?' | '!' if !quoted => {
                bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\n')
            }
            _ => false,
        };
        if ends {
            let mut end = i + c.len_utf8();
            while bytes.get(end) == Some(&b' ') {
                end += 1;
            }
            out.push(&paragraph[start..end]);
            start = end;
        }
    }
    if start < paragraph.len() {
        out.push(&paragraph[start..]);
    }
    out
}

fn sentence_problem(
    sentence: &str,
    values: &[f64],
    citations: &[crate::Citation],
) -> Option<(&'static str, String)> {
    let quoted = quotes_conversation(sentence);
    let cited = quoted && cites_passage(sentence, citations);
    if let Some(n) = claims(sentence, |_| cited)
        .into_iter()
        .find(|n| !is_grounded(n, values))
    {
        return Some((
            "numeric_grounding",
            format!(
                "removed a sentence stating {} that no tool output supports",
                n.text
            ),
        ));
    }
    if quoted && !cited {
        return Some((
            "citation",
            "removed a quote that cites no passage".to_owned(),
        ));
    }
    if !quoted && injection::scan(sentence).is_some() {
        return Some((
            "injection_output",
            "removed an instruction-like sentence that was not quoted as data".to_owned(),
        ));
    }
    None
}

/// The numbers `text` claims: those outside quotations, plus those inside any quotation that
/// `is_data` does not accept as a passage's own words.
fn claims(text: &str, is_data: impl Fn(&str) -> bool) -> Vec<WrittenNumber> {
    let (outside, quotations) = split_quotes(text);
    let mut out = written_numbers(&outside);
    for q in quotations.iter().filter(|q| !is_data(q)) {
        out.extend(written_numbers(q));
    }
    out
}

fn ground_section(
    section: Section,
    values: &[f64],
    quotable: &[String],
    steps: &mut Vec<TraceStep>,
) -> Section {
    let Section::Table(mut table) = section else {
        return section;
    };
    for row in &mut table.rows {
        for cell in row.iter_mut() {
            if let Some(n) = claims(cell, |q| is_verbatim(q, quotable))
                .into_iter()
                .find(|n| !is_grounded(n, values))
            {
                steps.push(TraceStep {
                    agent: DomainAgent::Coordinator,
                    kind: StepKind::Guardrail {
                        rule: "numeric_grounding".to_owned(),
                        detail: format!("blanked table cell {} in «{}»", n.text, table.title),
                    },
                    elapsed_ms: 0.0,
                });
                *cell = "—".to_owned();
            }
        }
    }
    Section::Table(table)
}

/// (chunk id, cues) for every retrieved passage that reads as an instruction.
fn injection_findings(replies: &[revpulse_tools::ToolReply]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for reply in replies {
        for source in &reply.sources {
            if let Source::Passage {
                chunk_id, snippet, ..
            } = source
                && let Some(f) = injection::scan(snippet)
                && !out.iter().any(|(c, _)| c == chunk_id)
            {
                out.push((chunk_id.clone(), f.cues.join(", ")));
            }
        }
        let mut texts = Vec::new();
        strings(&reply.output, &mut texts);
        for text in texts {
            if let Some(f) = injection::scan(text) {
                let label = format!("text in {} output", reply.tool);
                if !out.iter().any(|(c, _)| c == &label) {
                    out.push((label, f.cues.join(", ")));
                }
            }
        }
    }
    out
}

fn strings<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
    match v {
        Value::String(s) if s.len() > 24 => out.push(s),
        Value::Array(items) => items.iter().for_each(|x| strings(x, out)),
        Value::Object(map) => map.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[cfg(test)]
#[path = "finalize_tests.rs"]
mod tests;
