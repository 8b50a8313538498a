//! Conversation memory: what earlier turns asked about, so a follow-up ("and in EMEA?",
//! "what about last quarter?") inherits the intent and the slots it does not restate.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One earlier turn, as the brain understood it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationTurn {
    /// The question.
    pub question: String,
    /// The intent it was routed to.
    pub intent: Option<String>,
    /// The resolved slots, as JSON (brain-specific shape).
    pub slots: Value,
    /// The answer's text.
    pub answer: String,
}

/// The turns of one conversation, oldest first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Conversation {
    /// Earlier turns.
    pub turns: Vec<ConversationTurn>,
}

impl Conversation {
    /// An empty conversation.
    pub fn new() -> Self {
        Self::default()
    }

    /// The last turn, if any.
    pub fn last(&self) -> Option<&ConversationTurn> {
        self.turns.last()
    }

    /// Records a finished turn; the memory keeps the last 20.
    pub fn push(&mut self, turn: ConversationTurn) {
        self.turns.push(turn);
        if self.turns.len() > 20 {
            self.turns.remove(0);
        }
    }
}
