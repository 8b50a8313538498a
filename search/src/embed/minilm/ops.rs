//! The encoder's non-matmul steps as candle custom ops over CPU storage, each one pass over
//! memory and split across the rayon pool: bias + GELU, bias + residual + layer norm,
//! splitting the fused QKV projection into heads, masked softmax and merging heads back.

use candle_core::{CpuStorage, CustomOp1, InplaceOp1, InplaceOp2, Layout, Shape};
use rayon::prelude::*;

use super::kernels::{bias_gelu, masked_softmax, residual_layer_norm, simd};

/// Rows handed to one rayon task at a time: enough work to amortise the scheduling.
const ROWS_PER_TASK: usize = 16;

fn contiguous<'a>(storage: &'a CpuStorage, layout: &Layout) -> candle_core::Result<&'a [f32]> {
    let (start, end) = layout
        .contiguous_offsets()
        .ok_or_else(|| candle_core::Error::Msg("expected a contiguous tensor".into()))?;
    Ok(&storage.as_slice::<f32>()?[start..end])
}

fn contiguous_mut<'a>(
    storage: &'a mut CpuStorage,
    layout: &Layout,
) -> candle_core::Result<&'a mut [f32]> {
    let (start, end) = layout
        .contiguous_offsets()
        .ok_or_else(|| candle_core::Error::Msg("expected a contiguous tensor".into()))?;
    match storage {
        CpuStorage::F32(data) => Ok(&mut data[start..end]),
        _ => Err(candle_core::Error::Msg("expected f32 storage".into())),
    }
}

/// In place: `x = gelu(x + bias)` on a `(rows, bias.len())` tensor.
#[derive(Debug)]
pub(super) struct BiasGelu<'a> {
    pub(super) bias: &'a [f32],
}

impl InplaceOp1 for BiasGelu<'_> {
    fn name(&self) -> &'static str {
        "bias-gelu"
    }

    fn cpu_fwd(&self, storage: &mut CpuStorage, layout: &Layout) -> candle_core::Result<()> {
        let data = contiguous_mut(storage, layout)?;
        let width = self.bias.len();
        data.par_chunks_mut(width * ROWS_PER_TASK).for_each(|rows| {
            simd(
                #[inline(always)]
                || {
                    for row in rows.chunks_exact_mut(width) {
                        bias_gelu(row, self.bias);
                    }
                },
            );
        });
        Ok(())
    }
}

/// In place: `x = layer_norm(x + bias + residual)`; the second tensor is the residual.
#[derive(Debug)]
pub(super) struct ResidualNorm<'a> {
    pub(super) bias: &'a [f32],
    pub(super) gamma: &'a [f32],
    pub(super) beta: &'a [f32],
    pub(super) eps: f32,
}

impl InplaceOp2 for ResidualNorm<'_> {
    fn name(&self) -> &'static str {
        "residual-layer-norm"
    }

    fn cpu_fwd(
        &self,
        s1: &mut CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
    ) -> candle_core::Result<()> {
        let residual = contiguous(s2, l2)?;
        let data = contiguous_mut(s1, l1)?;
        if data.len() != residual.len() {
            return Err(candle_core::Error::Msg("residual shape mismatch".into()));
        }
        let width = self.gamma.len();
        let chunk = width * ROWS_PER_TASK;
        data.par_chunks_mut(chunk)
            .zip(residual.par_chunks(chunk))
            .for_each(|(rows, res)| {
                simd(
                    #[inline(always)]
                    || {
                        for (row, r) in rows.chunks_exact_mut(width).zip(res.chunks_exact(width)) {
                            residual_layer_norm(row, r, self.bias, self.gamma, self.beta, self.eps);
                        }
                    },
                );
            });
        Ok(())
    }
}

/// Attention geometry of one padded batch.
#[derive(Debug, Clone, Copy)]
pub(super) struct Heads {
    pub(super) batch: usize,
    pub(super) seq: usize,
    pub(super) heads: usize,
    pub(super) head_dim: usize,
}

impl Heads {
    fn hidden(&self) -> usize {
        self.heads * self.head_dim
    }
}

/// `(batch·seq, 3·hidden)` QKV projection (without bias) → `(3, batch, heads, seq, head_dim)`
/// with the bias added, so q, k and v are contiguous per head.
#[derive(Debug)]
pub(super) struct SplitHeads<'a> {
    pub(super) bias: &'a [f32],
    pub(super) geometry: Heads,
}

impl CustomOp1 for SplitHeads<'_> {
    fn name(&self) -> &'static str {
        "split-heads"
    }

    fn cpu_fwd(
        &self,
        storage: &CpuStorage,
        layout: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let Heads {
            batch,
            seq,
            heads,
            head_dim,
        } = self.geometry;
        let hidden = self.geometry.hidden();
        let src = contiguous(storage, layout)?;
        if src.len() != batch * seq * 3 * hidden {
            return Err(candle_core::Error::Msg("qkv shape mismatch".into()));
        }
        let mut dst = vec![0f32; src.len()];
        // One task per (part, sequence, head): a contiguous (seq, head_dim) block.
        dst.par_chunks_mut(seq * head_dim)
            .enumerate()
            .for_each(|(block, out)| {
                let head = block % heads;
                let b = (block / heads) % batch;
                let part = block / (heads * batch);
                let col = part * hidden + head * head_dim;
                let bias = &self.bias[col..col + head_dim];
                for (s, out_row) in out.chunks_exact_mut(head_dim).enumerate() {
                    let row = (b * seq + s) * 3 * hidden + col;
                    for ((o, v), bb) in out_row.iter_mut().zip(&src[row..row + head_dim]).zip(bias)
                    {
                        *o = v + bb;
                    }
                }
            });
        Ok((
            CpuStorage::F32(dst),
            Shape::from((3, batch, heads, seq, head_dim)),
        ))
    }
}

/// `(batch, heads, seq, head_dim)` attention output → `(batch·seq, hidden)`.
#[derive(Debug)]
pub(super) struct MergeHeads {
    pub(super) geometry: Heads,
}

impl CustomOp1 for MergeHeads {
    fn name(&self) -> &'static str {
        "merge-heads"
    }

    fn cpu_fwd(
        &self,
        storage: &CpuStorage,
        layout: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let Heads {
            batch,
            seq,
            heads,
            head_dim,
        } = self.geometry;
        let hidden = self.geometry.hidden();
        let src = contiguous(storage, layout)?;
        if src.len() != batch * seq * hidden {
            return Err(candle_core::Error::Msg(
                "attention output shape mismatch".into(),
            ));
        }
        let mut dst = vec![0f32; src.len()];
        dst.par_chunks_mut(seq * hidden)
            .enumerate()
            .for_each(|(b, out)| {
                for (s, out_row) in out.chunks_exact_mut(hidden).enumerate() {
                    for (h, piece) in out_row.chunks_exact_mut(head_dim).enumerate() {
                        let at = ((b * heads + h) * seq + s) * head_dim;
                        piece.copy_from_slice(&src[at..at + head_dim]);
                    }
                }
            });
        Ok((CpuStorage::F32(dst), Shape::from((batch * seq, hidden))))
    }
}

/// In place over `(batch, heads, seq, seq)` scores: softmax over each row's real keys, 0 for
/// the padding keys of shorter sequences.
#[derive(Debug)]
pub(super) struct MaskedSoftmax<'a> {
    pub(super) lengths: &'a [usize],
    pub(super) heads: usize,
    pub(super) seq: usize,
}

impl InplaceOp1 for MaskedSoftmax<'_> {
    fn name(&self) -> &'static str {
        "masked-softmax"
    }

    fn cpu_fwd(&self, storage: &mut CpuStorage, layout: &Layout) -> candle_core::Result<()> {
        let data = contiguous_mut(storage, layout)?;
        let seq = self.seq;
        let per_sequence = self.heads * seq * seq;
        if data.len() != per_sequence * self.lengths.len() {
            return Err(candle_core::Error::Msg(
                "attention score shape mismatch".into(),
            ));
        }
        data.par_chunks_mut(seq * ROWS_PER_TASK)
            .enumerate()
            .for_each(|(task, rows)| {
                simd(
                    #[inline(always)]
                    || {
                        for (i, row) in rows.chunks_exact_mut(seq).enumerate() {
                            let row_index = task * ROWS_PER_TASK + i;
                            let valid = self.lengths[row_index * seq / per_sequence];
                            masked_softmax(row, valid);
                        }
                    },
                );
            });
        Ok(())
    }
}
