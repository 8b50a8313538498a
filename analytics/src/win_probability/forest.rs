//! The scoring layout of a boosted model: every tree's nodes in one flat array of small
//! fixed-size (24-byte) records with absolute child indices, which keeps the fast
//! probability path to a tight loop over memory that fits in cache.

use serde::{Deserialize, Serialize};

use super::boosting::BoostedTrees;
use super::features::FEATURE_COUNT;

/// Feature index marking a leaf.
const LEAF: u32 = u32::MAX;
/// Rows walked through a tree together.
const LANES: usize = 8;

/// One node: a split (feature, threshold, where missing values go, children) or a leaf (its
/// value in `threshold_or_value`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct FlatNode {
    threshold_or_value: f64,
    feature: u32,
    left: u32,
    right: u32,
    missing_left: bool,
}

/// All trees of a boosted model, flattened for scoring.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(crate) struct CompactForest {
    init: f64,
    roots: Vec<u32>,
    nodes: Vec<FlatNode>,
}

impl CompactForest {
    /// Flattens a model.
    pub fn new(model: &BoostedTrees) -> Self {
        let mut forest = Self {
            init: model.init,
            roots: Vec::with_capacity(model.trees.len()),
            nodes: Vec::new(),
        };
        for tree in &model.trees {
            let offset = forest.nodes.len() as u32;
            forest.roots.push(offset);
            for node in &tree.nodes {
                forest.nodes.push(match node.split {
                    Some(s) => FlatNode {
                        threshold_or_value: s.threshold,
                        feature: s.feature as u32,
                        left: offset + s.left,
                        right: offset + s.right,
                        missing_left: s.missing_left,
                    },
                    None => FlatNode {
                        threshold_or_value: node.value,
                        feature: LEAF,
                        left: 0,
                        right: 0,
                        missing_left: false,
                    },
                });
            }
        }
        forest
    }

    /// Raw log-odds of many rows: rows are walked through each tree in blocks of
    /// [`LANES`], in lockstep, so the memory loads of independent walks overlap.
    pub fn raw_scores(&self, rows: &[[f64; FEATURE_COUNT]]) -> Vec<f64> {
        let mut out = Vec::with_capacity(rows.len());
        for block in rows.chunks(LANES) {
            let mut totals = [self.init; LANES];
            for &root in &self.roots {
                let mut at = [root as usize; LANES];
                let mut walking = true;
                while walking {
                    walking = false;
                    for (lane, row) in block.iter().enumerate() {
                        let node = self.nodes[at[lane]];
                        if node.feature != LEAF {
                            at[lane] = next(&node, row);
                            walking = true;
                        }
                    }
                }
                for lane in 0..block.len() {
                    totals[lane] += self.nodes[at[lane]].threshold_or_value;
                }
            }
            out.extend_from_slice(&totals[..block.len()]);
        }
        out
    }

    /// Raw log-odds of a row.
    pub fn raw_score(&self, row: &[f64]) -> f64 {
        let mut total = self.init;
        for &root in &self.roots {
            let mut index = root as usize;
            loop {
                let node = self.nodes[index];
                if node.feature == LEAF {
                    total += node.threshold_or_value;
                    break;
                }
                index = next(&node, row);
            }
        }
        total
    }
}

/// The child of split `node` that `row` goes to.
fn next(node: &FlatNode, row: &[f64]) -> usize {
    let v = row[node.feature as usize];
    let left = if v.is_nan() {
        node.missing_left
    } else {
        v <= node.threshold_or_value
    };
    (if left { node.left } else { node.right }) as usize
}
