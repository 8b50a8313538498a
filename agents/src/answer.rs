//! What a question gets back: prose, structured sections (tables and chart specs), citations,
//! suggested follow-ups, and the trace of every step and tool call with its timing.

use revpulse_tools::Source;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::DomainAgent;

/// A finished answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Answer {
    /// The question as asked.
    pub question: String,
    /// Executive prose; citation markers look like `[1]`.
    pub text: String,
    /// Tables and chart specs behind the prose.
    pub sections: Vec<Section>,
    /// What the markers in `text` point at, in marker order.
    pub citations: Vec<Citation>,
    /// Questions worth asking next.
    pub follow_ups: Vec<String>,
    /// Answered, refused, or not answerable from the data.
    pub outcome: Outcome,
    /// The agents that took part.
    pub agents: Vec<DomainAgent>,
    /// Steps and tool calls with timings.
    pub trace: Trace,
}

/// How the question ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Answered from tool outputs.
    Answered,
    /// Outside the caller's scope; nothing of the out-of-scope data was used.
    Refused {
        /// Why, in words that leak nothing.
        reason: String,
    },
    /// The data cannot answer it.
    Unknown {
        /// The data that would answer it.
        missing: String,
    },
}

/// A structured part of an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Section {
    /// A table.
    Table(Table),
    /// A chart to draw.
    Chart(ChartSpec),
}

/// A table of formatted cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// Title.
    pub title: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows of cells, as many as columns.
    pub rows: Vec<Vec<String>>,
}

/// The kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Bars per label.
    Bar,
    /// A line over time.
    Line,
    /// A waterfall from an opening to a closing total.
    Waterfall,
    /// A grid of labels × series.
    Heatmap,
}

/// A chart: labels along one axis, one or more series of values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChartSpec {
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: ChartKind,
    /// Category labels.
    pub labels: Vec<String>,
    /// Series, each with one value per label.
    pub series: Vec<Series>,
}

/// One series of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Series {
    /// Name.
    pub name: String,
    /// Values, one per label.
    pub values: Vec<f64>,
}

/// A numbered citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Citation {
    /// The marker number used in the text (`[n]`).
    pub marker: usize,
    /// What it cites.
    pub source: Source,
}

/// Every step of producing the answer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Trace {
    /// Steps in order.
    pub steps: Vec<TraceStep>,
    /// Wall time of the whole answer in milliseconds.
    pub total_ms: f64,
}

/// One step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TraceStep {
    /// The agent that took it.
    pub agent: DomainAgent,
    /// What it did.
    pub kind: StepKind,
    /// How long it took in milliseconds.
    pub elapsed_ms: f64,
}

/// What a step did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum StepKind {
    /// The question was routed.
    Route {
        /// The intent chosen.
        intent: String,
        /// Similarity of the nearest example (offline brain) or 1.0.
        score: f32,
    },
    /// Names and periods in the question were resolved.
    Resolve {
        /// What was found, as `slot = value` lines.
        slots: Vec<String>,
    },
    /// A tool was called.
    ToolCall {
        /// Tool name.
        tool: String,
        /// Arguments as sent.
        args: Value,
        /// How many sources it returned.
        sources: usize,
        /// The error, if it failed.
        error: Option<String>,
    },
    /// A domain agent was consulted (the LLM brain's agent-as-tool).
    Consult {
        /// The agent asked.
        agent: DomainAgent,
    },
    /// A model completion (LLM brain).
    Completion {
        /// Input tokens.
        input_tokens: u64,
        /// Output tokens.
        output_tokens: u64,
    },
    /// Prose was written from the tool outputs.
    Narrate,
    /// A guardrail acted.
    Guardrail {
        /// Which one.
        rule: String,
        /// What it did.
        detail: String,
    },
}

impl Answer {
    /// Tool calls made, in order.
    pub fn tool_calls(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.trace.steps.iter().filter_map(|s| match &s.kind {
            StepKind::ToolCall { tool, args, .. } => Some((tool.as_str(), args)),
            _ => None,
        })
    }

    /// The intent the question was routed to, if it was.
    pub fn intent(&self) -> Option<&str> {
        self.trace.steps.iter().find_map(|s| match &s.kind {
            StepKind::Route { intent, .. } => Some(intent.as_str()),
            _ => None,
        })
    }

    /// Guardrail actions taken.
    pub fn guardrail_actions(&self) -> impl Iterator<Item = (&str, &str)> {
        self.trace.steps.iter().filter_map(|s| match &s.kind {
            StepKind::Guardrail { rule, detail } => Some((rule.as_str(), detail.as_str())),
            _ => None,
        })
    }
}
