//! Routing: was the question sent to the expected intent, and did the expected domain agents
//! take part?

use revpulse_agents::{Answer, DomainAgent};
use serde::{Deserialize, Serialize};

use crate::agents::suite::Expect;

/// The routing of one answer against its expectation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RoutingCheck {
    /// The intent expected, if the case names one.
    pub expected_intent: Option<String>,
    /// The intent routed to.
    pub got_intent: Option<String>,
    /// Whether they agree (`None` when no intent is expected).
    pub intent_ok: Option<bool>,
    /// Agents expected to take part.
    pub expected_agents: Vec<DomainAgent>,
    /// Agents that took part.
    pub got_agents: Vec<DomainAgent>,
    /// Whether every expected agent took part (`None` when none is expected).
    pub agents_ok: Option<bool>,
}

/// Checks `answer`'s routing against `expect`.
pub fn check_routing(expect: &Expect, answer: &Answer) -> RoutingCheck {
    let got_intent = answer.intent().map(str::to_owned);
    RoutingCheck {
        intent_ok: expect
            .intent
            .as_ref()
            .map(|want| got_intent.as_ref() == Some(want)),
        expected_intent: expect.intent.clone(),
        got_intent,
        agents_ok: (!expect.agents.is_empty())
            .then(|| expect.agents.iter().all(|a| answer.agents.contains(a))),
        expected_agents: expect.agents.clone(),
        got_agents: answer.agents.clone(),
    }
}

impl RoutingCheck {
    /// Why it failed, if it did.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.intent_ok == Some(false) {
            out.push(format!(
                "routed to `{}`, expected `{}`",
                self.got_intent.as_deref().unwrap_or("(none)"),
                self.expected_intent.as_deref().unwrap_or("?")
            ));
        }
        if self.agents_ok == Some(false) {
            let names = |agents: &[DomainAgent]| {
                agents
                    .iter()
                    .map(|a| a.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push(format!(
                "agents [{}], expected [{}]",
                names(&self.got_agents),
                names(&self.expected_agents)
            ));
        }
        out
    }
}
