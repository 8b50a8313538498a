//! The LLM brain: a coordinator model whose tools are the four domain agents, each a sub-agent
//! over its part of the catalogue. Its draft is the coordinator's final message plus every tool
//! reply and step behind it; the guardrails judge it like any other draft.

use async_trait::async_trait;
use rig_core::DynModel;
use rig_core::completion::Message;
use rig_core::http_client::DynHttpClient;
use rig_core::operation::Completion;
use serde_json::Value;

use super::catalogue_tool::TurnContext;
use super::config::LlmConfig;
use super::consult::ConsultTool;
use super::driver::{AgentDrive, Ending, Sampling};
use super::record::TurnRecord;
use super::toolbox::Toolbox;
use crate::{AgentError, Brain, Conversation, DomainAgent, Draft, Outcome, Turn};

/// How long one completion may take before the provider counts as failed.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Drafts answers with a language model calling the tool catalogue.
pub struct LlmBrain {
    model: DynModel<Completion>,
    model_name: String,
    sampling: Sampling,
}

impl std::fmt::Debug for LlmBrain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmBrain")
            .field("model", &self.model_name)
            .field("sampling", &self.sampling)
            .finish()
    }
}

impl LlmBrain {
    /// The brain `config` describes, over an HTTP client that gives up on a completion after
    /// [`REQUEST_TIMEOUT`].
    pub fn from_config(config: &LlmConfig) -> Result<Self, AgentError> {
        let client = rig_reqwest::reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|error| AgentError::Config(format!("the HTTP client: {error}")))?;
        let http = DynHttpClient::new(rig_reqwest::ReqwestClient::from(client));
        Self::from_config_over(config, http)
    }

    /// The brain `config` describes, sending through `http`.
    pub fn from_config_over(config: &LlmConfig, http: DynHttpClient) -> Result<Self, AgentError> {
        Self::over(config.completion_model(http)?, config)
    }

    /// A brain driving any rig completion `model` with the sampling and turn limits of
    /// `config` (its provider settings only name the model in traces).
    pub fn over(
        model: impl Into<DynModel<Completion>>,
        config: &LlmConfig,
    ) -> Result<Self, AgentError> {
        config.validate()?;
        Ok(Self {
            model: model.into(),
            model_name: config.model.trim().to_owned(),
            sampling: Sampling {
                temperature: config.temperature,
                max_turns: config.max_turns,
                seed: config.seed,
                max_output_tokens: config.max_output_tokens,
            },
        })
    }

    /// Runs the coordinator, whose tools consult the domain agents.
    async fn coordinate(
        &self,
        turn: &Turn<'_>,
        record: &TurnRecord<'_>,
    ) -> Result<Ending, AgentError> {
        let context = TurnContext {
            ctx: turn.ctx,
            catalogue: turn.catalogue,
            record,
        };
        let mut toolbox = Toolbox::new();
        for agent in DomainAgent::DOMAINS {
            toolbox = toolbox.with(ConsultTool::new(
                agent,
                &self.model,
                self.sampling,
                context,
            )?);
        }
        let drive = AgentDrive {
            model: &self.model,
            sampling: self.sampling,
            agent: DomainAgent::Coordinator,
            preamble: Self::coordinator_preamble(turn),
            toolbox: &toolbox,
            record,
        };
        drive.run(turn.question, history(turn.conversation)).await
    }

    fn coordinator_preamble(turn: &Turn<'_>) -> String {
        format!(
            "{} Today is {}. Consult the agents with the ask_sales_agent, ask_marketing_agent, \
             ask_finance_agent and ask_customer_agent tools; each question you send must stand on \
             its own (name the period, region, deal or account). Then answer the leader in a few \
             sentences, using only what the agents returned.",
            DomainAgent::Coordinator.instructions(),
            turn.ctx.today()
        )
    }
}

#[async_trait]
impl Brain for LlmBrain {
    fn name(&self) -> String {
        format!("llm:{}", self.model_name)
    }

    async fn draft(&self, turn: Turn<'_>) -> Result<Draft, AgentError> {
        let record = TurnRecord::new(turn.events);
        let ending = self.coordinate(&turn, &record).await?;
        let text = match ending {
            Ending::Answer(text) => text,
            Ending::TurnLimit(limit) => {
                return Err(AgentError::Model(format!(
                    "the coordinator was still calling tools after {limit} model calls \
                     (llm.max_turns)"
                )));
            }
        };
        let recorded = record.finish();
        Ok(Draft {
            text,
            sections: Vec::new(),
            follow_ups: Vec::new(),
            replies: recorded.replies,
            steps: recorded.steps,
            outcome: Outcome::Answered,
            agents: recorded.agents,
            memory: (None, Value::Null),
        })
    }
}

/// Earlier questions and answers, oldest first, as chat history.
fn history(conversation: &Conversation) -> Vec<Message> {
    conversation
        .turns
        .iter()
        .filter(|turn| !turn.question.trim().is_empty() && !turn.answer.trim().is_empty())
        .flat_map(|turn| {
            [
                Message::user(turn.question.clone()),
                Message::assistant(turn.answer.clone()),
            ]
        })
        .collect()
}
