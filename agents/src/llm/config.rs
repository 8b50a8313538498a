//! The LLM brain's settings as one typed struct: which provider and model, the credential, and
//! the sampling and turn limits every completion uses. Validation names the setting at fault,
//! so an operator can fix the file or the flag it came from.

use serde::Deserialize;

use crate::AgentError;

/// A credential: `Debug` and serialisation print `[redacted]`.
pub use rig_core::wire::Secret;

/// The default total of model calls one agent may make in a turn.
pub const DEFAULT_MAX_TURNS: u32 = 8;
/// The most model calls one agent may be allowed per turn (cost and latency bound).
pub const MAX_TURNS_LIMIT: u32 = 64;

/// Which service answers completions.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Provider {
    /// OpenAI itself (needs `api_key`).
    #[serde(rename = "openai")]
    OpenAi,
    /// Any server speaking OpenAI's Chat Completions (`POST {base_url}/chat/completions`):
    /// llama.cpp, vLLM, LM Studio, a gateway. `api_key` is optional.
    #[serde(rename = "openai_compatible")]
    OpenAiCompatible {
        /// The API root, e.g. `http://127.0.0.1:8080/v1`.
        base_url: String,
    },
    /// Anthropic's Messages API (needs `api_key`).
    Anthropic,
    /// A local Ollama daemon, on its OpenAI-compatible API.
    Ollama {
        /// The daemon's address; Ollama's default (`http://localhost:11434`) when absent.
        #[serde(default)]
        base_url: Option<String>,
    },
}

impl Provider {
    /// Stable name, as settings and traces spell it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::OpenAi => "openai",
            Self::OpenAiCompatible { .. } => "openai_compatible",
            Self::Anthropic => "anthropic",
            Self::Ollama { .. } => "ollama",
        }
    }

    fn needs_api_key(&self) -> bool {
        matches!(self, Self::OpenAi | Self::Anthropic)
    }

    fn base_url(&self) -> Option<&str> {
        match self {
            Self::OpenAiCompatible { base_url } => Some(base_url),
            Self::Ollama { base_url } => base_url.as_deref(),
            Self::OpenAi | Self::Anthropic => None,
        }
    }
}

/// Settings of the LLM brain.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LlmConfig {
    /// The provider.
    pub provider: Provider,
    /// The model id the provider knows (`gpt-4.1-mini`, `gemma-3-270m`, …).
    pub model: String,
    /// The credential, when the provider needs one.
    #[serde(default)]
    pub api_key: Option<Secret>,
    /// Sampling temperature in `[0, 2]`; 0 (the default) for reproducible answers.
    #[serde(default)]
    pub temperature: f64,
    /// Model calls one agent may make per question (the coordinator and each consulted agent
    /// separately), tool rounds included; at least 2 (a tool call and the answer).
    #[serde(default = "default_max_turns")]
    pub max_turns: u32,
    /// Sampling seed, for providers that offer best-effort determinism.
    #[serde(default)]
    pub seed: Option<u64>,
    /// The most tokens one completion may write; the provider's default when absent.
    #[serde(default)]
    pub max_output_tokens: Option<u64>,
}

fn default_max_turns() -> u32 {
    DEFAULT_MAX_TURNS
}

impl LlmConfig {
    /// `model` at `provider`, with temperature 0, [`DEFAULT_MAX_TURNS`], no key, no seed and
    /// the provider's output cap.
    pub fn new(provider: Provider, model: impl Into<String>) -> Self {
        Self {
            provider,
            model: model.into(),
            api_key: None,
            temperature: 0.0,
            max_turns: DEFAULT_MAX_TURNS,
            seed: None,
            max_output_tokens: None,
        }
    }

    /// The same settings with `api_key`.
    pub fn with_api_key(mut self, api_key: impl Into<Secret>) -> Self {
        self.api_key = Some(api_key.into());
        self
    }

    /// The same settings with `seed`.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// The same settings with `max_turns`.
    pub fn with_max_turns(mut self, max_turns: u32) -> Self {
        self.max_turns = max_turns;
        self
    }

    /// The same settings with `max_output_tokens`.
    pub fn with_max_output_tokens(mut self, max_output_tokens: u64) -> Self {
        self.max_output_tokens = Some(max_output_tokens);
        self
    }

    /// Checks every setting; the error names the first one at fault.
    pub fn validate(&self) -> Result<(), AgentError> {
        if self.model.trim().is_empty() {
            return Err(invalid("llm.model is empty: name the provider's model id"));
        }
        if !self.temperature.is_finite() || !(0.0..=2.0).contains(&self.temperature) {
            return Err(invalid(&format!(
                "llm.temperature must be between 0 and 2 (got {})",
                self.temperature
            )));
        }
        if !(2..=MAX_TURNS_LIMIT).contains(&self.max_turns) {
            return Err(invalid(&format!(
                "llm.max_turns must be between 2 and {MAX_TURNS_LIMIT} (got {}): one model call \
                 asks for tools, a later one answers",
                self.max_turns
            )));
        }
        if self.max_output_tokens == Some(0) {
            return Err(invalid(
                "llm.max_output_tokens must be at least 1 (or absent)",
            ));
        }
        self.validate_api_key()?;
        match self.provider.base_url() {
            Some(url) => validate_base_url(url),
            None => Ok(()),
        }
    }

    fn validate_api_key(&self) -> Result<(), AgentError> {
        let key = self.api_key.as_ref().map(Secret::expose);
        match key {
            Some(key) if key.trim().is_empty() => Err(invalid(
                "llm.api_key is empty: remove it or set the credential",
            )),
            None if self.provider.needs_api_key() => Err(invalid(&format!(
                "llm.api_key is required for provider {}",
                self.provider.as_str()
            ))),
            _ => Ok(()),
        }
    }
}

/// An `http(s)://host[:port][/path]` URL, or a config error naming `llm.provider.base_url`.
fn validate_base_url(url: &str) -> Result<(), AgentError> {
    let parsed: Result<rig_core::http_client::Uri, _> = url.parse();
    let scheme_ok = parsed
        .as_ref()
        .ok()
        .and_then(|uri| uri.scheme_str())
        .is_some_and(|scheme| scheme == "http" || scheme == "https");
    let host_ok = parsed
        .as_ref()
        .ok()
        .and_then(|uri| uri.host())
        .is_some_and(|host| !host.is_empty());
    if scheme_ok && host_ok && parsed.as_ref().is_ok_and(|uri| uri.query().is_none()) {
        return Ok(());
    }
    Err(invalid(&format!(
        "llm.provider.base_url must be an http(s) URL with a host and no query (got {url:?})"
    )))
}

fn invalid(message: &str) -> AgentError {
    AgentError::Config(message.to_owned())
}
