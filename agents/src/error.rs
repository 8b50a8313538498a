//! What stops an answer from being produced at all (as opposed to a refusal or an "I don't
//! know", which are answers).

use revpulse_tools::ToolError;
use thiserror::Error;

/// Why the agents could not answer.
#[derive(Debug, Error)]
pub enum AgentError {
    /// A store failed under a tool: abort the turn and report; retrying later may help.
    #[error("a tool failed: {0}")]
    Tool(#[from] ToolError),
    /// The embedding model for intent routing could not run: check the model directory.
    #[error("intent routing failed: {0}")]
    Routing(String),
    /// The language model provider failed or answered out of protocol: retry or switch to
    /// the offline brain.
    #[error("the language model failed: {0}")]
    Model(String),
    /// The configuration of a brain is invalid: fix it (the message names the setting).
    #[error("invalid agent configuration: {0}")]
    Config(String),
}

impl AgentError {
    /// Text safe to show the person asking.
    pub fn user_message(&self) -> String {
        match self {
            Self::Tool(e) => e.user_message(),
            Self::Routing(_) => "I could not understand the question right now; try again".into(),
            Self::Model(_) => "the language model is unavailable; try again shortly".into(),
            Self::Config(_) => "the assistant is misconfigured; an operator has the details".into(),
        }
    }
}
