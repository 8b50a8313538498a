//! Exact Shapley values of one tree's prediction (TreeSHAP, Lundberg et al. 2018, the
//! path-dependent algorithm): each feature's fair share of `tree(x) − E[tree]`, where a
//! feature left out of a coalition is integrated out by following both children of its splits
//! in proportion to the training rows that went each way. The shares sum exactly to the
//! prediction minus the root value (the row-weighted mean leaf value), and unlike path
//! (Saabas) attribution they do not over-credit the features split on near the root.

use super::tree::RegressionTree;

/// One element of the path of unique features from the root to the current node.
#[derive(Debug, Clone, Copy, Default)]
struct PathElement {
    /// Feature, or `usize::MAX` for the root's placeholder.
    feature: usize,
    /// Share of rows flowing down this path when the feature is left out.
    zero: f64,
    /// 1 when the row itself follows this path, else 0.
    one: f64,
    /// Permutation weight.
    weight: f64,
}

/// What extends the path on entering a node: (zero share, one share, feature).
type Extension = (f64, f64, usize);

impl RegressionTree {
    /// Adds this tree's Shapley values for `row` to `phi`; returns the tree's expected value
    /// (its root value), so that `root + Σ added == predict(row)`.
    pub fn shap(&self, row: &[f64], phi: &mut [f64]) -> f64 {
        if self.nodes.is_empty() {
            return 0.0;
        }
        // Each level keeps its own copy of the path right after its parent's, as in the
        // reference implementation: at most 1 + 2 + … + (depth + 2) elements in all.
        let depth = self.depth();
        let mut paths = vec![PathElement::default(); (depth + 2) * (depth + 3) / 2];
        let mut walk = Walk {
            tree: self,
            row,
            phi,
            paths: &mut paths,
        };
        walk.visit(0, 0, 0, (1.0, 1.0, usize::MAX));
        self.nodes[0].value
    }

    /// Number of splits on the longest root-to-leaf path.
    fn depth(&self) -> usize {
        let mut depths = vec![0usize; self.nodes.len()];
        let mut deepest = 0;
        for (i, node) in self.nodes.iter().enumerate() {
            if let Some(s) = node.split {
                depths[s.left as usize] = depths[i] + 1;
                depths[s.right as usize] = depths[i] + 1;
                deepest = deepest.max(depths[i] + 1);
            }
        }
        deepest
    }
}

/// The state of one TreeSHAP walk.
struct Walk<'t, 'p> {
    tree: &'t RegressionTree,
    row: &'t [f64],
    phi: &'p mut [f64],
    paths: &'p mut [PathElement],
}

impl Walk<'_, '_> {
    /// Visits `node`; its parent's path is `paths[parent..parent + parent_len]`.
    fn visit(&mut self, node: usize, parent: usize, parent_len: usize, extension: Extension) {
        let start = parent + parent_len;
        self.paths.copy_within(parent..start, start);
        let mut len = parent_len;
        extend(&mut self.paths[start..], len, extension);
        len += 1;
        let n = self.tree.nodes[node];
        let Some(split) = n.split else {
            let path = &self.paths[start..start + len];
            for i in 1..len {
                let w = unwound_sum(path, len, i);
                self.phi[path[i].feature] += w * (path[i].one - path[i].zero) * n.value;
            }
            return;
        };
        let (hot, cold) = if goes_left(&split, self.row) {
            (split.left, split.right)
        } else {
            (split.right, split.left)
        };
        let total = f64::from(n.samples).max(1.0);
        let share = |child: u32| f64::from(self.tree.nodes[child as usize].samples) / total;
        let (hot_share, cold_share) = (share(hot), share(cold));
        let (mut in_zero, mut in_one) = (1.0, 1.0);
        let path = &mut self.paths[start..start + len];
        if let Some(k) = path.iter().position(|e| e.feature == split.feature) {
            in_zero = path[k].zero;
            in_one = path[k].one;
            unwind(path, k);
            len -= 1;
        }
        let f = split.feature;
        self.visit(hot as usize, start, len, (hot_share * in_zero, in_one, f));
        self.visit(cold as usize, start, len, (cold_share * in_zero, 0.0, f));
    }
}

fn goes_left(split: &super::tree::NodeSplit, row: &[f64]) -> bool {
    let v = row[split.feature];
    if v.is_nan() {
        split.missing_left
    } else {
        v <= split.threshold
    }
}

/// Appends an element to the path `path[..len]`, updating the permutation weights.
fn extend(path: &mut [PathElement], len: usize, (zero, one, feature): Extension) {
    path[len] = PathElement {
        feature,
        zero,
        one,
        weight: if len == 0 { 1.0 } else { 0.0 },
    };
    let d = len as f64;
    for i in (0..len).rev() {
        let fi = i as f64;
        path[i + 1].weight += one * path[i].weight * (fi + 1.0) / (d + 1.0);
        path[i].weight = zero * path[i].weight * (d - fi) / (d + 1.0);
    }
}

/// Removes element `k` from the whole of `path`, undoing its extension (the caller drops the
/// last slot).
fn unwind(path: &mut [PathElement], k: usize) {
    let depth = path.len() - 1;
    let (one, zero) = (path[k].one, path[k].zero);
    let d = depth as f64;
    let mut next = path[depth].weight;
    for i in (0..depth).rev() {
        let fi = i as f64;
        if one != 0.0 {
            let tmp = path[i].weight;
            path[i].weight = next * (d + 1.0) / ((fi + 1.0) * one);
            next = tmp - path[i].weight * zero * (d - fi) / (d + 1.0);
        } else {
            path[i].weight = path[i].weight * (d + 1.0) / (zero * (d - fi));
        }
    }
    for i in k..depth {
        path[i].feature = path[i + 1].feature;
        path[i].zero = path[i + 1].zero;
        path[i].one = path[i + 1].one;
    }
}

/// Total permutation weight of `path[..len]` if element `k` were unwound.
fn unwound_sum(path: &[PathElement], len: usize, k: usize) -> f64 {
    let depth = len - 1;
    let (one, zero) = (path[k].one, path[k].zero);
    let d = depth as f64;
    let mut next = path[depth].weight;
    let mut total = 0.0;
    for i in (0..depth).rev() {
        let fi = i as f64;
        if one != 0.0 {
            let tmp = next * (d + 1.0) / ((fi + 1.0) * one);
            total += tmp;
            next = path[i].weight - tmp * zero * ((d - fi) / (d + 1.0));
        } else if zero != 0.0 {
            total += (path[i].weight / zero) / ((d - fi) / (d + 1.0));
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::win_probability::tree::{NodeSplit, TreeNode};
    use proptest::prelude::*;

    /// E[tree | features in `known` fixed to `row`]: unknown features' splits are averaged by
    /// the rows that went each way — the value function TreeSHAP's Shapley values are of.
    fn conditional(tree: &RegressionTree, row: &[f64], known: u32, node: usize) -> f64 {
        let n = &tree.nodes[node];
        match n.split {
            None => n.value,
            Some(s) if known & (1 << s.feature) != 0 => {
                let left = row[s.feature] <= s.threshold;
                conditional(
                    tree,
                    row,
                    known,
                    if left { s.left } else { s.right } as usize,
                )
            }
            Some(s) => {
                let (l, r) = (&tree.nodes[s.left as usize], &tree.nodes[s.right as usize]);
                let total = f64::from(l.samples + r.samples);
                (f64::from(l.samples) * conditional(tree, row, known, s.left as usize)
                    + f64::from(r.samples) * conditional(tree, row, known, s.right as usize))
                    / total
            }
        }
    }

    /// Shapley values by enumerating every coalition of `width` features.
    fn brute_force(tree: &RegressionTree, row: &[f64], width: usize) -> Vec<f64> {
        let factorial = |n: usize| (1..=n).map(|k| k as f64).product::<f64>();
        (0..width)
            .map(|f| {
                (0u32..1 << width)
                    .filter(|s| s & (1 << f) == 0)
                    .map(|s| {
                        let size = s.count_ones() as usize;
                        let weight =
                            factorial(size) * factorial(width - size - 1) / factorial(width);
                        weight
                            * (conditional(tree, row, s | (1 << f), 0)
                                - conditional(tree, row, s, 0))
                    })
                    .sum()
            })
            .collect()
    }

    /// A random full tree of the given depth over `width` features (features may repeat).
    fn random_tree(depth: usize, width: usize, picks: &[(usize, f64, u32, f64)]) -> RegressionTree {
        let mut tree = RegressionTree::default();
        let mut next = 0usize;
        build(&mut tree, depth, width, picks, &mut next);
        tree.fill_inner_values();
        tree
    }

    fn build(
        tree: &mut RegressionTree,
        depth: usize,
        width: usize,
        picks: &[(usize, f64, u32, f64)],
        next: &mut usize,
    ) -> u32 {
        let (feature, threshold, samples, value) = picks[*next % picks.len()];
        *next += 1;
        let index = tree.nodes.len();
        tree.nodes.push(TreeNode {
            value,
            samples,
            split: None,
        });
        if depth > 0 {
            let left = build(tree, depth - 1, width, picks, next);
            let right = build(tree, depth - 1, width, picks, next);
            let samples = tree.nodes[left as usize].samples + tree.nodes[right as usize].samples;
            tree.nodes[index].samples = samples;
            tree.nodes[index].split = Some(NodeSplit {
                feature: feature % width,
                threshold,
                missing_left: true,
                left,
                right,
                gain: 1.0,
            });
        }
        index as u32
    }

    proptest! {
        #[test]
        fn tree_shap_matches_brute_force_shapley_values(
            picks in proptest::collection::vec((0usize..4, -1.0f64..1.0, 1u32..50, -2.0f64..2.0), 20),
            row in proptest::collection::vec(-1.0f64..1.0, 4),
            depth in 1usize..4,
        ) {
            let tree = random_tree(depth, 4, &picks);
            let mut phi = vec![0.0; 4];
            let root = tree.shap(&row, &mut phi);
            let exact = brute_force(&tree, &row, 4);
            for f in 0..4 {
                prop_assert!((phi[f] - exact[f]).abs() < 1e-9, "{phi:?} vs {exact:?}");
            }
            let total: f64 = phi.iter().sum();
            prop_assert!((root + total - tree.predict(&row)).abs() < 1e-9);
        }
    }
}
