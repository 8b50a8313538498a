//! Conversations and their messages: what was asked on which surface, and what was answered
//! (the answer's full structure kept as JSON beside its text).

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::types::Json;

use crate::backend::dispatch;
use crate::ids::{ConversationId, MessageId};
use crate::stamp::{Stamp, now};
use crate::users::non_empty;
use crate::{AppStore, StoreError};

/// A conversation between one principal and RevPulse.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Conversation {
    /// Its id.
    pub id: ConversationId,
    /// Who is asking.
    pub principal: String,
    /// Where it happens, e.g. `graphql`, `slack`.
    pub surface: String,
    /// A short title.
    pub title: String,
    /// How many messages it holds.
    pub message_count: i64,
    /// When it started.
    pub created_at: DateTime<Utc>,
    /// When its latest message was added (or it started).
    pub updated_at: DateTime<Utc>,
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageRole {
    /// The person asking.
    User,
    /// RevPulse answering.
    Assistant,
}

impl MessageRole {
    /// The stored name: `user` or `assistant`.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageRole::User => "user",
            MessageRole::Assistant => "assistant",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "user" => Some(MessageRole::User),
            "assistant" => Some(MessageRole::Assistant),
            _ => None,
        }
    }
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Its id.
    pub id: MessageId,
    /// The conversation it belongs to.
    pub conversation_id: ConversationId,
    /// 1 for the first message of the conversation, then 2, 3, …
    pub position: i64,
    /// Who wrote it.
    pub role: MessageRole,
    /// Its text.
    pub text: String,
    /// The structured answer (sections, citations, trace) for assistant messages.
    pub answer_json: Option<Value>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: MessageId,
    conversation_id: ConversationId,
    position: i64,
    role: String,
    text: String,
    answer_json: Option<Json<Value>>,
    created_at: DateTime<Utc>,
}

const INSERT_CONVERSATION: &str = "\
    INSERT INTO conversations (principal, surface, title, message_count, created_at, updated_at) \
    VALUES ($1, $2, $3, 0, $4, $4) \
    RETURNING id, principal, surface, title, message_count, created_at, updated_at";
const SELECT_CONVERSATION: &str = "\
    SELECT id, principal, surface, title, message_count, created_at, updated_at \
    FROM conversations WHERE id = $1";
const SELECT_CONVERSATIONS_OF: &str = "\
    SELECT id, principal, surface, title, message_count, created_at, updated_at \
    FROM conversations WHERE principal = $1 ORDER BY updated_at DESC, id DESC LIMIT $2";
/// Locks the conversation's row for the rest of the transaction and claims the next position.
const BUMP_CONVERSATION: &str = "\
    UPDATE conversations SET message_count = message_count + 1, updated_at = $2 \
    WHERE id = $1 RETURNING message_count";
const INSERT_MESSAGE: &str = "\
    INSERT INTO messages (conversation_id, position, role, text, answer_json, created_at) \
    VALUES ($1, $2, $3, $4, $5, $6) \
    RETURNING id, conversation_id, position, role, text, answer_json, created_at";
const SELECT_MESSAGES: &str = "\
    SELECT id, conversation_id, position, role, text, answer_json, created_at \
    FROM messages WHERE conversation_id = $1 ORDER BY position";

impl AppStore {
    /// Starts a conversation.
    pub async fn create_conversation(
        &self,
        principal: &str,
        surface: &str,
        title: &str,
    ) -> Result<Conversation, StoreError> {
        non_empty("conversation principal", principal)?;
        non_empty("conversation surface", surface)?;
        dispatch!(&self.pools, db => sqlx::query_as::<_, Conversation>(INSERT_CONVERSATION)
            .bind(principal)
            .bind(surface)
            .bind(title)
            .bind(Stamp(now()))
            .fetch_one(db.pool())
            .await)
        .map_err(self.failed("creating a conversation"))
    }

    /// Adds a message at the end of the conversation (one transaction: the conversation's
    /// count and time move with the insert, or neither happens).
    pub async fn append_message(
        &self,
        conversation_id: ConversationId,
        role: MessageRole,
        text: &str,
        answer_json: Option<&Value>,
    ) -> Result<Message, StoreError> {
        let at = Stamp(now());
        let inserted = dispatch!(&self.pools, db => async {
            let mut tx = db.begin_write().await?;
            let position: Option<i64> = sqlx::query_scalar(BUMP_CONVERSATION)
                .bind(conversation_id)
                .bind(at)
                .fetch_optional(tx.conn())
                .await?;
            let Some(position) = position else {
                return Ok(None);
            };
            let row = sqlx::query_as::<_, MessageRow>(INSERT_MESSAGE)
                .bind(conversation_id)
                .bind(position)
                .bind(role.as_str())
                .bind(text)
                .bind(answer_json.map(Json))
                .bind(at)
                .fetch_one(tx.conn())
                .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(Some(row))
        }.await)
        .map_err(self.failed("appending a message"))?;
        let row = inserted.ok_or_else(|| not_found(conversation_id))?;
        self.message_from(row)
    }

    /// The conversation with this id.
    pub async fn conversation(&self, id: ConversationId) -> Result<Conversation, StoreError> {
        dispatch!(&self.pools, db => sqlx::query_as::<_, Conversation>(SELECT_CONVERSATION)
            .bind(id)
            .fetch_optional(db.pool())
            .await)
        .map_err(self.failed("reading a conversation"))?
        .ok_or_else(|| not_found(id))
    }

    /// The conversation's messages in order.
    pub async fn messages(
        &self,
        conversation_id: ConversationId,
    ) -> Result<Vec<Message>, StoreError> {
        self.conversation(conversation_id).await?;
        let rows = dispatch!(&self.pools, db => sqlx::query_as::<_, MessageRow>(SELECT_MESSAGES)
            .bind(conversation_id)
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("reading messages"))?;
        rows.into_iter().map(|row| self.message_from(row)).collect()
    }

    /// The principal's `limit` most recently active conversations, newest first.
    pub async fn conversations_of(
        &self,
        principal: &str,
        limit: u32,
    ) -> Result<Vec<Conversation>, StoreError> {
        dispatch!(&self.pools, db => sqlx::query_as::<_, Conversation>(SELECT_CONVERSATIONS_OF)
            .bind(principal)
            .bind(i64::from(limit))
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("listing conversations"))
    }

    fn message_from(&self, row: MessageRow) -> Result<Message, StoreError> {
        let role = MessageRole::parse(&row.role).ok_or_else(|| {
            self.corrupt(
                format!("message {}", row.id),
                format_args!("role `{}`", row.role),
            )
        })?;
        Ok(Message {
            id: row.id,
            conversation_id: row.conversation_id,
            position: row.position,
            role,
            text: row.text,
            answer_json: row.answer_json.map(|Json(value)| value),
            created_at: row.created_at,
        })
    }
}

fn not_found(id: ConversationId) -> StoreError {
    StoreError::NotFound {
        kind: "conversation",
        id: id.to_string(),
    }
}
