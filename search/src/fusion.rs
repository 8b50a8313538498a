//! Weighted reciprocal rank fusion: merges ranked lists by `sum weight / (k + rank)`, which
//! needs no score calibration between BM25 and cosine similarity.
//!
//! The embedded backend's settings were chosen on the demo company's labelled queries
//! (`evals/src/retrieval`, sweep in BENCHMARKS.md): equal weights with the customary
//! `k = 60` let passages ranked moderately by both modes push out the exact keyword matches
//! that answer account and rare-topic questions, so hybrid scored below keyword alone; a
//! sharper `k` and a keyword weight of 1.5 keep those matches and still add what only the
//! semantic side finds.

use std::collections::HashMap;

/// The damping constant: the smaller, the more the top ranks of each list dominate.
pub const RRF_K: f32 = 10.0;

/// Weight of the keyword ranking in hybrid mode; the semantic ranking weighs 1.
pub const KEYWORD_WEIGHT: f32 = 1.5;

/// Fuses ranked id lists (best first), each with its weight, into one ranking with fused
/// scores, best first; ties are broken by id so the order is deterministic.
pub fn reciprocal_rank_fusion<'a>(lists: &[(&'a [String], f32)], k: f32) -> Vec<(&'a str, f32)> {
    let mut scores: HashMap<&'a str, f32> = HashMap::new();
    for (list, weight) in lists {
        for (rank, id) in list.iter().enumerate() {
            // rank is 0-based; the formula uses 1-based ranks.
            *scores.entry(id.as_str()).or_default() += weight / (k + rank as f32 + 1.0);
        }
    }
    let mut fused: Vec<(&str, f32)> = scores.into_iter().collect();
    fused.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    fused
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_item_high_in_both_lists_beats_one_top_in_a_single_list() {
        let a = ids(&["x", "both", "y"]);
        let b = ids(&["z", "both", "w"]);
        let fused = reciprocal_rank_fusion(&[(&a, 1.0), (&b, 1.0)], 60.0);
        assert_eq!(fused[0].0, "both");
        let expected = 2.0 / (60.0 + 2.0);
        assert!((fused[0].1 - expected).abs() < 1e-6);
    }

    #[test]
    fn a_heavier_list_wins_a_tie_of_ranks() {
        let a = ids(&["keyword-first"]);
        let b = ids(&["semantic-first"]);
        let fused = reciprocal_rank_fusion(&[(&a, KEYWORD_WEIGHT), (&b, 1.0)], RRF_K);
        assert_eq!(fused[0].0, "keyword-first");
        assert!((fused[0].1 - KEYWORD_WEIGHT / (RRF_K + 1.0)).abs() < 1e-6);
    }

    #[test]
    fn ties_break_by_id() {
        let a = ids(&["b"]);
        let b = ids(&["a"]);
        let fused = reciprocal_rank_fusion(&[(&a, 1.0), (&b, 1.0)], RRF_K);
        assert_eq!(
            fused.iter().map(|f| f.0).collect::<Vec<_>>(),
            vec!["a", "b"]
        );
    }
}
