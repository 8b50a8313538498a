//! One regression tree of the boosted model, stored flat, with the value and training-row count
//! of every node — not just the leaves — which is what explaining a prediction needs: the root
//! value is the tree's expected output, and the counts weight the branches a left-out feature
//! would have taken (see `tree_shap`).

use serde::{Deserialize, Serialize};

/// A split: rows with `value <= threshold` go left; missing values go where `missing_left` says.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct NodeSplit {
    /// Feature (matrix column) tested.
    pub feature: usize,
    /// Largest value sent left.
    pub threshold: f64,
    /// Where missing values go.
    pub missing_left: bool,
    /// Left child index.
    pub left: u32,
    /// Right child index.
    pub right: u32,
    /// Loss reduction of the split on the training rows (for importances).
    pub gain: f64,
}

/// A node: its value (a leaf's output, or for an inner node the row-weighted mean of the leaf
/// outputs below it) and its split, if any.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct TreeNode {
    /// Log-odds this node contributes (leaf) or would contribute on average (inner node).
    pub value: f64,
    /// Training rows that reached it.
    pub samples: u32,
    /// The split, for inner nodes.
    pub split: Option<NodeSplit>,
}

/// A regression tree; node 0 is the root, children come after their parent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct RegressionTree {
    /// Nodes, root first.
    pub nodes: Vec<TreeNode>,
}

impl RegressionTree {
    /// The leaf value `row` lands in.
    pub fn predict(&self, row: &[f64]) -> f64 {
        let mut index = 0usize;
        loop {
            let node = &self.nodes[index];
            match &node.split {
                None => return node.value,
                Some(split) => index = next(split, row) as usize,
            }
        }
    }

    /// Multiplies every node value by `factor` (a shorter step along the same direction).
    pub fn scale(&mut self, factor: f64) {
        for node in &mut self.nodes {
            node.value *= factor;
        }
    }

    /// Sets each inner node's value to the row-weighted mean of its children, bottom-up.
    pub fn fill_inner_values(&mut self) {
        for i in (0..self.nodes.len()).rev() {
            if let Some(split) = self.nodes[i].split {
                let (l, r) = (
                    self.nodes[split.left as usize],
                    self.nodes[split.right as usize],
                );
                let n = f64::from(l.samples) + f64::from(r.samples);
                if n > 0.0 {
                    self.nodes[i].value =
                        (l.value * f64::from(l.samples) + r.value * f64::from(r.samples)) / n;
                }
            }
        }
    }

    /// Adds each split's gain to its feature's entry.
    pub fn add_gains(&self, gains: &mut [f64]) {
        for split in self.nodes.iter().filter_map(|n| n.split) {
            gains[split.feature] += split.gain;
        }
    }
}

fn next(split: &NodeSplit, row: &[f64]) -> u32 {
    let v = row[split.feature];
    let left = if v.is_nan() {
        split.missing_left
    } else {
        v <= split.threshold
    };
    if left { split.left } else { split.right }
}
