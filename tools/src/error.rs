//! What can go wrong in a tool, with two audiences: [`ToolError::user_message`] is safe to
//! show a user or a model (no internals, no out-of-scope facts); `Display` keeps the detail for
//! operators' logs.

use revpulse_graph::GraphError;
use revpulse_search::SearchError;
use thiserror::Error;

/// Why a tool call failed.
#[derive(Debug, Error)]
pub enum ToolError {
    /// The arguments did not parse or made no sense: tell the caller and let it retry.
    #[error("invalid arguments for `{tool}`: {reason}")]
    InvalidArgs {
        /// The tool.
        tool: String,
        /// What is wrong, naming the field.
        reason: String,
    },
    /// No tool by that name: the caller picked from a stale list; show it the catalogue.
    #[error("no tool is called `{0}`")]
    UnknownTool(String),
    /// The entity does not exist *or is outside the caller's scope* — deliberately the same
    /// answer, so existence does not leak. Surface it.
    #[error("{what} `{id}` was not found in the records you can see")]
    NotFound {
        /// Kind of entity ("deal", "account", …).
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// The data cannot answer the question: say so and name what would (surface it).
    #[error("the data cannot answer this: {missing}")]
    NotEnoughData {
        /// The data that would answer it.
        missing: String,
    },
    /// The knowledge graph failed: abort the turn; retrying later may help.
    #[error("the revenue graph failed: {0}")]
    Graph(#[from] GraphError),
    /// The search index failed: abort the turn; retrying later may help.
    #[error("conversation search failed: {0}")]
    Search(#[from] SearchError),
    /// An analytic refused its input: a data-quality problem to report to operators.
    #[error("the {analytic} computation failed: {reason}")]
    Analytics {
        /// Which analytic.
        analytic: &'static str,
        /// Its error text.
        reason: String,
    },
}

impl ToolError {
    /// Text safe to show a user or a model.
    pub fn user_message(&self) -> String {
        match self {
            Self::InvalidArgs { .. } | Self::UnknownTool(_) | Self::NotFound { .. } => {
                self.to_string()
            }
            Self::NotEnoughData { missing } => format!("I don't know: {missing}"),
            Self::Graph(_) | Self::Search(_) => {
                "a data store is unavailable right now; try again shortly".to_owned()
            }
            Self::Analytics { analytic, .. } => {
                format!("the {analytic} computation could not run on this data")
            }
        }
    }

    /// Whether the caller (a model) should fix its arguments and retry rather than give up.
    pub fn is_retryable_by_caller(&self) -> bool {
        matches!(self, Self::InvalidArgs { .. } | Self::UnknownTool(_))
    }

    /// An analytics error, keeping its text for operators.
    pub fn analytics(analytic: &'static str, error: impl std::fmt::Display) -> Self {
        Self::Analytics {
            analytic,
            reason: error.to_string(),
        }
    }
}
