//! The direct solve of the absorbing chain, for chains small enough to hold densely (a few
//! hundred keys): one LU factorisation of `I - Q` gives the absorption values `h` and every
//! column of the fundamental matrix `G = (I - Q)⁻¹`, and with them every removal effect at
//! once. Removing key `k` loses exactly the conversions of the paths that hit `k`:
//! `P(hit k from start) = G[start][k] / G[k][k]`, so the value left is
//! `h[start] - G[start][k] / G[k][k] · h[k]`.

use super::chain::Chain;

/// Largest number of transient states solved densely.
pub(crate) const DIRECT_LIMIT: usize = 512;

/// `LU = P(I - Q)` with partial pivoting, row-major.
struct Lu {
    n: usize,
    lu: Vec<f64>,
    pivot: Vec<usize>,
}

impl Lu {
    /// Factors `I - Q`; `None` when a pivot vanishes (a state that never leaves).
    fn factor(chain: &Chain) -> Option<Self> {
        let n = chain.states();
        let mut lu = vec![0.0f64; n * n];
        for i in 0..n {
            lu[i * n + i] = 1.0;
            for (j, p) in chain.row(i as u32) {
                lu[i * n + j as usize] -= p;
            }
        }
        let mut pivot: Vec<usize> = (0..n).collect();
        for col in 0..n {
            let best =
                (col..n).max_by(|a, b| lu[a * n + col].abs().total_cmp(&lu[b * n + col].abs()))?;
            if lu[best * n + col].abs() < 1e-300 {
                return None;
            }
            if best != col {
                for c in 0..n {
                    lu.swap(best * n + c, col * n + c);
                }
                pivot.swap(best, col);
            }
            let head = lu[col * n + col];
            for row in col + 1..n {
                let factor = lu[row * n + col] / head;
                lu[row * n + col] = factor;
                if factor != 0.0 {
                    for c in col + 1..n {
                        lu[row * n + c] -= factor * lu[col * n + c];
                    }
                }
            }
        }
        Some(Self { n, lu, pivot })
    }

    /// Solves `(I - Q) x = b` in place.
    fn solve(&self, b: &mut [f64]) {
        let n = self.n;
        let permuted: Vec<f64> = self.pivot.iter().map(|p| b[*p]).collect();
        b.copy_from_slice(&permuted);
        for row in 0..n {
            let s: f64 = (0..row).map(|c| self.lu[row * n + c] * b[c]).sum();
            b[row] -= s;
        }
        for row in (0..n).rev() {
            let s: f64 = (row + 1..n).map(|c| self.lu[row * n + c] * b[c]).sum();
            b[row] = (b[row] - s) / self.lu[row * n + row];
        }
    }
}

/// The full chain's value at the start and every key's removal effect, both for conversions
/// and for value; `None` when the chain is too large or degenerate for the dense solve.
pub(crate) fn direct_removal_effects(chain: &Chain) -> Option<([f64; 2], Vec<[f64; 2]>)> {
    let n = chain.states();
    if n > DIRECT_LIMIT {
        return None;
    }
    let lu = Lu::factor(chain)?;
    let mut h = [Vec::new(), Vec::new()];
    for (c, values) in h.iter_mut().enumerate() {
        *values = chain.reward.iter().map(|r| r[c]).collect();
        lu.solve(values);
    }
    let start = [h[0][0], h[1][0]];
    let mut column = vec![0.0f64; n];
    let mut effects = Vec::with_capacity(n - 1);
    for k in 1..n {
        column.fill(0.0);
        column[k] = 1.0;
        lu.solve(&mut column);
        let hit = if column[k] > 0.0 {
            column[0] / column[k]
        } else {
            0.0
        };
        let effect = |c: usize| {
            if start[c] > 0.0 {
                (hit * h[c][k] / start[c]).clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        effects.push([effect(0), effect(1)]);
    }
    Some((start, effects))
}
