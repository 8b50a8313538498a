//! The shape every tool has: a name, a description a model can choose by, typed arguments and
//! output whose JSON Schemas are derived from the Rust types, and one async call.

use async_trait::async_trait;
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Cited, ToolContext, ToolError};

/// One capability of the catalogue.
#[async_trait]
pub trait Tool: Send + Sync + 'static {
    /// Stable snake_case name (what models and MCP clients call).
    const NAME: &'static str;
    /// What it answers, for a model choosing among tools and for MCP listings.
    const DESCRIPTION: &'static str;
    /// Arguments.
    type Args: DeserializeOwned + JsonSchema + Send + 'static;
    /// Result, with its citations.
    type Output: Serialize + DeserializeOwned + JsonSchema + Cited + Send + 'static;

    /// Runs the tool for the caller in `ctx`.
    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError>;
}
