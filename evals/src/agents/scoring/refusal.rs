//! Refusals and outcomes: a case that must be refused is refused, one that must not is not,
//! and the outcome (answered, refused, unknown) is one the case accepts.

use serde::{Deserialize, Serialize};

use crate::agents::suite::{Expect, OutcomeKind};

/// The outcome of one answer against its expectation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RefusalCheck {
    /// The case must be refused.
    pub must_refuse: bool,
    /// The answer is a refusal.
    pub refused: bool,
    /// The outcomes accepted, if the case names them.
    pub expected_outcome: Option<String>,
    /// Whether the outcome is accepted (`None` when the case names none).
    pub outcome_ok: Option<bool>,
}

impl RefusalCheck {
    /// must_refuse ⇔ refused.
    pub fn correct(&self) -> bool {
        self.must_refuse == self.refused
    }

    /// Why it failed, if it did.
    pub fn problems(&self, got: OutcomeKind) -> Vec<String> {
        let mut out = Vec::new();
        if !self.correct() {
            out.push(if self.must_refuse {
                format!("must be refused, but was {}", got.as_str())
            } else {
                "refused a question it should answer".to_owned()
            });
        }
        if self.outcome_ok == Some(false) && self.correct() {
            out.push(format!(
                "outcome {}, expected {}",
                got.as_str(),
                self.expected_outcome.as_deref().unwrap_or("?")
            ));
        }
        out
    }
}

/// Checks the outcome `got` against `expect`.
pub fn check_refusal(expect: &Expect, got: OutcomeKind) -> RefusalCheck {
    RefusalCheck {
        must_refuse: expect.must_refuse,
        refused: got == OutcomeKind::Refused,
        expected_outcome: expect.outcome.as_ref().map(|o| o.describe()),
        outcome_ok: expect.outcome.as_ref().map(|o| o.accepts(got)),
    }
}
