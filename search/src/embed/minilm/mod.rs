//! all-MiniLM-L6-v2 computed in-process with candle: WordPiece tokens, a 6-layer BERT encoder,
//! mean pooling over real tokens and L2 normalisation — the same vectors sentence-transformers
//! produces for this model.

mod batching;
mod config;
mod encoder;
mod files;
mod kernels;
mod ops;
mod weights;
mod wordpiece;

pub use files::{MODEL_DIR_ENV, default_model_dir};
pub use wordpiece::MAX_SEQ_LENGTH;

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;

use super::normalize::l2_normalize;
use super::{EmbedError, Embedder, Embedding};
use config::BertConfig;
use encoder::{Batch, Encoder};
use files::ModelFiles;
use weights::BertWeights;
use wordpiece::WordPiece;

/// The model id recorded with vectors from [`MiniLmEmbedder`].
pub const MINILM_MODEL_ID: &str = "sentence-transformers/all-MiniLM-L6-v2";

/// Sequences run through the encoder together.
pub const DEFAULT_BATCH_SIZE: usize = 32;

/// sentence-transformers/all-MiniLM-L6-v2 on the CPU: 384-dimensional, unit-length vectors.
///
/// Cheap to clone (the model is shared). Work runs on tokio's blocking pool and uses the
/// global rayon pool, which has one thread per CPU (`RAYON_NUM_THREADS` overrides it).
#[derive(Debug, Clone)]
pub struct MiniLmEmbedder {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    tokenizer: WordPiece,
    encoder: Encoder,
    dimension: usize,
    batch_size: usize,
}

impl MiniLmEmbedder {
    /// Loads the model from `dir` (`config.json`, `tokenizer.json`, `model.safetensors`).
    ///
    /// A missing directory or file is [`EmbedError::ModelMissing`], naming it.
    pub fn load(dir: &Path) -> Result<Self, EmbedError> {
        let files = ModelFiles::locate(dir)?;
        let config = BertConfig::read(&files.config)?;
        let max_len = MAX_SEQ_LENGTH.min(config.max_position_embeddings);
        let tokenizer = WordPiece::load(&files.tokenizer, max_len)?;
        let weights = BertWeights::load(&files.weights, &config)?;
        let dimension = config.hidden_size;
        Ok(Self {
            inner: Arc::new(Inner {
                tokenizer,
                encoder: Encoder::new(config, weights),
                dimension,
                batch_size: DEFAULT_BATCH_SIZE,
            }),
        })
    }

    /// Loads the model from [`default_model_dir`].
    pub fn load_default() -> Result<Self, EmbedError> {
        Self::load(&default_model_dir())
    }

    /// Number of word pieces `text` becomes, `[CLS]` and `[SEP]` included, after truncation.
    pub fn token_count(&self, text: &str) -> Result<usize, EmbedError> {
        let ids = self.inner.tokenizer.encode(&[text.to_string()])?;
        Ok(ids.first().map_or(0, Vec::len))
    }

    /// [`Embedder::embed`] on the calling thread: for benchmarks and callers that are not
    /// async. Blocks for as long as the model runs.
    pub fn embed_blocking(&self, texts: &[String]) -> Result<Vec<Embedding>, EmbedError> {
        self.inner.embed(texts)
    }
}

impl Inner {
    fn embed(&self, texts: &[String]) -> Result<Vec<Embedding>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let ids = self.tokenizer.encode(texts)?;
        let lengths: Vec<usize> = ids.iter().map(Vec::len).collect();
        let mut out: Vec<Embedding> = vec![Vec::new(); texts.len()];
        for members in batching::plan(&lengths, self.batch_size) {
            let sequences: Vec<&[u32]> = members.iter().map(|&i| ids[i].as_slice()).collect();
            let seq = members.iter().map(|&i| lengths[i]).max().unwrap_or(0);
            if seq > self.encoder.max_positions() {
                return Err(EmbedError::Inference(format!(
                    "{seq} tokens exceed the model's {} positions",
                    self.encoder.max_positions()
                )));
            }
            let pooled = self
                .encoder
                .forward(&Batch {
                    sequences: &sequences,
                    seq,
                })
                .map_err(|e| EmbedError::Inference(e.to_string()))?;
            for (i, mut vector) in members.into_iter().zip(pooled) {
                if vector.len() != self.dimension {
                    return Err(EmbedError::Dimension {
                        expected: self.dimension,
                        got: vector.len(),
                    });
                }
                l2_normalize(&mut vector);
                out[i] = vector;
            }
        }
        Ok(out)
    }
}

#[async_trait]
impl Embedder for MiniLmEmbedder {
    fn model_id(&self) -> &str {
        MINILM_MODEL_ID
    }

    fn dimension(&self) -> usize {
        self.inner.dimension
    }

    async fn embed(&self, texts: &[String]) -> Result<Vec<Embedding>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let inner = Arc::clone(&self.inner);
        let texts = texts.to_vec();
        tokio::task::spawn_blocking(move || inner.embed(&texts))
            .await
            .map_err(|e| EmbedError::Inference(format!("embedding task failed: {e}")))?
    }
}
