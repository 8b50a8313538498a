//! Shared fixtures: a small demo company (generated once per test process) and hand-made
//! answers.

use std::sync::OnceLock;

use chrono::NaiveDate;
use revpulse_agents::{Answer, Citation, DomainAgent, Outcome, StepKind, Trace, TraceStep};
use revpulse_ingest::demo::{DemoCompany, DemoConfig, generate};
use revpulse_tools::Source;
use serde_json::Value;

/// The fixture company's today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// A 40-account demo company.
pub fn company() -> &'static DemoCompany {
    static COMPANY: OnceLock<DemoCompany> = OnceLock::new();
    COMPANY.get_or_init(|| generate(&DemoConfig::new(42, today()).with_accounts(40)).unwrap())
}

/// A trace step by the coordinator.
pub fn step(kind: StepKind) -> TraceStep {
    TraceStep {
        agent: DomainAgent::Coordinator,
        kind,
        elapsed_ms: 1.0,
    }
}

/// A routing step.
pub fn route(intent: &str) -> StepKind {
    StepKind::Route {
        intent: intent.to_owned(),
        score: 0.9,
    }
}

/// A successful tool call step.
pub fn call(tool: &str, args: Value) -> StepKind {
    StepKind::ToolCall {
        tool: tool.to_owned(),
        args,
        sources: 0,
        error: None,
    }
}

/// A guardrail step.
pub fn guard(rule: &str, detail: &str) -> StepKind {
    StepKind::Guardrail {
        rule: rule.to_owned(),
        detail: detail.to_owned(),
    }
}

/// A passage source.
pub fn passage(chunk_id: &str) -> Source {
    Source::Passage {
        chunk_id: chunk_id.to_owned(),
        snippet: "s".to_owned(),
        source_type: "call_transcript".to_owned(),
        timestamp: "2026-11-01T10:00:00Z".to_owned(),
    }
}

/// An answer with `text`, `steps` and `sources` cited in order.
pub fn answer(text: &str, steps: Vec<StepKind>, cited: Vec<Source>, outcome: Outcome) -> Answer {
    Answer {
        question: "q".to_owned(),
        text: text.to_owned(),
        sections: Vec::new(),
        citations: cited
            .into_iter()
            .enumerate()
            .map(|(k, source)| Citation {
                marker: k + 1,
                source,
            })
            .collect(),
        follow_ups: Vec::new(),
        outcome,
        agents: vec![DomainAgent::Coordinator, DomainAgent::Sales],
        trace: Trace {
            steps: steps.into_iter().map(step).collect(),
            total_ms: 5.0,
        },
    }
}
