//! The BERT encoder forward pass on CPU with mean pooling: candle's matmul (the `gemm` crate)
//! for the projections and attention, the fused custom ops of [`super::ops`] for the rest.

use candle_core::{Device, Tensor};
use rayon::prelude::*;

use super::config::BertConfig;
use super::kernels::{layer_norm, simd};
use super::ops::{BiasGelu, Heads, MaskedSoftmax, MergeHeads, ResidualNorm, SplitHeads};
use super::weights::{BertWeights, LayerWeights};

/// A loaded encoder.
#[derive(Debug)]
pub(super) struct Encoder {
    config: BertConfig,
    weights: BertWeights,
}

/// Token ids of one batch, each sequence padded (with [PAD]) to `seq` tokens.
#[derive(Debug)]
pub(super) struct Batch<'a> {
    pub(super) sequences: &'a [&'a [u32]],
    pub(super) seq: usize,
}

impl Encoder {
    pub(super) fn new(config: BertConfig, weights: BertWeights) -> Self {
        Self { config, weights }
    }

    /// Longest input the position table allows.
    pub(super) fn max_positions(&self) -> usize {
        self.config.max_position_embeddings
    }

    /// Mean-pooled (not yet normalised) hidden states, one `hidden_size` vector per sequence.
    pub(super) fn forward(&self, batch: &Batch) -> candle_core::Result<Vec<Vec<f32>>> {
        let lengths: Vec<usize> = batch.sequences.iter().map(|s| s.len()).collect();
        let geometry = Heads {
            batch: lengths.len(),
            seq: batch.seq,
            heads: self.config.num_attention_heads,
            head_dim: self.config.head_dim(),
        };
        let mut x = self.embed(batch)?;
        for layer in &self.weights.layers {
            x = self.layer(layer, &x, geometry, &lengths)?;
        }
        self.mean_pool(&x, geometry, &lengths)
    }

    /// Word + position + token-type embeddings, layer-normalised: `(batch·seq, hidden)`.
    fn embed(&self, batch: &Batch) -> candle_core::Result<Tensor> {
        let h = self.config.hidden_size;
        let e = &self.weights.embeddings;
        let eps = self.config.layer_norm_eps as f32;
        let mut out = vec![0f32; batch.sequences.len() * batch.seq * h];
        out.par_chunks_mut(batch.seq * h)
            .zip(batch.sequences.par_iter())
            .try_for_each(|(rows, ids)| {
                for (pos, row) in rows.chunks_exact_mut(h).enumerate() {
                    // Padding positions embed [PAD] (id 0); attention ignores them anyway.
                    let id = ids.get(pos).copied().unwrap_or(0) as usize;
                    let word = e.word.get(id * h..(id + 1) * h).ok_or_else(|| {
                        candle_core::Error::Msg(format!("token id {id} is outside the vocabulary"))
                    })?;
                    let position = &e.position[pos * h..(pos + 1) * h];
                    for (((o, w), p), t) in
                        row.iter_mut().zip(word).zip(position).zip(&e.token_type)
                    {
                        *o = w + p + t;
                    }
                    simd(
                        #[inline(always)]
                        || layer_norm(row, &e.gamma, &e.beta, eps),
                    );
                }
                Ok::<_, candle_core::Error>(())
            })?;
        Tensor::from_vec(out, (batch.sequences.len() * batch.seq, h), &Device::Cpu)
    }

    fn layer(
        &self,
        w: &LayerWeights,
        x: &Tensor,
        geometry: Heads,
        lengths: &[usize],
    ) -> candle_core::Result<Tensor> {
        let eps = self.config.layer_norm_eps as f32;
        // Self-attention.
        let qkv = x.matmul(&w.qkv)?;
        let qkv = qkv.apply_op1_no_bwd(&SplitHeads {
            bias: &w.qkv_bias,
            geometry,
        })?;
        let context = attention(&qkv, geometry, lengths)?;
        let context = context.apply_op1_no_bwd(&MergeHeads { geometry })?;
        let attended = context.matmul(&w.attn_out)?;
        attended.inplace_op2(
            x,
            &ResidualNorm {
                bias: &w.attn_out_bias,
                gamma: &w.attn_gamma,
                beta: &w.attn_beta,
                eps,
            },
        )?;
        // Feed-forward.
        let up = attended.matmul(&w.up)?;
        up.inplace_op1(&BiasGelu { bias: &w.up_bias })?;
        let down = up.matmul(&w.down)?;
        down.inplace_op2(
            &attended,
            &ResidualNorm {
                bias: &w.down_bias,
                gamma: &w.ffn_gamma,
                beta: &w.ffn_beta,
                eps,
            },
        )?;
        Ok(down)
    }

    fn mean_pool(
        &self,
        x: &Tensor,
        geometry: Heads,
        lengths: &[usize],
    ) -> candle_core::Result<Vec<Vec<f32>>> {
        let h = self.config.hidden_size;
        let hidden = x.flatten_all()?.to_vec1::<f32>()?;
        Ok(hidden
            .chunks_exact(geometry.seq * h)
            .zip(lengths)
            .map(|(rows, &len)| {
                let mut sum = vec![0f32; h];
                for row in rows.chunks_exact(h).take(len) {
                    for (s, v) in sum.iter_mut().zip(row) {
                        *s += v;
                    }
                }
                let n = len.max(1) as f32;
                sum.iter_mut().for_each(|s| *s /= n);
                sum
            })
            .collect())
    }
}

/// Scaled dot-product attention over `(3, batch, heads, seq, head_dim)` q/k/v (the scale is
/// folded into q): `(batch, heads, seq, head_dim)`.
///
/// Each head's matmuls are too small for `gemm` to split across threads, so the batch is cut
/// into one slice per rayon thread and the slices run side by side.
fn attention(qkv: &Tensor, geometry: Heads, lengths: &[usize]) -> candle_core::Result<Tensor> {
    let Heads {
        batch,
        seq,
        heads,
        head_dim,
    } = geometry;
    let threads = rayon::current_num_threads().clamp(1, batch.max(1));
    let per = batch.div_ceil(threads);
    let slices: Vec<(usize, usize)> = (0..batch)
        .step_by(per)
        .map(|start| (start, per.min(batch - start)))
        .collect();
    let parts = slices
        .par_iter()
        .map(|&(start, len)| {
            let part = |i: usize| {
                qkv.get(i)?
                    .narrow(0, start, len)?
                    .reshape((len * heads, seq, head_dim))
            };
            let (q, k, v) = (part(0)?, part(1)?, part(2)?);
            let scores = q.matmul(&k.t()?)?;
            scores.inplace_op1(&MaskedSoftmax {
                lengths: &lengths[start..start + len],
                heads,
                seq,
            })?;
            scores.matmul(&v)
        })
        .collect::<candle_core::Result<Vec<Tensor>>>()?;
    Tensor::cat(&parts, 0)?.reshape((batch, heads, seq, head_dim))
}
