//! The brain trait: what both the offline planner-narrator and the LLM brain do — turn a
//! question into tool calls and a draft answer. The coordinator runs the guardrails on the
//! draft, whichever brain wrote it.

use async_trait::async_trait;
use revpulse_tools::{Catalogue, ToolContext, ToolReply};
use serde_json::Value;

use crate::{AgentError, Conversation, DomainAgent, EventSink, Outcome, Section, TraceStep};

/// One question to answer.
pub struct Turn<'a> {
    /// The question.
    pub question: &'a str,
    /// The caller's context (scope, today, stores).
    pub ctx: &'a ToolContext,
    /// Earlier turns of the conversation.
    pub conversation: &'a Conversation,
    /// The tools.
    pub catalogue: &'a Catalogue,
    /// Where to announce steps as they happen.
    pub events: &'a EventSink,
}

/// What a brain produces before the guardrails.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Prose, with citation markers `[n]` indexing into the cited sources of `replies`
    /// (see [`crate::guardrails::citations`]).
    pub text: String,
    /// Tables and charts.
    pub sections: Vec<Section>,
    /// Follow-up questions.
    pub follow_ups: Vec<String>,
    /// Every tool reply the draft rests on (the guardrails ground numbers in these).
    pub replies: Vec<ToolReply>,
    /// Steps taken.
    pub steps: Vec<TraceStep>,
    /// How it ended.
    pub outcome: Outcome,
    /// Agents consulted.
    pub agents: Vec<DomainAgent>,
    /// The intent and slots, remembered for follow-ups.
    pub memory: (Option<String>, Value),
}

/// Something that can draft answers.
#[async_trait]
pub trait Brain: Send + Sync {
    /// A short name for traces and reports (`offline`, `llm:<model>`).
    fn name(&self) -> String;

    /// Drafts an answer to `turn`.
    async fn draft(&self, turn: Turn<'_>) -> Result<Draft, AgentError>;
}
