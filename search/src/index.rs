//! The [`SearchIndex`] trait every backend implements.

use async_trait::async_trait;

use crate::browse::BrowseRequest;
use crate::document::SearchDocument;
use crate::error::SearchError;
use crate::request::{SearchHit, SearchRequest};

/// A hybrid keyword + vector index of passages.
///
/// Contract (checked by [`crate::conformance`] against every backend):
/// - `upsert` inserts or replaces documents by id, embedding their text with the index's
///   embedder; when it returns, the documents are searchable and durable.
/// - `delete` removes documents by id; unknown ids are ignored.
/// - `search` never returns a document outside the request's scope or filter: both are
///   applied inside the backend's query.
/// - `browse` returns the full documents (text and metadata) matching the request's filter
///   and scope — exactly those, up to its limit — newest first, ties by id
///   ([`crate::newest_first`]); the filter and scope are applied inside the backend's query.
#[async_trait]
pub trait SearchIndex: Send + Sync {
    /// The backend's name, for messages and reports.
    fn backend(&self) -> &'static str;

    /// Inserts or replaces `documents`; all are validated before anything is written.
    async fn upsert(&self, documents: &[SearchDocument]) -> Result<(), SearchError>;

    /// Removes the documents with these ids.
    async fn delete(&self, ids: &[String]) -> Result<(), SearchError>;

    /// Runs one search.
    async fn search(&self, request: &SearchRequest) -> Result<Vec<SearchHit>, SearchError>;

    /// Reads the passages matching a filter, newest first, without a ranking query.
    async fn browse(&self, request: &BrowseRequest) -> Result<Vec<SearchDocument>, SearchError>;

    /// Number of documents indexed.
    async fn count(&self) -> Result<usize, SearchError>;

    /// Removes every document.
    async fn clear(&self) -> Result<(), SearchError>;
}

/// Validates every document and rejects duplicate ids within one call, so a bad batch
/// writes nothing.
pub fn validate_batch(documents: &[SearchDocument]) -> Result<(), SearchError> {
    let mut seen = std::collections::HashSet::with_capacity(documents.len());
    for document in documents {
        document.validate()?;
        if !seen.insert(document.id.as_str()) {
            return Err(SearchError::InvalidDocument {
                id: document.id.clone(),
                reason: "the id appears twice in one batch".into(),
            });
        }
    }
    Ok(())
}
