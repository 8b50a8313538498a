//! Browsing the embedded index: the vector store keeps every live passage's metadata in
//! memory, so the filter and scope are tested per row there (the same row test the semantic
//! scan applies), the newest `limit` rows are chosen, and only their text is read from the
//! keyword index's document store, with one id-set query.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermSetQuery;

use super::text::{self, TextFields, tantivy_error};
use super::vectors::VectorStore;
use crate::browse::BrowseRequest;
use crate::document::SearchDocument;
use crate::error::SearchError;

/// Ids of the newest `request.limit` passages the request admits, newest first (ties by id).
pub(crate) fn newest_ids(store: &VectorStore, request: &BrowseRequest) -> Vec<String> {
    let mut admitted: Vec<(DateTime<Utc>, &str)> = store
        .live()
        .filter(|r| request.filter.matches(&r.metadata) && request.scope.admits(&r.metadata))
        .map(|r| (r.metadata.timestamp, r.id.as_str()))
        .collect();
    let order = |a: &(DateTime<Utc>, &str), b: &(DateTime<Utc>, &str)| {
        b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1))
    };
    if admitted.len() > request.limit {
        admitted.select_nth_unstable_by(request.limit - 1, order);
        admitted.truncate(request.limit);
    }
    admitted.sort_unstable_by(order);
    admitted.into_iter().map(|(_, id)| id.to_string()).collect()
}

/// The stored documents with these ids, in the order given; ids no longer indexed (deleted
/// since they were chosen) are left out.
pub(crate) fn documents(
    searcher: &tantivy::Searcher,
    fields: &TextFields,
    ids: &[String],
) -> Result<Vec<SearchDocument>, SearchError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let query = TermSetQuery::new(ids.iter().map(|id| text::id_term(fields, id)));
    let addresses = searcher
        .search(&query, &DocSetCollector)
        .map_err(tantivy_error)?;
    let mut by_id: HashMap<String, SearchDocument> = HashMap::with_capacity(addresses.len());
    for address in addresses {
        let (id, text, metadata) = text::stored(searcher, fields, address)?;
        by_id.insert(id.clone(), SearchDocument { id, text, metadata });
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
