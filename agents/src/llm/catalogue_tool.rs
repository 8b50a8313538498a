//! A catalogue tool as a model tool: advertised with the catalogue's own name, description and
//! derived argument schema, run through `Catalogue::call` with the caller's context, so the
//! scope applies exactly as it does for the offline brain, MCP and GraphQL.

use std::time::Instant;

use async_trait::async_trait;
use revpulse_tools::{Catalogue, ToolContext, ToolDescription};
use rig_core::completion::ToolDefinition;
use rig_core::message::ToolName;
use serde_json::Value;

use super::record::TurnRecord;
use super::retrieved::wrap_retrieved;
use super::toolbox::{ToolAnswer, TurnTool};
use crate::{AgentError, DomainAgent, StepKind};

/// The most characters of one tool output a model reads; the full output stays in the
/// draft's replies for the guardrails.
const MAX_OUTPUT_CHARS: usize = 24_000;

/// What every tool of one question runs with.
#[derive(Clone, Copy)]
pub(crate) struct TurnContext<'a> {
    /// The caller's scope, day and stores.
    pub ctx: &'a ToolContext,
    /// The tools.
    pub catalogue: &'a Catalogue,
    /// Where steps and replies go.
    pub record: &'a TurnRecord<'a>,
}

/// One catalogue tool, called on behalf of `agent`.
pub(crate) struct CatalogueTool<'a> {
    definition: ToolDefinition,
    agent: DomainAgent,
    turn: TurnContext<'a>,
}

impl<'a> CatalogueTool<'a> {
    /// The catalogue tool `description` describes, for `agent`.
    pub fn new(
        description: &ToolDescription,
        agent: DomainAgent,
        turn: TurnContext<'a>,
    ) -> Result<Self, AgentError> {
        let name = ToolName::new(description.name)
            .map_err(|_| AgentError::Model("a catalogue tool has an empty name".into()))?;
        Ok(Self {
            definition: ToolDefinition {
                name,
                description: description.description.to_owned(),
                parameters: description.args_schema.clone(),
            },
            agent,
            turn,
        })
    }
}

#[async_trait]
impl TurnTool for CatalogueTool<'_> {
    fn definition(&self) -> ToolDefinition {
        self.definition.clone()
    }

    async fn call(&self, args: Value) -> Result<ToolAnswer, AgentError> {
        let started = Instant::now();
        let tool = self.definition.name.as_str();
        let TurnContext {
            ctx,
            catalogue,
            record,
        } = self.turn;
        match catalogue.call(ctx, tool, args.clone()).await {
            Ok(reply) => {
                let kind = StepKind::ToolCall {
                    tool: tool.to_owned(),
                    args: reply.args.clone(),
                    sources: reply.sources.len(),
                    error: None,
                };
                record.step(self.agent, kind, started.elapsed());
                let text = model_view(&reply.output);
                record.reply(reply);
                Ok(ToolAnswer::result(text))
            }
            Err(error) => {
                let message = error.user_message();
                let kind = StepKind::ToolCall {
                    tool: tool.to_owned(),
                    args,
                    sources: 0,
                    error: Some(message.clone()),
                };
                record.step(self.agent, kind, started.elapsed());
                if error.is_retryable_by_caller() {
                    Ok(ToolAnswer::error(message))
                } else {
                    Err(AgentError::Tool(error))
                }
            }
        }
    }
}

/// The output as the model reads it: JSON, passages fenced as data, bounded in length.
pub(crate) fn model_view(output: &Value) -> String {
    let text = wrap_retrieved(output).to_string();
    if text.len() <= MAX_OUTPUT_CHARS {
        return text;
    }
    let mut end = MAX_OUTPUT_CHARS;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… [output truncated]", &text[..end])
}
