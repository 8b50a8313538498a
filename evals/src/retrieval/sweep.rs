//! Offline tuning of hybrid fusion: the keyword and semantic rankings of every query are
//! fetched once, then fused by (weighted) reciprocal rank at several candidate depths, damping
//! constants and keyword weights, with the embedded backend's own fusion
//! (`revpulse_search::fusion::reciprocal_rank_fusion`).

use revpulse_search::{MAX_LIMIT, RetrievalScope, SearchIndex, SearchMode, SearchRequest};
use serde::Serialize;

use super::{LabelledQuery, MeanScores, RetrievalEvalError, score_ranking};

/// One fusion setting's figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FusionPoint {
    /// Candidates taken from each side before fusion.
    pub depth: usize,
    /// The RRF damping constant.
    pub rrf_k: f32,
    /// Weight of the keyword list; the semantic list weighs 1.
    pub keyword_weight: f32,
    /// Means over all queries of the fused top `k`.
    pub scores: MeanScores,
}

/// Fuses each query's keyword and semantic rankings for every `depths` × `rrf_ks` ×
/// `keyword_weights` setting and scores the fused top `k`. Depths above [`MAX_LIMIT`] are
/// clamped to it.
pub async fn fusion_sweep(
    index: &dyn SearchIndex,
    queries: &[LabelledQuery],
    k: usize,
    depths: &[usize],
    rrf_ks: &[f32],
    keyword_weights: &[f32],
) -> Result<Vec<FusionPoint>, RetrievalEvalError> {
    let deepest = depths
        .iter()
        .copied()
        .max()
        .unwrap_or(k)
        .clamp(k, MAX_LIMIT);
    let mut rankings = Vec::with_capacity(queries.len());
    for query in queries {
        let mut ranked = Vec::with_capacity(2);
        for mode in [SearchMode::Keyword, SearchMode::Semantic] {
            let request = SearchRequest::new(query.text.clone(), RetrievalScope::Unrestricted)
                .mode(mode)
                .limit(deepest);
            let hits =
                index
                    .search(&request)
                    .await
                    .map_err(|source| RetrievalEvalError::Search {
                        query: query.id.clone(),
                        source,
                    })?;
            ranked.push(
                hits.into_iter()
                    .map(|h| h.chunk_id)
                    .collect::<Vec<String>>(),
            );
        }
        rankings.push(ranked);
    }
    let mut out = Vec::new();
    for &depth in depths {
        let depth = depth.clamp(1, MAX_LIMIT);
        for &rrf_k in rrf_ks {
            for &keyword_weight in keyword_weights {
                let scores: Vec<_> = queries
                    .iter()
                    .zip(&rankings)
                    .map(|(query, ranked)| {
                        let words = &ranked[0][..depth.min(ranked[0].len())];
                        let meaning = &ranked[1][..depth.min(ranked[1].len())];
                        let fused: Vec<String> = revpulse_search::fusion::reciprocal_rank_fusion(
                            &[(words, keyword_weight), (meaning, 1.0)],
                            rrf_k,
                        )
                        .into_iter()
                        .take(k)
                        .map(|(id, _)| id.to_string())
                        .collect();
                        score_ranking(&fused, &query.relevant, k)
                    })
                    .collect();
                out.push(FusionPoint {
                    depth,
                    rrf_k,
                    keyword_weight,
                    scores: MeanScores::of(scores.iter()),
                });
            }
        }
    }
    Ok(out)
}
