//! Ranking metrics over binary relevance.
//!
//! With `R` the relevant set and `top` the first `k` ids returned:
//! - **recall@k** = `|R ∩ top| / min(|R|, k)`: the share of the hits that *could* be relevant
//!   that are. It reaches 1 when the top k is as good as possible, even when `|R| > k` (for a
//!   broad question like "which customers pushed back on price?" no list of 10 holds every
//!   answer, and plain recall would cap at `10 / |R|`).
//! - **plain recall** = `|R ∩ top| / |R|`: the share of all relevant chunks found in the top k.
//! - **nDCG@k** with binary gains: `DCG = Σ_{i=1..k} rel_i / log2(i + 1)`, divided by the ideal
//!   DCG of `min(|R|, k)` relevant hits at the top.

use std::collections::BTreeSet;

/// The three figures for one ranked list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankScores {
    /// recall@k, capped at `min(|R|, k)` (see the module documentation).
    pub recall_at_k: f64,
    /// `|R ∩ top k| / |R|`.
    pub recall: f64,
    /// nDCG@k with binary gains.
    pub ndcg_at_k: f64,
}

/// Scores the first `k` of `ranked` (best first) against `relevant`. An empty relevant set
/// scores 0 everywhere; a repeated id counts once.
pub fn score_ranking(ranked: &[String], relevant: &BTreeSet<String>, k: usize) -> RankScores {
    if relevant.is_empty() || k == 0 {
        return RankScores {
            recall_at_k: 0.0,
            recall: 0.0,
            ndcg_at_k: 0.0,
        };
    }
    let mut seen = BTreeSet::new();
    let mut found = 0usize;
    let mut dcg = 0.0;
    for (i, id) in ranked.iter().take(k).enumerate() {
        if relevant.contains(id) && seen.insert(id.as_str()) {
            found += 1;
            dcg += discount(i);
        }
    }
    let ideal_hits = relevant.len().min(k);
    let ideal: f64 = (0..ideal_hits).map(discount).sum();
    RankScores {
        recall_at_k: found as f64 / ideal_hits as f64,
        recall: found as f64 / relevant.len() as f64,
        ndcg_at_k: dcg / ideal,
    }
}

/// `1 / log2(rank + 1)` for the 0-based position `i` (rank `i + 1`).
fn discount(i: usize) -> f64 {
    1.0 / ((i + 2) as f64).log2()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    fn list(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_perfect_ranking_scores_one() {
        let s = score_ranking(&list(&["a", "b", "x"]), &set(&["a", "b"]), 3);
        assert_eq!(s.recall_at_k, 1.0);
        assert_eq!(s.recall, 1.0);
        assert!((s.ndcg_at_k - 1.0).abs() < 1e-12);
    }

    #[test]
    fn recall_at_k_is_capped_by_k_but_plain_recall_is_not() {
        let relevant = set(&["a", "b", "c", "d"]);
        let s = score_ranking(&list(&["a", "b"]), &relevant, 2);
        assert_eq!(s.recall_at_k, 1.0);
        assert_eq!(s.recall, 0.5);
        assert!((s.ndcg_at_k - 1.0).abs() < 1e-12);
    }

    #[test]
    fn ndcg_rewards_relevant_hits_higher_up() {
        let relevant = set(&["a"]);
        let top = score_ranking(&list(&["a", "x", "y"]), &relevant, 3);
        let low = score_ranking(&list(&["x", "y", "a"]), &relevant, 3);
        assert!((top.ndcg_at_k - 1.0).abs() < 1e-12);
        assert!((low.ndcg_at_k - 0.5).abs() < 1e-12);
        assert_eq!(low.recall_at_k, 1.0);
    }

    #[test]
    fn hits_past_k_and_repeats_do_not_count() {
        let relevant = set(&["a", "b"]);
        let s = score_ranking(&list(&["a", "a", "x", "b"]), &relevant, 3);
        assert_eq!(s.recall_at_k, 0.5);
        assert_eq!(s.recall, 0.5);
    }

    #[test]
    fn nothing_relevant_scores_zero() {
        let s = score_ranking(&list(&["a"]), &BTreeSet::new(), 10);
        assert_eq!(s.recall_at_k, 0.0);
        assert_eq!(s.ndcg_at_k, 0.0);
    }
}
