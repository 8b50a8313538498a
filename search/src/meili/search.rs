//! One search: the query sent for each mode and the hits built from the answer.

use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::{SearchQuery, SearchResult, Selectors};
use serde_json::Value;

use super::documents::{CHUNK_ID_FIELD, METADATA_FIELD, StoredPassage, TEXT_FIELD};
use super::snippet::{
    HIGHLIGHT_POST, HIGHLIGHT_PRE, ranges_from_formatted, ranges_from_positions, snippet,
};
use crate::request::{SearchHit, SearchMode};

/// Attributes a hit brings back.
const RETRIEVED: [&str; 3] = [CHUNK_ID_FIELD, TEXT_FIELD, METADATA_FIELD];
/// Attributes highlighted in `_formatted`.
const HIGHLIGHTED: [&str; 1] = [TEXT_FIELD];

/// What varies between searches.
pub(crate) struct QueryPlan<'a> {
    /// The words searched for.
    pub query: &'a str,
    /// Most hits wanted.
    pub limit: usize,
    /// The Meilisearch filter, if any.
    pub filter: Option<&'a str>,
    /// The embedder and semantic ratio, for semantic and hybrid searches.
    pub hybrid: Option<(&'a str, f32)>,
    /// The query's embedding, for semantic and hybrid searches.
    pub vector: Option<&'a [f32]>,
}

/// The semantic ratio of `mode`: `None` for keyword search, 1.0 for semantic search,
/// `hybrid_ratio` for hybrid search.
pub(crate) fn semantic_ratio(mode: SearchMode, hybrid_ratio: f32) -> Option<f32> {
    match mode {
        SearchMode::Keyword => None,
        SearchMode::Semantic => Some(1.0),
        SearchMode::Hybrid => Some(hybrid_ratio),
    }
}

/// The Meilisearch query for `plan`: ranking scores, the `text` highlighted with the
/// private-use tags, and match positions as a fallback.
pub(crate) fn build_query<'a>(
    index: &'a Index,
    plan: &QueryPlan<'a>,
) -> SearchQuery<'a, meilisearch_sdk::DefaultHttpClient> {
    let mut query = SearchQuery::new(index);
    query
        .with_query(plan.query)
        .with_limit(plan.limit)
        .with_attributes_to_retrieve(Selectors::Some(&RETRIEVED))
        .with_attributes_to_highlight(Selectors::Some(&HIGHLIGHTED))
        .with_highlight_pre_tag(HIGHLIGHT_PRE)
        .with_highlight_post_tag(HIGHLIGHT_POST)
        .with_show_matches_position(true)
        .with_show_ranking_score(true);
    if let Some(filter) = plan.filter {
        query.with_filter(filter);
    }
    if let Some((embedder, ratio)) = plan.hybrid {
        query.with_hybrid(embedder, ratio);
    }
    if let Some(vector) = plan.vector {
        query.with_vector(vector);
    }
    query
}

/// A Meilisearch hit as a [`SearchHit`]; `rank` (from 0) stands in for the score when the
/// server sent none.
pub(crate) fn to_hit(hit: SearchResult<StoredPassage>, rank: usize) -> SearchHit {
    let passage = hit.result;
    let formatted = hit
        .formatted_result
        .as_ref()
        .and_then(|f| f.get(TEXT_FIELD))
        .and_then(Value::as_str)
        .and_then(|f| ranges_from_formatted(&passage.text, f, HIGHLIGHT_PRE, HIGHLIGHT_POST));
    let ranges = formatted
        .or_else(|| {
            hit.matches_position
                .as_ref()
                .and_then(|m| m.get(TEXT_FIELD))
                .map(|positions| ranges_from_positions(&passage.text, positions))
        })
        .unwrap_or_default();
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let score = hit
        .ranking_score
        .map_or(1.0 / (1.0 + rank as f32), |s| s as f32);
    SearchHit {
        chunk_id: passage.chunk_id,
        score,
        snippet: snippet(&passage.text, &ranges),
        metadata: passage.metadata,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_has_its_ratio() {
        assert_eq!(semantic_ratio(SearchMode::Keyword, 0.5), None);
        assert_eq!(semantic_ratio(SearchMode::Semantic, 0.5), Some(1.0));
        assert_eq!(semantic_ratio(SearchMode::Hybrid, 0.3), Some(0.3));
    }

    #[test]
    fn the_query_body_asks_for_scores_highlights_and_the_vector() {
        let client =
            meilisearch_sdk::client::Client::new("http://127.0.0.1:1", None::<String>).unwrap();
        let index = client.index("passages");
        let vector = [0.25_f32, -0.5];
        let plan = QueryPlan {
            query: "pricing",
            limit: 7,
            filter: Some(r#"region IN ["emea"]"#),
            hybrid: Some(("minilm", 1.0)),
            vector: Some(&vector),
        };
        let body = serde_json::to_value(build_query(&index, &plan)).unwrap();
        assert_eq!(body["q"], "pricing");
        assert_eq!(body["limit"], 7);
        assert_eq!(body["filter"], r#"region IN ["emea"]"#);
        assert_eq!(
            body["hybrid"],
            serde_json::json!({"embedder": "minilm", "semanticRatio": 1.0})
        );
        assert_eq!(body["vector"], serde_json::json!([0.25, -0.5]));
        assert_eq!(body["showRankingScore"], true);
        assert_eq!(body["showMatchesPosition"], true);
        assert_eq!(body["attributesToHighlight"], serde_json::json!(["text"]));
        assert_eq!(
            body["attributesToRetrieve"],
            serde_json::json!(["chunk_id", "text", "metadata"])
        );
        assert_eq!(body["highlightPreTag"], "\u{E000}");
    }
}
