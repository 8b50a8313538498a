//! Reciprocal rank fusion: merges ranked lists by `sum 1 / (k + rank)`, which needs no score
//! calibration between BM25 and cosine similarity.

use std::collections::HashMap;

/// The usual damping constant: low ranks still count, the top ranks dominate.
pub const RRF_K: f32 = 60.0;

/// Fuses ranked id lists (best first) into one ranking with fused scores, best first; ties
/// are broken by id so the order is deterministic.
pub fn reciprocal_rank_fusion<'a>(lists: &[&'a [String]], k: f32) -> Vec<(&'a str, f32)> {
    let mut scores: HashMap<&'a str, f32> = HashMap::new();
    for list in lists {
        for (rank, id) in list.iter().enumerate() {
            // rank is 0-based; the formula uses 1-based ranks.
            *scores.entry(id.as_str()).or_default() += 1.0 / (k + rank as f32 + 1.0);
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
        let fused = reciprocal_rank_fusion(&[&a, &b], RRF_K);
        assert_eq!(fused[0].0, "both");
        let expected = 2.0 / (RRF_K + 2.0);
        assert!((fused[0].1 - expected).abs() < 1e-6);
    }

    #[test]
    fn ties_break_by_id() {
        let a = ids(&["b"]);
        let b = ids(&["a"]);
        let fused = reciprocal_rank_fusion(&[&a, &b], RRF_K);
        assert_eq!(
            fused.iter().map(|f| f.0).collect::<Vec<_>>(),
            vec!["a", "b"]
        );
    }
}
