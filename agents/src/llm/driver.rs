//! The thin async driver over rig's sans-IO agent loop (`rig_agent::run::AgentRun`): the run
//! decides — turn budget, which calls are valid, history threading — and this file only does
//! the IO it asks for: one completion per `CallModel`, one catalogue or agent call per tool
//! call, recording each as a trace step as it finishes.

use std::time::Instant;

use rig_agent::run::{
    AgentRun, AgentRunStep, InvalidToolCallAction, ModelTurn, ModelTurnOutcome, PendingToolCall,
    PromptError, RunSpec, prepare_request,
};
use rig_core::DynModel;
use rig_core::completion::options::OnUnsupported;
use rig_core::completion::{CompletionRequest, GenerationOptions, Message, ToolDefinition, Usage};
use rig_core::message::{ToolCall, ToolChoice, ToolResult, ToolResultContent, UserContent};
use rig_core::operation::Completion;

use super::record::TurnRecord;
use super::toolbox::{ToolAnswer, Toolbox};
use crate::{AgentError, DomainAgent, StepKind};

/// How every completion of a brain samples, and how many each agent may make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sampling {
    /// Temperature.
    pub temperature: f64,
    /// Model calls per agent per question.
    pub max_turns: u32,
    /// Seed, when the provider takes one.
    pub seed: Option<u64>,
    /// Output tokens per completion, when capped.
    pub max_output_tokens: Option<u64>,
}

/// How one agent's run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ending {
    /// The model's final message.
    Answer(String),
    /// The model was still calling tools when its budget of model calls ran out.
    TurnLimit(usize),
}

/// One `CallModel` step of the run.
struct ModelCall {
    prompt: Message,
    history: Vec<Message>,
    turn: usize,
}

/// One agent: a model, its instructions and its tools, for one question.
pub(crate) struct AgentDrive<'a, 't> {
    /// The model.
    pub model: &'a DynModel<Completion>,
    /// Sampling and budget.
    pub sampling: Sampling,
    /// Who is acting (for the trace).
    pub agent: DomainAgent,
    /// The system prompt.
    pub preamble: String,
    /// What it may call.
    pub toolbox: &'a Toolbox<'t>,
    /// Where steps go.
    pub record: &'a TurnRecord<'t>,
}

impl AgentDrive<'_, '_> {
    /// Runs the agent on `question` after `history` until it answers or its budget runs out.
    pub async fn run(&self, question: &str, history: Vec<Message>) -> Result<Ending, AgentError> {
        let spec = self.spec();
        let mut run = AgentRun::from_spec(&spec, Message::user(question), Some(history));
        let definitions = self.toolbox.definitions();
        loop {
            let step = match run.next_step() {
                Ok(step) => step,
                Err(PromptError::MaxTurns { max_turns, .. }) => {
                    return Ok(Ending::TurnLimit(max_turns));
                }
                Err(error) => return Err(run_failed(error)),
            };
            match step {
                AgentRunStep::CallModel {
                    prompt,
                    history,
                    turn,
                } => {
                    let call = ModelCall {
                        prompt,
                        history,
                        turn,
                    };
                    self.call_model(&mut run, &spec, &definitions, call).await?;
                }
                AgentRunStep::CallTools { calls } => {
                    let results = self.call_tools(calls).await?;
                    run.tool_results(results).map_err(run_failed)?;
                }
                AgentRunStep::Done(response) => return Ok(Ending::Answer(response.output())),
            }
        }
    }

    fn spec(&self) -> RunSpec {
        let mut spec = RunSpec::new();
        spec.preamble = Some(self.preamble.clone());
        spec.temperature = Some(self.sampling.temperature);
        spec.max_turns = Some(self.sampling.max_turns as usize);
        spec.max_tokens = self.sampling.max_output_tokens;
        // Said outright: some OpenAI-compatible servers offer no tools unless asked to choose.
        spec.tool_choice = Some(ToolChoice::Auto);
        if let Some(seed) = self.sampling.seed {
            // Best effort: a provider without seeds answers anyway.
            spec.options = GenerationOptions::new()
                .seed(seed)
                .on_unsupported(OnUnsupported::Ignore);
        }
        spec
    }

    /// One completion: prepared by rig from the spec, history and tools, then fed back.
    async fn call_model(
        &self,
        run: &mut AgentRun,
        spec: &RunSpec,
        definitions: &[ToolDefinition],
        call: ModelCall,
    ) -> Result<(), AgentError> {
        let capabilities = self.model.capabilities().completion;
        let tools = definitions.to_vec();
        let prepared = prepare_request(spec, &capabilities, &call.history, tools, None, None)
            .map_err(|error| AgentError::Model(format!("preparing the request: {error}")))?;
        run.advertise_tools(call.turn, prepared.tools.clone());
        let executable = prepared.executable_tool_names.clone();
        let allowed = prepared.allowed_tool_names.clone();
        let request = prepared.apply(CompletionRequest::new(call.prompt));
        let started = Instant::now();
        let response = self
            .model
            .call(request)
            .await
            .map_err(|error| AgentError::Model(error.to_string()))?;
        self.record_usage(&response.usage, started);
        let turn = ModelTurn::from_response_parts(&response, executable, allowed);
        let mut outcome = run.model_response(turn).map_err(run_failed)?;
        while let ModelTurnOutcome::NeedsResolution(invalid) = outcome {
            let reason = self.unknown_tool(&invalid.tool_name, invalid.args.as_deref());
            outcome = run
                .resolve_invalid_tool_call(InvalidToolCallAction::skip(reason))
                .map_err(run_failed)?;
        }
        Ok(())
    }

    fn record_usage(&self, usage: &Usage, started: Instant) {
        if usage.input_tokens.is_none() && usage.output_tokens.is_none() {
            return;
        }
        let kind = StepKind::Completion {
            input_tokens: usage.input_tokens.unwrap_or(0),
            output_tokens: usage.output_tokens.unwrap_or(0),
        };
        self.record.step(self.agent, kind, started.elapsed());
    }

    /// Answers every call of one model turn, in the order the model made them.
    async fn call_tools(
        &self,
        calls: Vec<PendingToolCall>,
    ) -> Result<Vec<UserContent>, AgentError> {
        let mut results = Vec::with_capacity(calls.len());
        for PendingToolCall {
            tool_call,
            preresolved_result,
        } in calls
        {
            let result = match preresolved_result {
                Some(answered) => answered,
                None => answer(&tool_call, self.call_tool(&tool_call).await?),
            };
            results.push(result);
        }
        Ok(results)
    }

    async fn call_tool(&self, call: &ToolCall) -> Result<ToolAnswer, AgentError> {
        let name = call.function.name.as_str();
        if let Some(raw) = &call.function.invalid_arguments {
            let feedback = rig_core::transcript::invalid_arguments_feedback(name, raw);
            self.rejected(name, serde_json::Value::String(raw.clone()), &feedback);
            return Ok(ToolAnswer::error(feedback));
        }
        match self.toolbox.find(name) {
            Some(tool) => tool.call(call.function.arguments_value()).await,
            None => Ok(ToolAnswer::error(self.unknown_tool(name, None))),
        }
    }

    /// The model named a tool it was not offered: say which exist, and record the attempt.
    fn unknown_tool(&self, name: &str, args: Option<&str>) -> String {
        let reason = format!(
            "no tool is called `{name}`; the tools you can call are: {}",
            self.toolbox.names().join(", ")
        );
        let args = args
            .and_then(|raw| serde_json::from_str(raw).ok())
            .unwrap_or(serde_json::Value::Null);
        self.rejected(name, args, &reason);
        reason
    }

    fn rejected(&self, tool: &str, args: serde_json::Value, reason: &str) {
        let kind = StepKind::ToolCall {
            tool: tool.to_owned(),
            args,
            sources: 0,
            error: Some(reason.to_owned()),
        };
        self.record
            .step(self.agent, kind, std::time::Duration::ZERO);
    }
}

/// The tool result the model reads for `call`.
fn answer(call: &ToolCall, answer: ToolAnswer) -> UserContent {
    UserContent::ToolResult(ToolResult {
        call: call.id.clone(),
        name: call.function.name.clone(),
        content: vec![ToolResultContent::text(answer.text)],
        is_error: answer.is_error,
    })
}

/// A run that cannot go on: the provider failed or answered out of protocol.
fn run_failed(error: PromptError) -> AgentError {
    AgentError::Model(error.to_string())
}
