//! The outputs behind an answer: an [`Answer`]'s trace records each tool call's name and
//! arguments but not what came back, so the harness calls the same tools again with the same
//! arguments for the same caller (tools are deterministic for the same data and today) to see
//! the rows and sources the answer rested on.

use revpulse_agents::{Answer, StepKind};
use revpulse_tools::{Catalogue, Source, ToolContext};
use serde_json::Value;

/// One tool call of an answer, with what it returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Replayed {
    /// Tool name.
    pub tool: String,
    /// Arguments as sent.
    pub args: Value,
    /// Its output (null when the call failed).
    pub output: Value,
    /// Its sources.
    pub sources: Vec<Source>,
}

/// Calls again every tool call of `answer` that succeeded.
pub async fn replay(catalogue: &Catalogue, ctx: &ToolContext, answer: &Answer) -> Vec<Replayed> {
    let mut out = Vec::new();
    for step in &answer.trace.steps {
        let StepKind::ToolCall {
            tool,
            args,
            error: None,
            ..
        } = &step.kind
        else {
            continue;
        };
        let (output, sources) = match catalogue.call(ctx, tool, args.clone()).await {
            Ok(reply) => (reply.output, reply.sources),
            Err(_) => (Value::Null, Vec::new()),
        };
        out.push(Replayed {
            tool: tool.clone(),
            args: args.clone(),
            output,
            sources,
        });
    }
    out
}

/// Every source of the replayed calls.
pub fn all_sources(replayed: &[Replayed]) -> impl Iterator<Item = &Source> {
    replayed.iter().flat_map(|r| &r.sources)
}

/// Every numeric leaf of `value`.
pub fn numbers_in(value: &Value, out: &mut Vec<f64>) {
    match value {
        Value::Number(n) => out.extend(n.as_f64()),
        Value::Array(items) => items.iter().for_each(|v| numbers_in(v, out)),
        Value::Object(map) => map.values().for_each(|v| numbers_in(v, out)),
        _ => {}
    }
}

/// Every string leaf of `value`.
pub fn strings_in<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings_in(v, out)),
        _ => {}
    }
}
