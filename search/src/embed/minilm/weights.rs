//! Loading the encoder's tensors from `model.safetensors` into the layout the forward pass
//! wants: transposed projection matrices, a fused QKV projection with the attention scale
//! folded into the query part, and plain vectors for biases and norms.

use std::collections::HashMap;
use std::path::Path;

use candle_core::{Device, Tensor};

use super::config::BertConfig;
use crate::embed::EmbedError;

/// Embedding tables and their layer norm.
#[derive(Debug)]
pub(super) struct EmbeddingWeights {
    /// `(vocab, hidden)`, row-major.
    pub(super) word: Vec<f32>,
    /// `(max_positions, hidden)`, row-major.
    pub(super) position: Vec<f32>,
    /// Token type 0 (every input is a single segment).
    pub(super) token_type: Vec<f32>,
    pub(super) gamma: Vec<f32>,
    pub(super) beta: Vec<f32>,
}

/// One post-norm transformer layer.
#[derive(Debug)]
pub(super) struct LayerWeights {
    /// `(hidden, 3·hidden)`: query (pre-scaled by 1/√head_dim), key, value.
    pub(super) qkv: Tensor,
    pub(super) qkv_bias: Vec<f32>,
    /// `(hidden, hidden)`.
    pub(super) attn_out: Tensor,
    pub(super) attn_out_bias: Vec<f32>,
    pub(super) attn_gamma: Vec<f32>,
    pub(super) attn_beta: Vec<f32>,
    /// `(hidden, intermediate)`.
    pub(super) up: Tensor,
    pub(super) up_bias: Vec<f32>,
    /// `(intermediate, hidden)`.
    pub(super) down: Tensor,
    pub(super) down_bias: Vec<f32>,
    pub(super) ffn_gamma: Vec<f32>,
    pub(super) ffn_beta: Vec<f32>,
}

/// All weights of the encoder.
#[derive(Debug)]
pub(super) struct BertWeights {
    pub(super) embeddings: EmbeddingWeights,
    pub(super) layers: Vec<LayerWeights>,
}

struct Source<'a> {
    tensors: HashMap<String, Tensor>,
    path: &'a Path,
}

impl Source<'_> {
    fn error(&self, message: impl std::fmt::Display) -> EmbedError {
        EmbedError::ModelFile {
            path: self.path.to_path_buf(),
            message: message.to_string(),
        }
    }

    fn tensor(&self, name: &str, shape: &[usize]) -> Result<Tensor, EmbedError> {
        // Checkpoints saved from `BertForX` prefix every name with "bert.".
        let tensor = self
            .tensors
            .get(name)
            .or_else(|| self.tensors.get(&format!("bert.{name}")))
            .ok_or_else(|| self.error(format!("tensor {name} is missing")))?;
        if tensor.dims() != shape {
            return Err(self.error(format!(
                "tensor {name} has shape {:?}, expected {shape:?}",
                tensor.dims()
            )));
        }
        tensor
            .to_dtype(candle_core::DType::F32)
            .map_err(|e| self.error(e))
    }

    fn vector(&self, name: &str, len: usize) -> Result<Vec<f32>, EmbedError> {
        self.tensor(name, &[len])?
            .to_vec1()
            .map_err(|e| self.error(e))
    }

    fn matrix(&self, name: &str, rows: usize, cols: usize) -> Result<Vec<f32>, EmbedError> {
        self.tensor(name, &[rows, cols])?
            .flatten_all()
            .and_then(|t| t.to_vec1())
            .map_err(|e| self.error(e))
    }

    /// A linear layer's `(out, in)` weight as a contiguous `(in, out)` matrix.
    fn transposed(&self, name: &str, out: usize, input: usize) -> Result<Tensor, EmbedError> {
        self.tensor(name, &[out, input])?
            .t()
            .and_then(|t| t.contiguous())
            .map_err(|e| self.error(e))
    }
}

impl BertWeights {
    /// Reads `model.safetensors` and checks every tensor against `config`.
    pub(super) fn load(path: &Path, config: &BertConfig) -> Result<Self, EmbedError> {
        let tensors = candle_core::safetensors::load(path, &Device::Cpu).map_err(|e| {
            EmbedError::ModelFile {
                path: path.to_path_buf(),
                message: e.to_string(),
            }
        })?;
        let src = Source { tensors, path };
        let h = config.hidden_size;
        let token_types = src.matrix("embeddings.token_type_embeddings.weight", 2, h)?;
        let embeddings = EmbeddingWeights {
            word: src.matrix("embeddings.word_embeddings.weight", config.vocab_size, h)?,
            position: src.matrix(
                "embeddings.position_embeddings.weight",
                config.max_position_embeddings,
                h,
            )?,
            token_type: token_types[..h].to_vec(),
            gamma: src.vector("embeddings.LayerNorm.weight", h)?,
            beta: src.vector("embeddings.LayerNorm.bias", h)?,
        };
        let layers = (0..config.num_hidden_layers)
            .map(|i| load_layer(&src, config, &format!("encoder.layer.{i}")))
            .collect::<Result<_, _>>()?;
        Ok(Self { embeddings, layers })
    }
}

fn load_layer(src: &Source, config: &BertConfig, p: &str) -> Result<LayerWeights, EmbedError> {
    let h = config.hidden_size;
    let i = config.intermediate_size;
    let scale = 1.0 / (config.head_dim() as f64).sqrt();
    let q = src.tensor(&format!("{p}.attention.self.query.weight"), &[h, h])?;
    let k = src.tensor(&format!("{p}.attention.self.key.weight"), &[h, h])?;
    let v = src.tensor(&format!("{p}.attention.self.value.weight"), &[h, h])?;
    let q = (q * scale).map_err(|e| src.error(e))?;
    let qkv = Tensor::cat(&[&q, &k, &v], 0)
        .and_then(|t| t.t())
        .and_then(|t| t.contiguous())
        .map_err(|e| src.error(e))?;
    let mut qkv_bias: Vec<f32> = src
        .vector(&format!("{p}.attention.self.query.bias"), h)?
        .into_iter()
        .map(|b| b * scale as f32)
        .collect();
    qkv_bias.extend(src.vector(&format!("{p}.attention.self.key.bias"), h)?);
    qkv_bias.extend(src.vector(&format!("{p}.attention.self.value.bias"), h)?);
    Ok(LayerWeights {
        qkv,
        qkv_bias,
        attn_out: src.transposed(&format!("{p}.attention.output.dense.weight"), h, h)?,
        attn_out_bias: src.vector(&format!("{p}.attention.output.dense.bias"), h)?,
        attn_gamma: src.vector(&format!("{p}.attention.output.LayerNorm.weight"), h)?,
        attn_beta: src.vector(&format!("{p}.attention.output.LayerNorm.bias"), h)?,
        up: src.transposed(&format!("{p}.intermediate.dense.weight"), i, h)?,
        up_bias: src.vector(&format!("{p}.intermediate.dense.bias"), i)?,
        down: src.transposed(&format!("{p}.output.dense.weight"), h, i)?,
        down_bias: src.vector(&format!("{p}.output.dense.bias"), h)?,
        ffn_gamma: src.vector(&format!("{p}.output.LayerNorm.weight"), h)?,
        ffn_beta: src.vector(&format!("{p}.output.LayerNorm.bias"), h)?,
    })
}
