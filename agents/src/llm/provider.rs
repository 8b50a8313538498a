//! From settings to a rig completion model: the one place that knows each provider's client,
//! so the brain itself works over any `DynModel<Completion>`.

use rig_core::DynModel;
use rig_core::http_client::DynHttpClient;
use rig_core::operation::Completion;
use rig_core::providers::anthropic::wire::AnthropicConfig;
use rig_core::providers::ollama::OllamaConfig;
use rig_core::providers::openai::OpenAIConfig;
use rig_core::providers::openai::wire::Auth;

use super::compat::PlainStringContents;
use super::config::{LlmConfig, Provider, Secret};
use crate::AgentError;

impl LlmConfig {
    /// The completion model these settings name, sending through `http` (the process-wide
    /// reqwest client in production, a recording or scripted transport in tests).
    ///
    /// OpenAI-compatible servers are reached on `POST {base_url}/chat/completions`, with
    /// message contents as plain strings (see `compat`).
    pub fn completion_model(
        &self,
        http: DynHttpClient,
    ) -> Result<DynModel<Completion>, AgentError> {
        self.validate()?;
        let key = self.api_key.clone().unwrap_or_default();
        let model = self.model.trim().to_owned();
        Ok(match &self.provider {
            Provider::OpenAi => OpenAIConfig::new(key)
                .connect(http)
                .completion(model)
                .erase(),
            Provider::OpenAiCompatible { base_url } => OpenAIConfig::new(key)
                .with_base_url(trimmed(base_url))
                .with_auth(Auth::OptionalBearer)
                .connect(http.with_middleware(PlainStringContents))
                .chat(model)
                .erase(),
            Provider::Anthropic => AnthropicConfig::new(key)
                .connect(http)
                .completion(model)
                .erase(),
            Provider::Ollama { base_url } => ollama(base_url.as_deref(), key)
                .connect(http)
                .completion(model)
                .erase(),
        })
    }
}

fn ollama(base_url: Option<&str>, api_key: Secret) -> OllamaConfig {
    let mut config = OllamaConfig::new();
    if let Some(url) = base_url {
        config.base_url = trimmed(url);
    }
    config.api_key = api_key;
    config
}

/// The base URL without a trailing slash, so paths join as `{base}/chat/completions`.
fn trimmed(url: &str) -> String {
    url.trim().trim_end_matches('/').to_owned()
}
