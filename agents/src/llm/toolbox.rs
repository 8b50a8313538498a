//! The tools one agent's model is offered, behind one object-safe interface (in the manner of
//! rig's `ToolDyn`): a definition the provider advertises, and a call that returns the text the
//! model reads. Catalogue tools and consulted domain agents both sit behind it.

use async_trait::async_trait;
use rig_core::completion::ToolDefinition;
use serde_json::Value;

use crate::AgentError;

/// One tool as a model sees it.
#[async_trait]
pub(crate) trait TurnTool: Send + Sync {
    /// Name, description and argument schema, as advertised to the model.
    fn definition(&self) -> ToolDefinition;

    /// Runs the tool on the model's arguments. `Ok` is what the model reads next — a result
    /// or an error it can act on (fix the arguments, try another tool); `Err` aborts the turn.
    async fn call(&self, args: Value) -> Result<ToolAnswer, AgentError>;
}

/// What the model reads after a tool call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ToolAnswer {
    /// The text (JSON for tool outputs).
    pub text: String,
    /// Whether the call failed; the text then says why and what to change.
    pub is_error: bool,
}

impl ToolAnswer {
    /// A result.
    pub fn result(text: String) -> Self {
        Self {
            text,
            is_error: false,
        }
    }

    /// A failure the model can act on.
    pub fn error(text: String) -> Self {
        Self {
            text,
            is_error: true,
        }
    }
}

/// The tools of one agent, in advertisement order.
pub(crate) struct Toolbox<'a> {
    tools: Vec<(ToolDefinition, Box<dyn TurnTool + 'a>)>,
}

impl<'a> Toolbox<'a> {
    /// An empty toolbox.
    pub fn new() -> Self {
        Self { tools: Vec::new() }
    }

    /// Adds `tool`.
    pub fn with(mut self, tool: impl TurnTool + 'a) -> Self {
        self.tools.push((tool.definition(), Box::new(tool)));
        self
    }

    /// What the provider advertises.
    pub fn definitions(&self) -> Vec<ToolDefinition> {
        self.tools
            .iter()
            .map(|(definition, _)| definition.clone())
            .collect()
    }

    /// The tool called `name`.
    pub fn find(&self, name: &str) -> Option<&(dyn TurnTool + 'a)> {
        self.tools
            .iter()
            .find(|(definition, _)| definition.name.as_str() == name)
            .map(|(_, tool)| tool.as_ref())
    }

    /// Tool names, for messages that list what exists.
    pub fn names(&self) -> Vec<String> {
        self.tools
            .iter()
            .map(|(definition, _)| definition.name.as_str().to_owned())
            .collect()
    }

    /// Whether no tool is offered.
    pub fn is_empty(&self) -> bool {
        self.tools.is_empty()
    }
}
