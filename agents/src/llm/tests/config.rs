//! Settings validation names the setting at fault, and every provider builds a model.

use rig_core::http_client::DynHttpClient;

use super::scripted::ScriptedCompletionModel;
use crate::llm::{LlmBrain, LlmConfig, Provider};
use crate::{AgentError, Brain};

fn compatible(url: &str) -> LlmConfig {
    LlmConfig::new(
        Provider::OpenAiCompatible {
            base_url: url.into(),
        },
        "local-model",
    )
}

fn config_error(config: &LlmConfig) -> String {
    match config.validate() {
        Err(AgentError::Config(message)) => message,
        other => panic!("expected a config error for {config:?}, got {other:?}"),
    }
}

#[test]
fn defaults_are_temperature_zero_and_eight_turns() {
    let config = compatible("http://127.0.0.1:8080/v1");
    assert_eq!(config.temperature, 0.0);
    assert_eq!(config.max_turns, 8);
    assert_eq!(config.seed, None);
    config.validate().unwrap();
}

#[test]
fn each_invalid_setting_is_named() {
    let mut empty_model = compatible("http://localhost:1/v1");
    empty_model.model = "  ".into();
    assert!(config_error(&empty_model).starts_with("llm.model"));

    for temperature in [-0.1, 2.5, f64::NAN, f64::INFINITY] {
        let mut hot = compatible("http://localhost:1/v1");
        hot.temperature = temperature;
        assert!(
            config_error(&hot).starts_with("llm.temperature"),
            "{temperature}"
        );
    }
    for max_turns in [0, 1, 65] {
        let looped = compatible("http://localhost:1/v1").with_max_turns(max_turns);
        assert!(
            config_error(&looped).starts_with("llm.max_turns"),
            "{max_turns}"
        );
    }
    for url in [
        "",
        "localhost:8080",
        "ftp://host/v1",
        "http://",
        "http://h/v1?x=1",
        "not a url",
    ] {
        assert!(
            config_error(&compatible(url)).starts_with("llm.provider.base_url"),
            "{url:?}"
        );
    }
    let bad_ollama = LlmConfig::new(
        Provider::Ollama {
            base_url: Some("ollama".into()),
        },
        "m",
    );
    assert!(config_error(&bad_ollama).starts_with("llm.provider.base_url"));
}

#[test]
fn hosted_providers_need_a_key_and_no_key_may_be_blank() {
    for provider in [Provider::OpenAi, Provider::Anthropic] {
        let name = provider.as_str();
        let keyless = LlmConfig::new(provider.clone(), "m");
        assert_eq!(
            config_error(&keyless),
            format!("llm.api_key is required for provider {name}")
        );
        LlmConfig::new(provider, "m")
            .with_api_key("sk-test")
            .validate()
            .unwrap();
    }
    let blank = compatible("http://localhost:1/v1").with_api_key(" ");
    assert!(config_error(&blank).starts_with("llm.api_key is empty"));
    LlmConfig::new(Provider::Ollama { base_url: None }, "llama3")
        .validate()
        .unwrap();
}

#[test]
fn a_brain_builds_over_the_default_http_client() {
    let brain = LlmBrain::from_config(&compatible("http://127.0.0.1:8080/v1")).unwrap();
    assert_eq!(brain.name(), "llm:local-model");
    let invalid = LlmBrain::from_config(&compatible("http://127.0.0.1:8080/v1").with_max_turns(0));
    assert!(matches!(invalid, Err(AgentError::Config(_))));
}

#[test]
fn an_invalid_config_builds_no_brain() {
    let model = ScriptedCompletionModel::new(Vec::new());
    let config = compatible("http://localhost:1/v1").with_max_turns(1);
    let built = LlmBrain::from_config_over(&config, DynHttpClient::new(model));
    assert!(matches!(built, Err(AgentError::Config(_))));
}

#[test]
fn every_provider_builds_a_completion_model() {
    let http = DynHttpClient::new(ScriptedCompletionModel::new(Vec::new()));
    let configs = [
        LlmConfig::new(Provider::OpenAi, "gpt-4.1-mini").with_api_key("sk-test"),
        compatible("http://127.0.0.1:8080/v1/"),
        LlmConfig::new(Provider::Anthropic, "claude-sonnet-4-5").with_api_key("sk-ant"),
        LlmConfig::new(Provider::Ollama { base_url: None }, "llama3"),
        LlmConfig::new(
            Provider::Ollama {
                base_url: Some("http://10.0.0.5:11434".into()),
            },
            "q",
        ),
    ];
    for config in configs {
        let model = config.completion_model(http.clone()).unwrap();
        assert_eq!(model.id(), Some(config.model.as_str()), "{config:?}");
        let brain = LlmBrain::over(model, &config).unwrap();
        assert_eq!(brain.name(), format!("llm:{}", config.model));
    }
}

#[test]
fn settings_read_from_json_with_defaults_and_reject_unknown_fields() {
    let config: LlmConfig = serde_json::from_value(serde_json::json!({
        "provider": {"kind": "openai_compatible", "base_url": "http://127.0.0.1:9/v1"},
        "model": "gemma",
        "seed": 7
    }))
    .unwrap();
    assert_eq!(
        config,
        compatible("http://127.0.0.1:9/v1")
            .with_seed(7)
            .renamed("gemma")
    );
    let unknown = serde_json::from_value::<LlmConfig>(serde_json::json!({
        "provider": {"kind": "openai"}, "model": "m", "temprature": 1.0
    }));
    assert!(unknown.is_err());
    let key_hidden = format!("{:?}", compatible("http://h/v1").with_api_key("sk-secret"));
    assert!(!key_hidden.contains("sk-secret"), "{key_hidden}");
}

trait Renamed {
    fn renamed(self, model: &str) -> Self;
}

impl Renamed for LlmConfig {
    fn renamed(mut self, model: &str) -> Self {
        self.model = model.into();
        self
    }
}
