//! What can go wrong serving a request, with a stable machine code each surface shows (GraphQL
//! `extensions.code`, MCP error data, HTTP status) and a message that leaks nothing out of
//! the caller's scope.

use revpulse_agents::AgentError;
use revpulse_tools::ToolError;

/// A failed service call.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// A tool refused or failed.
    #[error("{}", .0.user_message())]
    Tool(#[from] ToolError),
    /// The agents failed.
    #[error("{}", .0.user_message())]
    Agent(#[from] AgentError),
    /// The app database failed.
    #[error("app database: {0}")]
    Store(#[from] revpulse_gateway_store::StoreError),
    /// The caller may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Bad input that is not a tool's (an unknown conversation, a malformed id).
    #[error("{0}")]
    InvalidInput(String),
    /// Something named does not exist (or is not visible to the caller).
    #[error("{0}")]
    NotFound(String),
}

impl ServiceError {
    /// A stable code for clients.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Tool(ToolError::InvalidArgs { .. }) | Self::InvalidInput(_) => "invalid_input",
            Self::Tool(ToolError::UnknownTool(_)) => "unknown_tool",
            Self::Tool(ToolError::NotFound { .. }) | Self::NotFound(_) => "not_found",
            Self::Tool(ToolError::NotEnoughData { .. }) => "not_enough_data",
            Self::Forbidden(_) => "forbidden",
            Self::Tool(_) | Self::Agent(_) | Self::Store(_) => "internal",
        }
    }

    /// Whether the request was turned down (as opposed to failing): audited as `refused`.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self.code(),
            "not_found" | "forbidden" | "invalid_input" | "unknown_tool"
        )
    }
}
