//! The agents: a coordinator that understands a revenue question, sends it to the Sales,
//! Marketing, Finance and Customer agents, and merges what their tools return into an exact,
//! explained, cited [`Answer`].
//!
//! Two brains sit behind one [`Brain`] trait: the offline brain (the default — embedding
//! nearest-neighbour intent routing, slot filling, plan templates and narrative templates) and
//! an LLM brain over rig-core that calls the same tool catalogue. Whatever the brain drafts,
//! the coordinator passes it through the same [`guardrails`]: every number must come from a
//! tool output, every statement about a conversation cites its passage, retrieved text is data
//! and instruction-like content in it is flagged, and questions outside the caller's scope are
//! refused. Agents never talk HTTP.

mod answer;
mod brain;
mod briefing;
mod conversation;
mod coordinator;
mod domain;
mod error;
mod events;
pub mod guardrails;
pub mod llm;
pub mod markdown;
pub mod offline;

pub use answer::{
    Answer, ChartKind, ChartSpec, Citation, Outcome, Section, Series, StepKind, Table, Trace,
    TraceStep,
};
pub use brain::{Brain, Draft, Turn};
pub use briefing::{WrittenBrief, write_brief};
pub use conversation::{Conversation, ConversationTurn};
pub use coordinator::Coordinator;
pub use domain::DomainAgent;
pub use error::AgentError;
pub use events::{AnswerEvent, EventSink};
pub use llm::{LlmBrain, LlmConfig};
