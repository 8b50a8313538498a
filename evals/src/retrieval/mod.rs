//! Retrieval quality of the conversation search, scored against the demo company's ground
//! truth: labelled questions about topics, competitors and accounts ([`labelled_queries`]) are
//! run in keyword, semantic and hybrid mode ([`evaluate`]), and each mode's recall@k and
//! nDCG@k are reported per kind of question and overall ([`RetrievalReport`]).
//!
//! Metric definitions are in [`metrics`]. "Overall" figures are means over all queries, so
//! every phrasing of every question weighs the same.

pub mod metrics;
mod queries;
mod report;
mod sweep;

#[cfg(test)]
mod tests;

use std::time::Instant;

use revpulse_search::{RetrievalScope, SearchError, SearchIndex, SearchMode, SearchRequest};
use serde::Serialize;
use thiserror::Error;

pub use metrics::{RankScores, score_ranking};
pub use queries::{ACCOUNT_SAMPLE, LabelledQuery, QueryKind, labelled_queries};
pub use sweep::{FusionPoint, fusion_sweep};

/// Hits scored per query by default.
pub const DEFAULT_K: usize = 10;

/// Why an evaluation could not run.
#[derive(Debug, Error)]
pub enum RetrievalEvalError {
    /// The index refused or failed a search.
    #[error("search failed for query `{query}`: {source}")]
    Search {
        /// The query id.
        query: String,
        /// The index's error.
        #[source]
        source: SearchError,
    },
    /// There is nothing to evaluate; use a larger company.
    #[error("no labelled queries to evaluate")]
    NoQueries,
}

/// Mean figures over a set of queries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanScores {
    /// Queries averaged.
    pub queries: usize,
    /// Mean recall@k (capped at `min(|R|, k)`).
    pub recall_at_k: f64,
    /// Mean plain recall `|R ∩ top k| / |R|`.
    pub recall: f64,
    /// Mean nDCG@k.
    pub ndcg_at_k: f64,
}

impl MeanScores {
    fn of<'a>(scores: impl Iterator<Item = &'a RankScores>) -> Self {
        let (mut n, mut r, mut p, mut g) = (0usize, 0.0, 0.0, 0.0);
        for s in scores {
            n += 1;
            r += s.recall_at_k;
            p += s.recall;
            g += s.ndcg_at_k;
        }
        let d = n.max(1) as f64;
        Self {
            queries: n,
            recall_at_k: r / d,
            recall: p / d,
            ndcg_at_k: g / d,
        }
    }
}

/// One kind of question's figures in one mode.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KindScores {
    /// The kind.
    pub kind: QueryKind,
    /// Its means.
    pub scores: MeanScores,
}

/// One mode's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModeReport {
    /// The mode.
    pub mode: SearchMode,
    /// Means over all queries.
    pub overall: MeanScores,
    /// Means per kind of question (kinds without queries are left out).
    pub by_kind: Vec<KindScores>,
    /// Mean wall time of one search, in milliseconds (query embedding included).
    pub mean_latency_ms: f64,
}

impl ModeReport {
    /// The figures for one kind of question.
    pub fn kind(&self, kind: QueryKind) -> Option<&MeanScores> {
        self.by_kind
            .iter()
            .find(|k| k.kind == kind)
            .map(|k| &k.scores)
    }
}

/// One query's result in one mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModeOutcome {
    /// The mode.
    pub mode: SearchMode,
    /// recall@k (capped).
    pub recall_at_k: f64,
    /// Plain recall.
    pub recall: f64,
    /// nDCG@k.
    pub ndcg_at_k: f64,
    /// Wall time of the search, in milliseconds.
    pub latency_ms: f64,
    /// The ids returned, best first.
    pub hits: Vec<String>,
}

/// One query's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryOutcome {
    /// The query id.
    pub id: String,
    /// Its kind.
    pub kind: QueryKind,
    /// The question.
    pub text: String,
    /// Number of relevant chunks.
    pub relevant: usize,
    /// Results per mode, in [`SearchMode::ALL`] order.
    pub modes: Vec<ModeOutcome>,
}

impl QueryOutcome {
    /// The result in one mode.
    pub fn mode(&self, mode: SearchMode) -> Option<&ModeOutcome> {
        self.modes.iter().find(|m| m.mode == mode)
    }
}

/// Every figure of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetrievalReport {
    /// The index backend evaluated.
    pub backend: String,
    /// Documents in the index.
    pub documents: usize,
    /// Hits scored per query.
    pub k: usize,
    /// Queries run (each in every mode).
    pub queries: usize,
    /// Figures per mode, in [`SearchMode::ALL`] order.
    pub modes: Vec<ModeReport>,
    /// Per-query results, for digging into a figure.
    pub per_query: Vec<QueryOutcome>,
}

impl RetrievalReport {
    /// The figures of one mode.
    pub fn mode(&self, mode: SearchMode) -> Option<&ModeReport> {
        self.modes.iter().find(|m| m.mode == mode)
    }

    /// The report as a Markdown table: one row per mode and kind, plus an overall row per
    /// mode carrying the mean latency.
    pub fn to_markdown(&self) -> String {
        report::markdown(self)
    }
}

/// Runs every query in every mode against `index`, keeping the first `k` hits (unrestricted
/// scope, no filter), and scores them against the queries' relevant sets.
pub async fn evaluate(
    index: &dyn SearchIndex,
    queries: &[LabelledQuery],
    k: usize,
) -> Result<RetrievalReport, RetrievalEvalError> {
    if queries.is_empty() {
        return Err(RetrievalEvalError::NoQueries);
    }
    let mut per_query = Vec::with_capacity(queries.len());
    for query in queries {
        let mut modes = Vec::with_capacity(SearchMode::ALL.len());
        for mode in SearchMode::ALL {
            let request = SearchRequest::new(query.text.clone(), RetrievalScope::Unrestricted)
                .mode(mode)
                .limit(k);
            let started = Instant::now();
            let hits =
                index
                    .search(&request)
                    .await
                    .map_err(|source| RetrievalEvalError::Search {
                        query: query.id.clone(),
                        source,
                    })?;
            let latency_ms = started.elapsed().as_secs_f64() * 1_000.0;
            let hits: Vec<String> = hits.into_iter().map(|h| h.chunk_id).collect();
            let s = score_ranking(&hits, &query.relevant, k);
            modes.push(ModeOutcome {
                mode,
                recall_at_k: s.recall_at_k,
                recall: s.recall,
                ndcg_at_k: s.ndcg_at_k,
                latency_ms,
                hits,
            });
        }
        per_query.push(QueryOutcome {
            id: query.id.clone(),
            kind: query.kind,
            text: query.text.clone(),
            relevant: query.relevant.len(),
            modes,
        });
    }
    let documents = index
        .count()
        .await
        .map_err(|source| RetrievalEvalError::Search {
            query: "(count)".into(),
            source,
        })?;
    Ok(RetrievalReport {
        backend: index.backend().to_string(),
        documents,
        k,
        queries: queries.len(),
        modes: SearchMode::ALL
            .iter()
            .map(|&mode| summarise(&per_query, mode))
            .collect(),
        per_query,
    })
}

fn summarise(per_query: &[QueryOutcome], mode: SearchMode) -> ModeReport {
    let scores: Vec<(QueryKind, RankScores, f64)> = per_query
        .iter()
        .filter_map(|q| {
            q.mode(mode).map(|m| {
                let s = RankScores {
                    recall_at_k: m.recall_at_k,
                    recall: m.recall,
                    ndcg_at_k: m.ndcg_at_k,
                };
                (q.kind, s, m.latency_ms)
            })
        })
        .collect();
    let by_kind = QueryKind::ALL
        .iter()
        .map(|&kind| KindScores {
            kind,
            scores: MeanScores::of(scores.iter().filter(|s| s.0 == kind).map(|s| &s.1)),
        })
        .filter(|k| k.scores.queries > 0)
        .collect();
    let latency: f64 = scores.iter().map(|s| s.2).sum::<f64>() / scores.len().max(1) as f64;
    ModeReport {
        mode,
        overall: MeanScores::of(scores.iter().map(|s| &s.1)),
        by_kind,
        mean_latency_ms: latency,
    }
}
