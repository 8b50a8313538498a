//! The coordinator: one entry point for every surface. It hands the question to the brain,
//! runs the guardrails on the draft, streams the result and remembers the turn.

use std::sync::Arc;
use std::time::Instant;

use revpulse_tools::{Catalogue, ToolContext};

use crate::{
    AgentError, Answer, AnswerEvent, Brain, Conversation, ConversationTurn, EventSink, Turn,
    guardrails,
};

/// Answers questions with one brain over one tool catalogue.
#[derive(Clone)]
pub struct Coordinator {
    brain: Arc<dyn Brain>,
    catalogue: Catalogue,
}

impl Coordinator {
    /// A coordinator thinking with `brain` over `catalogue`.
    pub fn new(brain: Arc<dyn Brain>, catalogue: Catalogue) -> Self {
        Self { brain, catalogue }
    }

    /// The brain's name.
    pub fn brain_name(&self) -> String {
        self.brain.name()
    }

    /// The tools.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// Answers `question` for the caller in `ctx`, as the next turn of `conversation`,
    /// streaming steps and paragraphs to `events`.
    pub async fn ask(
        &self,
        ctx: &ToolContext,
        conversation: &mut Conversation,
        question: &str,
        events: &EventSink,
    ) -> Result<Answer, AgentError> {
        let started = Instant::now();
        let span = tracing::info_span!("agent", brain = %self.brain.name());
        let draft = tracing::Instrument::instrument(
            self.brain.draft(Turn {
                question,
                ctx,
                conversation,
                catalogue: &self.catalogue,
                events,
            }),
            span,
        )
        .await?;
        let (intent, slots) = draft.memory.clone();
        let answer = guardrails::finalize(question, draft, started);
        for paragraph in answer.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            events.send(AnswerEvent::Text(paragraph.to_owned()));
        }
        events.send(AnswerEvent::Done(Box::new(answer.clone())));
        conversation.push(ConversationTurn {
            question: question.to_owned(),
            intent,
            slots,
            answer: answer.text.clone(),
        });
        Ok(answer)
    }
}
