//! The LLM brain: rig-core completions over any provider (OpenAI, an OpenAI-compatible server,
//! Anthropic, Ollama) driving rig-agent's sans-IO agent loop. The coordinator model consults
//! the four domain agents as tools; each domain agent is a sub-agent over its own part of the
//! same tool catalogue the offline brain uses, run with the caller's context. Retrieved
//! passages reach a model fenced as data ([`wrap_retrieved`]).

mod brain;
mod catalogue_tool;
mod compat;
mod config;
mod consult;
mod driver;
mod provider;
mod record;
mod retrieved;
mod toolbox;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;

pub use brain::{LlmBrain, REQUEST_TIMEOUT};
pub use config::{DEFAULT_MAX_TURNS, LlmConfig, MAX_TURNS_LIMIT, Provider, Secret};
pub use retrieved::wrap_retrieved;
