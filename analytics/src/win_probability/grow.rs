//! Growing one tree from gradients, leaf by leaf: the leaf whose best split gains most is split
//! next (best-first, as LightGBM and scikit-learn's histogram booster do), until the leaf
//! budget, the depth limit or the minimum gain stops it. The smaller child's histogram is
//! built from its rows, the larger one's by subtraction from the parent.

use super::binning::{BinnedColumns, MISSING_BIN};
use super::histogram::{GradientSums, Histogram, SplitChoice, SplitRules, best_split};
use super::tree::{NodeSplit, RegressionTree, TreeNode};

/// The shape limits and step of one tree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GrowthLimits {
    /// Most leaves.
    pub max_leaves: usize,
    /// Deepest leaf (root = depth 0).
    pub max_depth: usize,
    /// Shrinkage applied to every leaf value.
    pub learning_rate: f64,
    /// What a split must satisfy.
    pub rules: SplitRules,
}

/// A grown tree and where the training rows ended up.
#[derive(Debug, Clone)]
pub(crate) struct GrownTree {
    /// The tree.
    pub tree: RegressionTree,
    /// Each leaf's node index and its rows' range in the partitioned row list.
    pub leaves: Vec<(usize, std::ops::Range<usize>)>,
}

/// A leaf that may still be split.
struct OpenLeaf {
    node: usize,
    rows: std::ops::Range<usize>,
    depth: usize,
    /// Its best split and histogram; `None` once nothing can split it.
    candidate: Option<(SplitChoice, Histogram)>,
}

/// Grows a tree on `rows` (indices into the binned matrix and gradient arrays); `rows` is
/// reordered so each leaf's rows are contiguous.
pub(crate) fn grow(
    binned: &BinnedColumns,
    grad: &[f64],
    hess: &[f64],
    rows: &mut [u32],
    limits: &GrowthLimits,
) -> GrownTree {
    let mut sums = GradientSums::default();
    for &r in rows.iter() {
        sums.grad += grad[r as usize];
        sums.hess += hess[r as usize];
    }
    sums.count = rows.len() as u32;
    let hist = Histogram::build(binned, rows, grad, hess);
    let mut tree = RegressionTree {
        nodes: vec![leaf_node(sums, limits)],
    };
    let mut leaves = vec![open_leaf(0, 0..rows.len(), 0, hist, sums, limits)];
    let mut done: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    while leaves.len() + done.len() < limits.max_leaves.max(1) {
        let Some(pick) = best_leaf(&leaves) else {
            break;
        };
        let parent = leaves.swap_remove(pick);
        let Some((split, hist)) = parent.candidate else {
            done.push((parent.node, parent.rows));
            continue;
        };
        let (left, right) = split_leaf(
            binned,
            (grad, hess),
            rows,
            (&parent.rows, parent.node, parent.depth),
            (split, hist),
            &mut tree,
            limits,
        );
        for child in [left, right] {
            if child.candidate.is_some() {
                leaves.push(child);
            } else {
                done.push((child.node, child.rows));
            }
        }
    }
    done.extend(leaves.into_iter().map(|l| (l.node, l.rows)));
    done.sort_by_key(|(node, _)| *node);
    tree.fill_inner_values();
    GrownTree { tree, leaves: done }
}

/// The splittable leaf with the largest gain (ties: the earliest node).
fn best_leaf(leaves: &[OpenLeaf]) -> Option<usize> {
    let mut best: Option<(usize, f64, usize)> = None;
    for (i, leaf) in leaves.iter().enumerate() {
        if let Some((s, _)) = &leaf.candidate {
            let better = best.is_none_or(|(_, gain, node)| {
                s.gain > gain || (s.gain == gain && leaf.node < node)
            });
            if better {
                best = Some((i, s.gain, leaf.node));
            }
        }
    }
    best.map(|(i, _, _)| i)
}

fn leaf_node(sums: GradientSums, limits: &GrowthLimits) -> TreeNode {
    TreeNode {
        value: -limits.learning_rate * sums.grad / (sums.hess + limits.rules.l2),
        samples: sums.count,
        split: None,
    }
}

fn open_leaf(
    node: usize,
    rows: std::ops::Range<usize>,
    depth: usize,
    hist: Histogram,
    sums: GradientSums,
    limits: &GrowthLimits,
) -> OpenLeaf {
    let split = if depth < limits.max_depth {
        best_split(&hist, sums, &limits.rules)
    } else {
        None
    };
    OpenLeaf {
        node,
        rows,
        depth,
        candidate: split.map(|s| (s, hist)),
    }
}

/// Splits a leaf (its rows, node index and depth) by `split`: partitions its rows, adds both
/// children to the tree and prepares them.
fn split_leaf(
    binned: &BinnedColumns,
    (grad, hess): (&[f64], &[f64]),
    rows: &mut [u32],
    (range, node, depth): (&std::ops::Range<usize>, usize, usize),
    (split, parent_hist): (SplitChoice, Histogram),
    tree: &mut RegressionTree,
    limits: &GrowthLimits,
) -> (OpenLeaf, OpenLeaf) {
    let mid = partition(binned, &mut rows[range.clone()], &split) + range.start;
    let left_rows = range.start..mid;
    let right_rows = mid..range.end;
    let (left_hist, right_hist) = if left_rows.len() <= right_rows.len() {
        let small = Histogram::build(binned, &rows[left_rows.clone()], grad, hess);
        let large = parent_hist.minus(&small);
        (small, large)
    } else {
        let small = Histogram::build(binned, &rows[right_rows.clone()], grad, hess);
        let large = parent_hist.minus(&small);
        (large, small)
    };
    let left_node = tree.nodes.len();
    tree.nodes.push(leaf_node(split.left, limits));
    tree.nodes.push(leaf_node(split.right, limits));
    tree.nodes[node].split = Some(NodeSplit {
        feature: split.feature,
        threshold: binned.bins[split.feature].threshold(split.bin),
        missing_left: split.missing_left,
        left: left_node as u32,
        right: left_node as u32 + 1,
        gain: split.gain,
    });
    (
        open_leaf(
            left_node,
            left_rows,
            depth + 1,
            left_hist,
            split.left,
            limits,
        ),
        open_leaf(
            left_node + 1,
            right_rows,
            depth + 1,
            right_hist,
            split.right,
            limits,
        ),
    )
}

/// Stable partition of `rows`: those going left first; returns how many go left.
fn partition(binned: &BinnedColumns, rows: &mut [u32], split: &SplitChoice) -> usize {
    let column = &binned.columns[split.feature];
    let goes_left = |r: u32| {
        let bin = column[r as usize];
        if bin == MISSING_BIN {
            split.missing_left
        } else {
            bin as usize <= split.bin
        }
    };
    let (left, right): (Vec<u32>, Vec<u32>) = rows.iter().partition(|&&r| goes_left(r));
    let n = left.len();
    rows[..n].copy_from_slice(&left);
    rows[n..].copy_from_slice(&right);
    n
}
