//! Asking a question as a turn of a stored conversation: the memory of earlier turns is read
//! back from the app database (so any gateway instance can continue any conversation), the
//! coordinator answers, both messages are stored, and the question, every tool call the agents
//! made and the answer are audited.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use revpulse_agents::{Answer, Conversation, ConversationTurn, EventSink, Outcome};
use revpulse_gateway_store::{ConversationId, MessageRole, StoreError};
use revpulse_tools::{ToolError, ToolObserver, ToolReply};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{AuditEvent, Caller, RevPulseService};
use crate::ServiceError;

/// A question to ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AskRequest {
    /// The question, in plain language.
    pub question: String,
    /// The conversation it continues; a new one when absent.
    #[serde(default)]
    pub conversation_id: Option<String>,
}

/// The stored answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AskOutcome {
    /// The conversation the turn belongs to.
    pub conversation_id: String,
    /// The id of the answer's message (cited by the audit log).
    pub message_id: String,
    /// The answer.
    pub answer: Answer,
}

/// The longest question accepted, in characters.
const MAX_QUESTION_CHARS: usize = 4_000;

/// Collects the tool calls an answer made.
#[derive(Default)]
struct CallLog(Mutex<Vec<AuditEvent>>);

impl ToolObserver for CallLog {
    fn observe(&self, tool: &str, args: &Value, result: Result<&ToolReply, &ToolError>) {
        let event = match result {
            Ok(reply) => AuditEvent::tool_call(
                tool,
                reply.args.clone(),
                reply.sources.iter().map(|s| s.id().to_owned()).collect(),
                None,
            )
            .took(reply.elapsed),
            Err(e) => {
                let refused = matches!(
                    e,
                    ToolError::NotFound { .. }
                        | ToolError::InvalidArgs { .. }
                        | ToolError::UnknownTool(_)
                );
                AuditEvent::tool_failure(tool, args.clone(), refused, e.to_string())
            }
        };
        if let Ok(mut calls) = self.0.lock() {
            calls.push(event);
        }
    }
}

impl RevPulseService {
    /// Answers `request` for `caller`, streaming to `events`.
    pub async fn ask(
        &self,
        caller: &Caller,
        request: AskRequest,
        events: &EventSink,
    ) -> Result<AskOutcome, ServiceError> {
        let question = request.question.trim();
        if question.is_empty() {
            return Err(ServiceError::InvalidInput("the question is empty".into()));
        }
        if question.chars().count() > MAX_QUESTION_CHARS {
            return Err(ServiceError::InvalidInput(format!(
                "the question is longer than {MAX_QUESTION_CHARS} characters"
            )));
        }
        let started = Instant::now();
        let (conversation_id, mut memory) = self
            .conversation_memory(caller, request.conversation_id.as_deref(), question)
            .await?;
        self.audit(
            caller,
            AuditEvent::question(question, &conversation_id.to_string()),
        )
        .await?;

        let calls = Arc::new(CallLog::default());
        let ctx = self.context(caller).observed_by(calls.clone());
        let answer = self
            .coordinator()
            .ask(&ctx, &mut memory, question, events)
            .await;
        for event in calls.0.lock().map(|c| c.clone()).unwrap_or_default() {
            self.audit(caller, event).await?;
        }
        let answer = answer?;
        crate::ops::metrics::record_answer(caller.surface, started.elapsed(), &answer);

        let app = self.app();
        app.append_message(conversation_id, MessageRole::User, question, None)
            .await?;
        let turn = memory.last().cloned();
        let message = app
            .append_message(
                conversation_id,
                MessageRole::Assistant,
                &answer.text,
                Some(&json!({ "answer": answer, "turn": turn })),
            )
            .await?;
        let cited = answer
            .citations
            .iter()
            .map(|c| c.source.id().to_owned())
            .collect();
        let (outcome, refused) = match &answer.outcome {
            Outcome::Answered => ("answered", false),
            Outcome::Refused { .. } => ("refused", true),
            Outcome::Unknown { .. } => ("unknown", false),
        };
        self.audit(
            caller,
            AuditEvent::answer(&message.id.to_string(), outcome, cited, refused)
                .took(started.elapsed()),
        )
        .await?;
        Ok(AskOutcome {
            conversation_id: conversation_id.to_string(),
            message_id: message.id.to_string(),
            answer,
        })
    }

    /// The conversation `id` of `caller` with its remembered turns, or a new one.
    async fn conversation_memory(
        &self,
        caller: &Caller,
        id: Option<&str>,
        question: &str,
    ) -> Result<(ConversationId, Conversation), ServiceError> {
        let app = self.app();
        let Some(id) = id else {
            let title: String = question.chars().take(80).collect();
            let created = app
                .create_conversation(&caller.subject, caller.surface.as_str(), &title)
                .await?;
            return Ok((created.id, Conversation::new()));
        };
        let unknown = || ServiceError::NotFound(format!("conversation `{id}` was not found"));
        let key: ConversationId = id.parse().map_err(|_| unknown())?;
        let conversation = match app.conversation(key).await {
            Err(StoreError::NotFound { .. }) => Err(unknown()),
            other => other.map_err(ServiceError::from),
        }?;
        if conversation.principal != caller.subject {
            return Err(unknown());
        }
        let mut memory = Conversation::new();
        for message in app.messages(key).await? {
            let turn = message
                .answer_json
                .as_ref()
                .and_then(|j| j.get("turn"))
                .cloned()
                .and_then(|t| serde_json::from_value::<ConversationTurn>(t).ok());
            if let Some(turn) = turn {
                memory.push(turn);
            }
        }
        Ok((conversation.id, memory))
    }
}
