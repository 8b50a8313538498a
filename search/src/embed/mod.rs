//! Sentence embeddings: the [`Embedder`] trait, the in-process MiniLM model and a remote
//! provider behind the same interface.

mod error;
mod minilm;
mod normalize;
mod remote;

pub use error::EmbedError;
pub use minilm::{
    DEFAULT_BATCH_SIZE, MAX_SEQ_LENGTH, MINILM_MODEL_ID, MODEL_DIR_ENV, MiniLmEmbedder,
    default_model_dir,
};
pub use normalize::{cosine, l2_normalize};
pub use remote::{DEFAULT_REMOTE_BATCH, RemoteConfig, RemoteEmbedder};

use async_trait::async_trait;

/// One L2-normalised sentence vector.
pub type Embedding = Vec<f32>;

/// Turns passages and queries into vectors whose dot product is their cosine similarity.
#[async_trait]
pub trait Embedder: Send + Sync + std::fmt::Debug {
    /// A stable name for the model and its settings; an index records it so vectors from
    /// different models are never compared.
    fn model_id(&self) -> &str;

    /// Length of every vector this embedder returns.
    fn dimension(&self) -> usize;

    /// Embeds `texts` in order: one unit-length vector of [`Embedder::dimension`] floats each.
    async fn embed(&self, texts: &[String]) -> Result<Vec<Embedding>, EmbedError>;
}
