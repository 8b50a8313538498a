//! Answers stream: each step is announced as it happens, prose arrives paragraph by
//! paragraph, and the finished answer comes last. Surfaces (CLI, GraphQL subscription, bots)
//! read the same events.

use tokio::sync::mpsc;

use crate::{Answer, TraceStep};

/// One event of an answer in progress.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerEvent {
    /// A step finished.
    Step(TraceStep),
    /// A paragraph of the final text (after the guardrails).
    Text(String),
    /// The finished answer.
    Done(Box<Answer>),
}

/// Where events go; sending never blocks the answer, and a closed receiver is ignored (the
/// asker went away; the answer is still completed and audited).
#[derive(Debug, Clone, Default)]
pub struct EventSink {
    sender: Option<mpsc::UnboundedSender<AnswerEvent>>,
}

impl EventSink {
    /// A sink that drops events (batch use).
    pub fn discard() -> Self {
        Self { sender: None }
    }

    /// A sink and the receiver that streams its events.
    pub fn channel() -> (Self, mpsc::UnboundedReceiver<AnswerEvent>) {
        let (sender, receiver) = mpsc::unbounded_channel();
        (
            Self {
                sender: Some(sender),
            },
            receiver,
        )
    }

    /// Sends `event` if anyone listens.
    pub fn send(&self, event: AnswerEvent) {
        if let Some(sender) = &self.sender {
            let _ = sender.send(event);
        }
    }

    /// Announces a finished step.
    pub fn step(&self, step: &TraceStep) {
        self.send(AnswerEvent::Step(step.clone()));
    }
}
