//! Element-wise maths of the encoder on plain slices, written so the compiler vectorises it:
//! a fast `exp`, GELU (erf form), softmax and layer normalisation of one row.
//!
//! Callers run these inside [`simd`], which compiles them for the widest vector unit the CPU
//! has (AVX-512, AVX2 or SSE) and picks one at run time.

/// Runs `f` compiled for the best SIMD instruction set of this CPU.
#[inline(always)]
pub(super) fn simd<R>(f: impl FnOnce() -> R) -> R {
    pulp::Arch::new().dispatch(f)
}

const LOG2_E: f32 = std::f32::consts::LOG2_E;
const LN_2: f32 = std::f32::consts::LN_2;

/// `e^x` for `x` in [-87, 88] (relative error below 1e-6 for |x| < 10, growing to 1e-5 at the
/// ends of the range); below it returns ~0, above it saturates.
#[inline(always)]
pub(super) fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let t = x * LOG2_E;
    // Round to nearest with the 1.5·2^23 trick: branch-free and vectorisable.
    let n = (t + 12_582_912.0) - 12_582_912.0;
    let r = (t - n) * LN_2; // |r| <= ln2 / 2
    // Taylor series of e^r to r^7: relative error below 2e-8 on the range.
    let p = 1.0 / 5040.0;
    let p = p * r + 1.0 / 720.0;
    let p = p * r + 1.0 / 120.0;
    let p = p * r + 1.0 / 24.0;
    let p = p * r + 1.0 / 6.0;
    let p = p * r + 0.5;
    let p = p * r + 1.0;
    let p = p * r + 1.0;
    let scale = f32::from_bits(((n as i32 + 127) as u32) << 23);
    p * scale
}

/// `erf(x)` by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7).
#[inline(always)]
fn erf(x: f32) -> f32 {
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * a);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152_1 + t * 1.061_405_4))));
    let y = 1.0 - poly * exp(-a * a);
    y.copysign(x)
}

/// GELU in its exact (erf) form, as BERT uses it.
#[inline(always)]
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// `row[i] = gelu(row[i] + bias[i])` for one row.
#[inline(always)]
pub(super) fn bias_gelu(row: &mut [f32], bias: &[f32]) {
    for (v, b) in row.iter_mut().zip(bias) {
        *v = gelu(*v + b);
    }
}

/// Lanes of the partial sums and maxima: wide enough for one AVX-512 register, and float
/// reductions only vectorise when written across explicit lanes.
const LANES: usize = 16;

/// Sum of `xs`, vectorised across [`LANES`] partial sums.
#[inline(always)]
fn sum(xs: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    let chunks = xs.chunks_exact(LANES);
    let tail: f32 = chunks.remainder().iter().sum();
    for chunk in chunks {
        for (a, x) in acc.iter_mut().zip(chunk) {
            *a += x;
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Largest element of `xs` (−∞ for an empty slice), vectorised across [`LANES`].
#[inline(always)]
fn max(xs: &[f32]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; LANES];
    let chunks = xs.chunks_exact(LANES);
    let tail = chunks
        .remainder()
        .iter()
        .fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m });
    for chunk in chunks {
        for (a, &x) in acc.iter_mut().zip(chunk) {
            *a = if x > *a { x } else { *a };
        }
    }
    acc.iter().fold(tail, |m, &x| if x > m { x } else { m })
}

/// Softmax of `row[..valid]` in place; the rest of the row (padding keys) becomes 0.
#[inline(always)]
pub(super) fn masked_softmax(row: &mut [f32], valid: usize) {
    let (live, padding) = row.split_at_mut(valid.min(row.len()));
    padding.fill(0.0);
    let max = max(live);
    for v in live.iter_mut() {
        *v = exp(*v - max);
    }
    let inv = 1.0 / sum(live);
    for v in live.iter_mut() {
        *v *= inv;
    }
}

/// `row = layer_norm(row + bias + residual) * gamma + beta` (BERT's post-norm residual step).
#[inline(always)]
pub(super) fn residual_layer_norm(
    row: &mut [f32],
    residual: &[f32],
    bias: &[f32],
    gamma: &[f32],
    beta: &[f32],
    eps: f32,
) {
    for ((v, r), b) in row.iter_mut().zip(residual).zip(bias) {
        *v += r + b;
    }
    layer_norm(row, gamma, beta, eps);
}

/// Layer normalisation of one row in place.
#[inline(always)]
pub(super) fn layer_norm(row: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
    let n = row.len() as f32;
    let mean = sum(row) / n;
    for v in row.iter_mut() {
        *v -= mean;
    }
    let mut acc = [0f32; LANES];
    let chunks = row.chunks_exact(LANES);
    let tail: f32 = chunks.remainder().iter().map(|v| v * v).sum();
    for chunk in chunks {
        for (a, v) in acc.iter_mut().zip(chunk) {
            *a += v * v;
        }
    }
    let var = (acc.iter().sum::<f32>() + tail) / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, g), b) in row.iter_mut().zip(gamma).zip(beta) {
        *v = *v * inv * g + b;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn exp_is_accurate() {
        let mut x = -80.0f32;
        while x < 80.0 {
            let rel = (exp(x) - x.exp()).abs() / x.exp();
            let bound = if x.abs() < 10.0 { 1e-6 } else { 1e-5 };
            assert!(rel < bound, "exp({x}): relative error {rel}");
            x += 0.173;
        }
        assert!(exp(-1000.0) < 1e-37);
    }

    #[test]
    fn gelu_matches_the_erf_form() {
        // Reference values of 0.5·x·(1 + erf(x/√2)).
        for (x, want) in [
            (-3.0f32, -0.004_049_7),
            (-1.0, -0.158_655_26),
            (0.5, 0.345_731_38),
            (2.0, 1.954_499_7),
        ] {
            assert!((gelu(x) - want).abs() < 1e-6, "gelu({x}) = {}", gelu(x));
        }
    }

    #[test]
    fn softmax_ignores_padding() {
        let mut row = [1.0, 2.0, 3.0, 100.0];
        masked_softmax(&mut row, 3);
        let sum: f32 = row.iter().sum();
        assert!((sum - 1.0).abs() < 1e-6);
        assert_eq!(row[3], 0.0);
        assert!((row[2] - 0.665_240_9).abs() < 1e-6);
    }
}
