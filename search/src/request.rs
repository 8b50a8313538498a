//! A search request and the hits it returns.

use serde::{Deserialize, Serialize};

use crate::document::DocumentMetadata;
use crate::filter::SearchFilter;
use crate::scope::RetrievalScope;

/// Most hits one request may ask for.
pub const MAX_LIMIT: usize = 200;

/// How hits are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchMode {
    /// BM25 over the passage text.
    Keyword,
    /// Cosine similarity of sentence embeddings.
    Semantic,
    /// Both, merged by reciprocal rank fusion.
    Hybrid,
}

impl SearchMode {
    /// All modes, in a stable order.
    pub const ALL: [SearchMode; 3] = [Self::Keyword, Self::Semantic, Self::Hybrid];

    /// The mode's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keyword => "keyword",
            Self::Semantic => "semantic",
            Self::Hybrid => "hybrid",
        }
    }
}

impl std::str::FromStr for SearchMode {
    type Err = crate::SearchError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| {
                crate::SearchError::InvalidRequest(format!(
                    "unknown search mode `{s}`; use keyword, semantic or hybrid"
                ))
            })
    }
}

/// One search. The scope is not optional: a caller without restrictions says so with
/// [`RetrievalScope::Unrestricted`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// What to look for, in plain language.
    pub query: String,
    /// Ranking mode.
    pub mode: SearchMode,
    /// Metadata conditions.
    pub filter: SearchFilter,
    /// What the caller may see.
    pub scope: RetrievalScope,
    /// Most hits wanted (1..=[`MAX_LIMIT`]).
    pub limit: usize,
}

impl SearchRequest {
    /// A hybrid request for `query` under `scope`, unfiltered, 10 hits.
    pub fn new(query: impl Into<String>, scope: RetrievalScope) -> Self {
        Self {
            query: query.into(),
            mode: SearchMode::Hybrid,
            filter: SearchFilter::any(),
            scope,
            limit: 10,
        }
    }

    /// Sets the mode.
    pub fn mode(mut self, mode: SearchMode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the filter.
    pub fn filter(mut self, filter: SearchFilter) -> Self {
        self.filter = filter;
        self
    }

    /// Sets the number of hits wanted.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Checks the request before any backend sees it.
    pub fn validate(&self) -> Result<(), crate::SearchError> {
        if self.query.trim().is_empty() {
            return Err(crate::SearchError::InvalidRequest(
                "the query is empty".into(),
            ));
        }
        if self.query.chars().count() > 2_000 {
            return Err(crate::SearchError::InvalidRequest(
                "the query is longer than 2000 characters".into(),
            ));
        }
        if self.limit == 0 || self.limit > MAX_LIMIT {
            return Err(crate::SearchError::InvalidRequest(format!(
                "limit {} is outside 1..={MAX_LIMIT}",
                self.limit
            )));
        }
        Ok(())
    }
}

/// A byte range of [`Snippet::text`] that matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// An excerpt of the passage around the query terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The excerpt.
    pub text: String,
    /// Matched ranges, ascending and disjoint.
    pub highlights: Vec<Highlight>,
}

/// One ranked passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The chunk id, citable against the graph.
    pub chunk_id: String,
    /// Ranking score in the request's mode (BM25, cosine, or fused); higher is better.
    pub score: f32,
    /// The excerpt with highlights.
    pub snippet: Snippet,
    /// The passage's metadata.
    pub metadata: DocumentMetadata,
}
