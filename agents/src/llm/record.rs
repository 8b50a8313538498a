//! What one question's agents did, written as it happens: each finished step is kept for the
//! draft's trace and announced on the event sink at once; each tool reply is kept so the
//! guardrails can ground the answer's numbers in it.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use revpulse_tools::ToolReply;

use crate::{DomainAgent, EventSink, StepKind, TraceStep};

/// The steps, replies and consulted agents of one turn.
pub(crate) struct TurnRecord<'a> {
    events: &'a EventSink,
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    steps: Vec<TraceStep>,
    replies: Vec<ToolReply>,
    agents: Vec<DomainAgent>,
}

/// What a finished turn leaves behind.
pub(crate) struct Recorded {
    /// Steps in the order they finished.
    pub steps: Vec<TraceStep>,
    /// Successful tool replies in call order.
    pub replies: Vec<ToolReply>,
    /// Domain agents consulted, first consultation first.
    pub agents: Vec<DomainAgent>,
}

impl<'a> TurnRecord<'a> {
    /// An empty record announcing on `events`.
    pub fn new(events: &'a EventSink) -> Self {
        Self {
            events,
            kept: Mutex::new(Kept::default()),
        }
    }

    /// Records and announces a finished step of `agent`.
    pub fn step(&self, agent: DomainAgent, kind: StepKind, elapsed: Duration) {
        let step = TraceStep {
            agent,
            kind,
            elapsed_ms: elapsed.as_secs_f64() * 1000.0,
        };
        self.events.step(&step);
        self.kept().steps.push(step);
    }

    /// Keeps a tool reply the answer may rest on.
    pub fn reply(&self, reply: ToolReply) {
        self.kept().replies.push(reply);
    }

    /// Notes that `agent` was consulted.
    pub fn consulted(&self, agent: DomainAgent) {
        let mut kept = self.kept();
        if !kept.agents.contains(&agent) {
            kept.agents.push(agent);
        }
    }

    /// Everything recorded.
    pub fn finish(self) -> Recorded {
        let kept = self
            .kept
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        Recorded {
            steps: kept.steps,
            replies: kept.replies,
            agents: kept.agents,
        }
    }

    /// The lock is never held across an await; a panic elsewhere leaves data worth keeping.
    fn kept(&self) -> MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
