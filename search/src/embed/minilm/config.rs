//! The parts of a BERT `config.json` the encoder needs.

use std::path::Path;

use serde::Deserialize;

use crate::embed::EmbedError;

/// Shape and constants of a BERT encoder.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct BertConfig {
    pub(super) vocab_size: usize,
    pub(super) hidden_size: usize,
    pub(super) num_hidden_layers: usize,
    pub(super) num_attention_heads: usize,
    pub(super) intermediate_size: usize,
    pub(super) max_position_embeddings: usize,
    pub(super) layer_norm_eps: f64,
    pub(super) hidden_act: String,
}

impl BertConfig {
    /// Reads and checks `config.json`.
    pub(super) fn read(path: &Path) -> Result<Self, EmbedError> {
        let bad = |message: String| EmbedError::ModelFile {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
        let config: Self = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        if config.hidden_act != "gelu" {
            return Err(bad(format!(
                "hidden_act {:?} is not supported (only \"gelu\")",
                config.hidden_act
            )));
        }
        if config.num_attention_heads == 0
            || !config
                .hidden_size
                .is_multiple_of(config.num_attention_heads)
        {
            return Err(bad(
                "hidden_size is not a multiple of num_attention_heads".into()
            ));
        }
        Ok(config)
    }

    /// Width of one attention head.
    pub(super) fn head_dim(&self) -> usize {
        self.hidden_size / self.num_attention_heads
    }
}
