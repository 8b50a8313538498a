//! The registry: tools behind one object-safe interface, called by name with JSON arguments —
//! how agents, the MCP server and GraphQL reach them alike.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use serde::Serialize;
use serde_json::Value;

use crate::{Cited, Source, Tool, ToolContext, ToolError};

/// A tool as listed: name, description and the two schemas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolDescription {
    /// Name.
    pub name: &'static str,
    /// What it answers.
    pub description: &'static str,
    /// JSON Schema of the arguments.
    pub args_schema: Value,
    /// JSON Schema of the output.
    pub output_schema: Value,
}

/// What a call by name returns.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolReply {
    /// The tool.
    pub tool: &'static str,
    /// The arguments as parsed (defaults filled in), for traces and audits.
    pub args: Value,
    /// The output as JSON.
    pub output: Value,
    /// Its citations.
    pub sources: Vec<Source>,
    /// How long the call took.
    pub elapsed: Duration,
}

#[async_trait]
trait ErasedTool: Send + Sync {
    fn describe(&self) -> ToolDescription;
    async fn call_json(&self, ctx: &ToolContext, args: Value) -> Result<ToolReply, ToolError>;
}

struct Typed<T>(T);

#[async_trait]
impl<T: Tool> ErasedTool for Typed<T> {
    fn describe(&self) -> ToolDescription {
        ToolDescription {
            name: T::NAME,
            description: T::DESCRIPTION,
            args_schema: schemars::schema_for!(T::Args).to_value(),
            output_schema: schemars::schema_for!(T::Output).to_value(),
        }
    }

    async fn call_json(&self, ctx: &ToolContext, args: Value) -> Result<ToolReply, ToolError> {
        let started = Instant::now();
        let args = if args.is_null() {
            Value::Object(serde_json::Map::new())
        } else {
            args
        };
        let typed: T::Args =
            serde_json::from_value(args.clone()).map_err(|e| ToolError::InvalidArgs {
                tool: T::NAME.to_owned(),
                reason: e.to_string(),
            })?;
        let output = self.0.call(ctx, typed).await?;
        let sources = output.sources().to_vec();
        let output = serde_json::to_value(&output).map_err(|e| ToolError::Analytics {
            analytic: "output encoding",
            reason: e.to_string(),
        })?;
        Ok(ToolReply {
            tool: T::NAME,
            args,
            output,
            sources,
            elapsed: started.elapsed(),
        })
    }
}

/// Every tool by name.
#[derive(Clone, Default)]
pub struct Catalogue {
    tools: BTreeMap<&'static str, Arc<dyn ErasedTool>>,
}

impl Catalogue {
    /// An empty catalogue.
    pub fn new() -> Self {
        Self::default()
    }

    /// The full RevPulse catalogue.
    pub fn standard() -> Self {
        let mut catalogue = Self::new();
        crate::families::register_all(&mut catalogue);
        catalogue
    }

    /// Adds `tool`, replacing one of the same name.
    pub fn register<T: Tool>(&mut self, tool: T) -> &mut Self {
        self.tools.insert(T::NAME, Arc::new(Typed(tool)));
        self
    }

    /// Every tool, by name.
    pub fn describe(&self) -> Vec<ToolDescription> {
        self.tools.values().map(|t| t.describe()).collect()
    }

    /// Whether a tool of that name exists.
    pub fn contains(&self, name: &str) -> bool {
        self.tools.contains_key(name)
    }

    /// Tool names.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.tools.keys().copied()
    }

    /// Calls tool `name` with JSON `args` for the caller in `ctx`.
    pub async fn call(
        &self,
        ctx: &ToolContext,
        name: &str,
        args: Value,
    ) -> Result<ToolReply, ToolError> {
        let span = tracing::info_span!("tool", tool = name, principal = ctx.scope().principal());
        let result = match self.tools.get(name) {
            Some(tool) => {
                tracing::Instrument::instrument(tool.call_json(ctx, args.clone()), span).await
            }
            None => Err(ToolError::UnknownTool(name.to_owned())),
        };
        if let Some(observer) = ctx.observer() {
            observer.observe(name, &args, result.as_ref());
        }
        result
    }
}
