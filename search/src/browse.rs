//! Reading passages without a ranking query: every passage of a deal, an account or a time
//! window, newest first — what call summaries, objection reports and mention counts need, where
//! relevance to a query would only drop passages.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::document::SearchDocument;
use crate::error::SearchError;
use crate::filter::SearchFilter;
use crate::scope::RetrievalScope;

/// Most passages one browse may return.
pub const MAX_BROWSE_LIMIT: usize = 10_000;

/// One browse: the passages matching `filter` that `scope` admits, newest first. Like a
/// search, the scope is not optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BrowseRequest {
    /// Metadata conditions.
    pub filter: SearchFilter,
    /// What the caller may see.
    pub scope: RetrievalScope,
    /// Most passages wanted (1..=[`MAX_BROWSE_LIMIT`]).
    pub limit: usize,
}

impl BrowseRequest {
    /// An unfiltered browse under `scope`, up to [`MAX_BROWSE_LIMIT`] passages.
    pub fn new(scope: RetrievalScope) -> Self {
        Self {
            filter: SearchFilter::any(),
            scope,
            limit: MAX_BROWSE_LIMIT,
        }
    }

    /// Sets the filter.
    pub fn filter(mut self, filter: SearchFilter) -> Self {
        self.filter = filter;
        self
    }

    /// Sets the number of passages wanted.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Checks the request before any backend sees it.
    pub fn validate(&self) -> Result<(), SearchError> {
        if self.limit == 0 || self.limit > MAX_BROWSE_LIMIT {
            return Err(SearchError::InvalidRequest(format!(
                "browse limit {} is outside 1..={MAX_BROWSE_LIMIT}",
                self.limit
            )));
        }
        Ok(())
    }

    /// Whether no passage can match (an empty scope or a filter that accepts nothing), so a
    /// backend can answer without asking its store.
    pub fn admits_nothing(&self) -> bool {
        self.filter.is_empty_set() || self.scope.is_empty()
    }
}

/// The order a browse returns passages in: newest first, ties broken by id ascending (byte
/// order), so equal data always gives the same list.
pub fn newest_first(a: &SearchDocument, b: &SearchDocument) -> Ordering {
    b.metadata
        .timestamp
        .cmp(&a.metadata.timestamp)
        .then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::document::DocumentMetadata;

    fn doc(id: &str, hour: u32) -> SearchDocument {
        SearchDocument {
            id: id.into(),
            text: "x".into(),
            metadata: DocumentMetadata {
                timestamp: Utc.with_ymd_and_hms(2026, 1, 1, hour, 0, 0).unwrap(),
                ..DocumentMetadata::default()
            },
        }
    }

    #[test]
    fn newest_first_then_by_id_bytes() {
        let mut docs = [doc("b", 1), doc("a", 1), doc("B", 1), doc("c", 2)];
        docs.sort_by(newest_first);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["c", "B", "a", "b"]);
    }

    #[test]
    fn limits_outside_the_range_are_refused() {
        let scope = RetrievalScope::Unrestricted;
        assert!(BrowseRequest::new(scope.clone()).validate().is_ok());
        assert!(
            BrowseRequest::new(scope.clone())
                .limit(0)
                .validate()
                .is_err()
        );
        assert!(
            BrowseRequest::new(scope)
                .limit(MAX_BROWSE_LIMIT + 1)
                .validate()
                .is_err()
        );
        assert!(BrowseRequest::new(RetrievalScope::nothing()).admits_nothing());
    }
}
