//! Tests of the finalizing guardrails on hand-made drafts: numbers outside quotations are
//! claims, numbers a passage said are data, and table cells obey the same rule.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use revpulse_tools::{Source, ToolReply};
use serde_json::{Value, json};

use super::finalize;
use crate::{DomainAgent, Draft, Outcome, Section, StepKind, Table};

fn passage(id: &str, snippet: &str) -> Source {
    Source::Passage {
        chunk_id: id.into(),
        snippet: snippet.into(),
        source_type: "call".into(),
        timestamp: "2026-11-01T10:00:00Z".into(),
    }
}

fn draft(text: &str, output: Value, sources: Vec<Source>, rows: Vec<Vec<String>>) -> Draft {
    Draft {
        text: text.into(),
        sections: vec![Section::Table(Table {
            title: "T".into(),
            columns: vec!["a".into()],
            rows,
        })],
        follow_ups: Vec::new(),
        replies: vec![ToolReply {
            tool: "objections",
            args: json!({}),
            output,
            sources,
            elapsed: Duration::ZERO,
        }],
        steps: Vec::new(),
        outcome: Outcome::Answered,
        agents: vec![DomainAgent::Coordinator],
        memory: (None, Value::Null),
    }
}

fn cells(answer: &crate::Answer) -> Vec<String> {
    match &answer.sections[0] {
        Section::Table(t) => t.rows.iter().flatten().cloned().collect(),
        Section::Chart(_) => Vec::new(),
    }
}

fn removals(answer: &crate::Answer) -> usize {
    answer
        .trace
        .steps
        .iter()
        .filter(
            |s| matches!(&s.kind, StepKind::Guardrail { rule, .. } if rule == "numeric_grounding"),
        )
        .count()
}

#[test]
fn a_cited_quotation_keeps_its_numbers_but_the_sentence_around_it_does_not() {
    let said = "They quoted us 22 percent under you, roughly $1,404.";
    let sources = vec![passage("C-1", said)];
    let output = json!({"passages": 7});
    let text = format!(
        "Pricing: “{said}” [[C-1]]. Across 7 passages. Revenue fell 41% after “{said}” [[C-1]]."
    );
    let answer = finalize(
        "q",
        draft(&text, output, sources, Vec::new()),
        Instant::now(),
    );
    assert!(answer.text.contains("$1,404"), "{}", answer.text);
    assert!(answer.text.contains("Across 7 passages"));
    assert!(
        !answer.text.contains("41%"),
        "an invented number next to a quote is removed"
    );
    assert_eq!(removals(&answer), 1);
}

#[test]
fn table_cells_ground_score_decimals_signs_and_verbatim_quotations() {
    let said = "Vantora came in 15 percent cheaper per seat at $1,250.";
    let output = json!({
        "accounts": [{"expansion_score": 0.4321}],
        "drivers": [{"effect": -0.0604, "value_text": "15.37×"}],
        "quotes": [{"text": said}]
    });
    let rows = vec![
        vec!["0.43".into()],
        vec!["-0.060".into()],
        vec!["15.37×".into()],
        vec![format!("“{said}”")],
        vec!["“They asked for 35 percent off right away.”".into()],
        vec!["0.44".into()],
    ];
    let answer = finalize(
        "q",
        draft("Done.", output, Vec::new(), rows),
        Instant::now(),
    );
    let got = cells(&answer);
    assert_eq!(got[..4], ["0.43", "-0.060", "15.37×", &format!("“{said}”")]);
    assert_eq!(got[4], "—", "a quotation no tool returned grounds nothing");
    assert_eq!(got[5], "—", "0.44 is not 0.4321 at two decimals");
}
