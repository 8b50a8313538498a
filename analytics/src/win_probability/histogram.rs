//! Gradient histograms of a tree node and the search for its best split: per feature, the
//! sums of gradients, hessians and rows in each bin; a split's gain is the second-order
//! (Newton) reduction of the L2-regularised logistic loss, tried with missing values on
//! either side.

use super::binning::{BinnedColumns, MISSING_BIN};

/// Sums over the rows of one bin (or one node).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct GradientSums {
    /// Sum of first derivatives of the loss.
    pub grad: f64,
    /// Sum of second derivatives.
    pub hess: f64,
    /// Number of rows.
    pub count: u32,
}

impl GradientSums {
    fn add(&mut self, grad: f64, hess: f64) {
        self.grad += grad;
        self.hess += hess;
        self.count += 1;
    }

    fn plus(self, o: Self) -> Self {
        Self {
            grad: self.grad + o.grad,
            hess: self.hess + o.hess,
            count: self.count + o.count,
        }
    }

    fn minus(self, o: Self) -> Self {
        Self {
            grad: self.grad - o.grad,
            hess: self.hess - o.hess,
            count: self.count.saturating_sub(o.count),
        }
    }

    /// The regularised Newton objective `G² / (H + λ)` (twice the loss reduction).
    fn score(self, l2: f64) -> f64 {
        self.grad * self.grad / (self.hess + l2)
    }
}

/// Per-feature bin sums of one node; each feature's missing bin sits after its value bins.
#[derive(Debug, Clone)]
pub(crate) struct Histogram {
    offsets: Vec<usize>,
    sums: Vec<GradientSums>,
}

impl Histogram {
    /// Accumulates the rows `rows` of the binned matrix.
    pub fn build(binned: &BinnedColumns, rows: &[u32], grad: &[f64], hess: &[f64]) -> Self {
        let mut offsets = Vec::with_capacity(binned.bins.len() + 1);
        let mut total = 0;
        for b in &binned.bins {
            offsets.push(total);
            total += b.value_bins() + 1;
        }
        offsets.push(total);
        let mut sums = vec![GradientSums::default(); total];
        for (f, column) in binned.columns.iter().enumerate() {
            let missing = offsets[f + 1] - 1;
            let slots = &mut sums[offsets[f]..offsets[f + 1]];
            let base = offsets[f];
            for &r in rows {
                let r = r as usize;
                let bin = column[r];
                let slot = if bin == MISSING_BIN {
                    missing - base
                } else {
                    bin as usize
                };
                slots[slot].add(grad[r], hess[r]);
            }
        }
        Self { offsets, sums }
    }

    /// The histogram of the rows in `self` but not in `child` (the sibling of `child`).
    pub fn minus(&self, child: &Histogram) -> Self {
        Self {
            offsets: self.offsets.clone(),
            sums: self
                .sums
                .iter()
                .zip(&child.sums)
                .map(|(a, b)| a.minus(*b))
                .collect(),
        }
    }

    /// Value bins and the missing bin of feature `f`.
    fn feature(&self, f: usize) -> (&[GradientSums], GradientSums) {
        let (lo, hi) = (self.offsets[f], self.offsets[f + 1]);
        (&self.sums[lo..hi - 1], self.sums[hi - 1])
    }
}

/// The limits a split must respect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SplitRules {
    /// L2 penalty on leaf values.
    pub l2: f64,
    /// Fewest rows on each side.
    pub min_samples_leaf: u32,
    /// Smallest hessian sum on each side (keeps leaf values finite).
    pub min_hessian: f64,
    /// Smallest gain worth a split.
    pub min_gain: f64,
}

/// The best split of a node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SplitChoice {
    /// Feature split on.
    pub feature: usize,
    /// Rows with bin `<= bin` go left.
    pub bin: usize,
    /// Missing values go left.
    pub missing_left: bool,
    /// Loss reduction.
    pub gain: f64,
    /// Sums of the left child.
    pub left: GradientSums,
    /// Sums of the right child.
    pub right: GradientSums,
}

/// The best split over every feature and threshold, or `None` when nothing beats
/// `rules.min_gain`. Ties keep the earliest feature and threshold, so the choice is
/// deterministic.
pub(crate) fn best_split(
    hist: &Histogram,
    node: GradientSums,
    rules: &SplitRules,
) -> Option<SplitChoice> {
    let parent = node.score(rules.l2);
    let mut best: Option<SplitChoice> = None;
    for f in 0..hist.offsets.len() - 1 {
        let (bins, missing) = hist.feature(f);
        let mut left = GradientSums::default();
        for (bin, sums) in bins.iter().enumerate() {
            left = left.plus(*sums);
            let last = bin + 1 == bins.len();
            // After the last value bin only "values left, missing right" is a split.
            let sides: &[bool] = match (missing.count > 0, last) {
                (true, false) => &[false, true],
                (false, false) | (true, true) => &[false],
                (false, true) => &[],
            };
            for &missing_left in sides {
                let l = if missing_left {
                    left.plus(missing)
                } else {
                    left
                };
                let r = node.minus(l);
                if !allowed(l, r, rules) {
                    continue;
                }
                let gain = 0.5 * (l.score(rules.l2) + r.score(rules.l2) - parent);
                if gain > rules.min_gain && best.is_none_or(|b| gain > b.gain) {
                    best = Some(SplitChoice {
                        feature: f,
                        bin,
                        missing_left,
                        gain,
                        left: l,
                        right: r,
                    });
                }
            }
        }
    }
    best
}

fn allowed(l: GradientSums, r: GradientSums, rules: &SplitRules) -> bool {
    l.count >= rules.min_samples_leaf
        && r.count >= rules.min_samples_leaf
        && l.hess >= rules.min_hessian
        && r.hess >= rules.min_hessian
}
