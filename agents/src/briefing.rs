//! Writing the executive brief outside a conversation (`revpulse brief`, the scheduler): the
//! brief tool's structured data, its narrative, and the same guardrails as any answer.

use std::time::Instant;

use revpulse_tools::brief::{BriefKind, ExecutiveBriefOutput};
use revpulse_tools::{Catalogue, ToolContext};
use serde_json::json;

use crate::offline::Slots;
use crate::offline::narrate::{brief_markdown, narrate};
use crate::{AgentError, Answer, DomainAgent, Draft, Outcome, StepKind, TraceStep, guardrails};

/// A written brief: the data and the answer built from it.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenBrief {
    /// The structured brief.
    pub data: ExecutiveBriefOutput,
    /// Prose, sections and citations, after the guardrails.
    pub answer: Answer,
}

impl WrittenBrief {
    /// The brief as a Markdown document.
    pub fn to_markdown(&self) -> String {
        brief_markdown(&self.data, &self.answer.to_markdown())
    }
}

/// Writes the `kind` brief for the caller in `ctx`.
pub async fn write_brief(
    ctx: &ToolContext,
    catalogue: &Catalogue,
    kind: BriefKind,
) -> Result<WrittenBrief, AgentError> {
    let started = Instant::now();
    let args = json!({ "kind": kind });
    let reply = catalogue.call(ctx, "executive_brief", args.clone()).await?;
    let data: ExecutiveBriefOutput = serde_json::from_value(reply.output.clone())
        .map_err(|e| AgentError::Routing(format!("executive_brief output: {e}")))?;
    let call = TraceStep {
        agent: DomainAgent::Coordinator,
        kind: StepKind::ToolCall {
            tool: reply.tool.to_owned(),
            args,
            sources: reply.sources.len(),
            error: None,
        },
        elapsed_ms: reply.elapsed.as_secs_f64() * 1000.0,
    };
    let narrative = narrate("brief", &Slots::default(), "", std::slice::from_ref(&reply))?;
    let question = match kind {
        BriefKind::Daily => "Daily executive brief",
        BriefKind::Weekly => "Weekly executive summary",
    };
    let draft = Draft {
        text: narrative.text,
        sections: narrative.sections,
        follow_ups: narrative.follow_ups,
        replies: vec![reply],
        steps: vec![call],
        outcome: Outcome::Answered,
        agents: vec![DomainAgent::Coordinator],
        memory: (None, serde_json::Value::Null),
    };
    Ok(WrittenBrief {
        data,
        answer: guardrails::finalize(question, draft, started),
    })
}
