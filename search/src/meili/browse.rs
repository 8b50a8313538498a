//! One browse: a placeholder search (empty `q`) with the filter and the browse order as
//! Meilisearch's `sort`, and the documents rebuilt from the answer.

use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::{SearchQuery, SearchResults, Selectors};

use super::documents::{CHUNK_ID_FIELD, METADATA_FIELD, StoredPassage, TEXT_FIELD};
use crate::browse::{BrowseRequest, newest_first};
use crate::document::SearchDocument;

/// Attributes a browsed passage brings back.
const RETRIEVED: [&str; 3] = [CHUNK_ID_FIELD, TEXT_FIELD, METADATA_FIELD];

/// Newest first (seconds, then nanoseconds), ties by the chunk id's byte order
/// ([`super::encode::order_key`]); the attributes are [`super::settings::SORTABLE_ATTRIBUTES`].
static BROWSE_SORT: [&str; 3] = ["timestamp:desc", "timestamp_nanos:desc", "chunk_order:asc"];

/// The Meilisearch query for a browse of at most `limit` passages under `filter`.
pub(crate) fn build_browse_query<'a>(
    index: &'a Index,
    limit: usize,
    filter: Option<&'a str>,
) -> SearchQuery<'a, meilisearch_sdk::DefaultHttpClient> {
    let mut query = SearchQuery::new(index);
    query
        .with_query("")
        .with_limit(limit)
        .with_sort(&BROWSE_SORT)
        .with_attributes_to_retrieve(Selectors::Some(&RETRIEVED));
    if let Some(filter) = filter {
        query.with_filter(filter);
    }
    query
}

/// The answer's passages in the browse order. The filter and scope already ran inside
/// Meilisearch; testing them again only catches a translation bug, and never lets such a
/// passage out.
pub(crate) fn admitted_documents(
    results: SearchResults<StoredPassage>,
    request: &BrowseRequest,
) -> Vec<SearchDocument> {
    let mut documents: Vec<SearchDocument> = Vec::with_capacity(results.hits.len());
    for hit in results.hits {
        let passage = hit.result;
        if request.filter.matches(&passage.metadata) && request.scope.admits(&passage.metadata) {
            documents.push(SearchDocument {
                id: passage.chunk_id,
                text: passage.text,
                metadata: passage.metadata,
            });
        } else {
            tracing::error!(
                chunk_id = %passage.chunk_id,
                "meilisearch browsed a passage outside the filter or scope; dropped"
            );
        }
    }
    // The server's order already is this one; sorting again settles ties among ids longer
    // than the order key and costs nothing on sorted input.
    documents.sort_by(newest_first);
    documents.truncate(request.limit);
    documents
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meili::settings::SORTABLE_ATTRIBUTES;

    #[test]
    fn the_browse_body_is_an_empty_query_with_filter_sort_and_limit() {
        let client =
            meilisearch_sdk::client::Client::new("http://127.0.0.1:1", None::<String>).unwrap();
        let index = client.index("passages");
        let body = serde_json::to_value(build_browse_query(
            &index,
            500,
            Some(r#"deal_id IN ["opp-1"]"#),
        ))
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "q": "",
                "limit": 500,
                "filter": r#"deal_id IN ["opp-1"]"#,
                "sort": ["timestamp:desc", "timestamp_nanos:desc", "chunk_order:asc"],
                "attributesToRetrieve": ["chunk_id", "text", "metadata"],
            })
        );
    }

    #[test]
    fn the_sort_uses_exactly_the_sortable_attributes() {
        let sorted: Vec<&str> = BROWSE_SORT
            .iter()
            .filter_map(|s| s.split(':').next())
            .collect();
        assert_eq!(sorted, SORTABLE_ATTRIBUTES);
    }
}
