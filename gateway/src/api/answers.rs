//! Asking and reading conversations: `ask` (a mutation: it runs the agents and stores the
//! turn), `conversation` and `conversations` (the caller's own only).

use chrono::{DateTime, Utc};
use revpulse_agents::Answer;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Operation, OperationKind};
use crate::ServiceError;
use crate::service::{AskOutcome, AskRequest, Caller, RevPulseService};

/// Which conversation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConversationArgs {
    /// Conversation id.
    pub id: String,
}

/// How many conversations.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConversationsArgs {
    /// At most this many, newest first (default 20, at most 200).
    #[serde(default)]
    pub limit: Option<u16>,
}

/// A message of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MessageView {
    /// Message id.
    pub id: String,
    /// `user` or `assistant`.
    pub role: String,
    /// The text.
    pub text: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// The full answer (assistant messages).
    pub answer: Option<Answer>,
}

/// A conversation with its messages.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ConversationView {
    /// Conversation id.
    pub id: String,
    /// Its title (the first question).
    pub title: String,
    /// Where it was started.
    pub surface: String,
    /// When it was started.
    pub created_at: DateTime<Utc>,
    /// Messages, oldest first (empty in lists).
    pub messages: Vec<MessageView>,
}

/// The operations.
pub fn operations() -> Vec<Operation> {
    vec![
        Operation::typed(
            "ask",
            "Ask a revenue question in plain language; the answer is exact, explained and \
             cited. Pass `conversation_id` to continue a conversation (follow-ups like \"and in \
             EMEA?\").",
            OperationKind::Mutation,
            |service, caller, request: AskRequest| async move {
                service
                    .ask(&caller, request, &revpulse_agents::EventSink::discard())
                    .await
                    .map(|outcome: AskOutcome| outcome)
            },
        ),
        Operation::typed(
            "conversation",
            "One of your conversations with every message and answer.",
            OperationKind::Query,
            |service, caller, args: ConversationArgs| async move {
                conversation(&service, &caller, &args.id).await
            },
        ),
        Operation::typed(
            "conversations",
            "Your conversations, newest first.",
            OperationKind::Query,
            |service, caller, args: ConversationsArgs| async move {
                let limit = args.limit.unwrap_or(20).min(200);
                let list = service
                    .app()
                    .conversations_of(&caller.subject, u32::from(limit))
                    .await?;
                Ok(list
                    .into_iter()
                    .map(|c| ConversationView {
                        id: c.id.to_string(),
                        title: c.title,
                        surface: c.surface,
                        created_at: c.created_at,
                        messages: Vec::new(),
                    })
                    .collect::<Vec<_>>())
            },
        ),
    ]
}

async fn conversation(
    service: &RevPulseService,
    caller: &Caller,
    id: &str,
) -> Result<ConversationView, ServiceError> {
    let app = service.app();
    let unknown = || ServiceError::NotFound(format!("conversation `{id}` was not found"));
    let key = id.parse().map_err(|_| unknown())?;
    let found = match app.conversation(key).await {
        Err(revpulse_gateway_store::StoreError::NotFound { .. }) => Err(unknown()),
        other => other.map_err(ServiceError::from),
    }?;
    if found.principal != caller.subject {
        return Err(unknown());
    }
    let messages = app
        .messages(key)
        .await?
        .into_iter()
        .map(|m| MessageView {
            answer: m
                .answer_json
                .as_ref()
                .and_then(|j| j.get("answer"))
                .cloned()
                .and_then(|a| serde_json::from_value(a).ok()),
            id: m.id.to_string(),
            role: m.role.as_str().to_owned(),
            text: m.text,
            created_at: m.created_at,
        })
        .collect();
    Ok(ConversationView {
        id: found.id.to_string(),
        title: found.title,
        surface: found.surface,
        created_at: found.created_at,
        messages,
    })
}
