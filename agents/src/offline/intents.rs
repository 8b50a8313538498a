//! The intents the offline brain recognises, loaded from `agents/data/intents.json`: each with
//! the agent that owns it, example utterances for nearest-neighbour routing, and for the
//! intents the data cannot serve, what data would.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{AgentError, DomainAgent};

const INTENTS_JSON: &str = include_str!("../../data/intents.json");

/// One intent of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct IntentSpec {
    /// Stable name (e.g. `forecast_gap`).
    pub name: String,
    /// The agent that owns it.
    pub agent: DomainAgent,
    /// Example utterances.
    pub examples: Vec<String>,
    /// For intents the data cannot answer: the data that would.
    pub missing: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIntent {
    agent: String,
    examples: Vec<String>,
    #[serde(default)]
    missing: Option<String>,
}

/// Every intent, in name order.
pub fn intent_catalogue() -> Result<Vec<IntentSpec>, AgentError> {
    let raw: BTreeMap<String, RawIntent> = serde_json::from_str(INTENTS_JSON)
        .map_err(|e| AgentError::Config(format!("agents/data/intents.json: {e}")))?;
    raw.into_iter()
        .map(|(name, r)| {
            let agent = DomainAgent::parse(&r.agent).ok_or_else(|| {
                AgentError::Config(format!(
                    "agents/data/intents.json: intent `{name}` names unknown agent `{}`",
                    r.agent
                ))
            })?;
            if r.examples.is_empty() {
                return Err(AgentError::Config(format!(
                    "agents/data/intents.json: intent `{name}` has no examples"
                )));
            }
            Ok(IntentSpec {
                name,
                agent,
                examples: r.examples,
                missing: r.missing,
            })
        })
        .collect()
}
