//! A remote embedding provider that speaks OpenAI's `POST /embeddings` (OpenAI itself, or any
//! compatible server: vLLM, Ollama, LiteLLM, a gateway), through rig-core's OpenAI wire.

use async_trait::async_trait;
use rig_core::driver::Model;
use rig_core::providers::openai::OpenAIConfig;
use rig_core::providers::openai::wire::Embeddings;

use super::normalize::l2_normalize;
use super::{EmbedError, Embedder, Embedding};

/// Inputs sent in one request (OpenAI accepts up to 2,048).
pub const DEFAULT_REMOTE_BATCH: usize = 256;

/// Where and what to call.
#[derive(Debug, Clone)]
pub struct RemoteConfig {
    /// Base URL the `/embeddings` path is appended to, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    /// Sent as `Authorization: Bearer <key>`.
    pub api_key: String,
    /// The provider's model name, e.g. `text-embedding-3-small`.
    pub model: String,
    /// Length of the vectors the model returns; any other length is an error.
    pub dimension: usize,
    /// Inputs per request.
    pub batch_size: usize,
}

impl RemoteConfig {
    /// A configuration with [`DEFAULT_REMOTE_BATCH`] inputs per request.
    pub fn new(
        base_url: impl Into<String>,
        api_key: impl Into<String>,
        model: impl Into<String>,
        dimension: usize,
    ) -> Self {
        Self {
            base_url: base_url.into(),
            api_key: api_key.into(),
            model: model.into(),
            dimension,
            batch_size: DEFAULT_REMOTE_BATCH,
        }
    }
}

/// Embeddings from an OpenAI-compatible provider, checked for length and L2-normalised.
#[derive(Debug, Clone)]
pub struct RemoteEmbedder {
    model: Model<Embeddings>,
    model_id: String,
    dimension: usize,
    batch_size: usize,
    provider: String,
}

impl RemoteEmbedder {
    /// An embedder for `config`. Sends nothing until [`Embedder::embed`] is called.
    pub fn new(config: RemoteConfig) -> Self {
        let client = OpenAIConfig::new(config.api_key)
            .with_base_url(config.base_url.clone())
            .client();
        // No width is declared to rig: a declared width becomes a `dimensions` request field
        // that many compatible servers reject. The width is checked on the reply instead.
        let model = client.embedding(config.model.clone(), None);
        Self {
            model,
            model_id: format!("openai-compatible:{}", config.model),
            dimension: config.dimension,
            batch_size: config.batch_size.max(1),
            provider: config.base_url,
        }
    }

    fn provider_error(&self, message: impl Into<String>) -> EmbedError {
        EmbedError::Provider {
            provider: self.provider.clone(),
            message: message.into(),
        }
    }

    async fn embed_chunk(&self, texts: &[String]) -> Result<Vec<Embedding>, EmbedError> {
        let response = self
            .model
            .call(texts.to_vec())
            .await
            .map_err(|e| self.provider_error(e.to_string()))?;
        if response.embeddings.len() != texts.len() {
            return Err(self.provider_error(format!(
                "{} vectors for {} inputs",
                response.embeddings.len(),
                texts.len()
            )));
        }
        response
            .embeddings
            .into_iter()
            .map(|e| {
                if e.vec.len() != self.dimension {
                    return Err(EmbedError::Dimension {
                        expected: self.dimension,
                        got: e.vec.len(),
                    });
                }
                let mut v: Vec<f32> = e.vec.into_iter().map(|x| x as f32).collect();
                if v.iter().any(|x| !x.is_finite()) {
                    return Err(self.provider_error("a vector contains NaN or infinity"));
                }
                l2_normalize(&mut v);
                Ok(v)
            })
            .collect()
    }
}

#[async_trait]
impl Embedder for RemoteEmbedder {
    fn model_id(&self) -> &str {
        &self.model_id
    }

    fn dimension(&self) -> usize {
        self.dimension
    }

    async fn embed(&self, texts: &[String]) -> Result<Vec<Embedding>, EmbedError> {
        let mut out = Vec::with_capacity(texts.len());
        for chunk in texts.chunks(self.batch_size) {
            out.extend(self.embed_chunk(chunk).await?);
        }
        Ok(out)
    }
}
