//! The index settings this backend relies on.

use std::collections::HashMap;

use meilisearch_sdk::settings::{Embedder, EmbedderSource, PaginationSetting, Settings};

use super::documents::{CHUNK_ORDER_FIELD, TEXT_FIELD};
use super::filter::{TIMESTAMP_FIELD, TIMESTAMP_NANOS_FIELD};
use crate::browse::MAX_BROWSE_LIMIT;
use crate::filter::FilterField;

/// The attributes a browse sorts by: the time (seconds, then nanoseconds) and the chunk id's
/// order key.
pub const SORTABLE_ATTRIBUTES: [&str; 3] =
    [TIMESTAMP_FIELD, TIMESTAMP_NANOS_FIELD, CHUNK_ORDER_FIELD];

/// Every filterable attribute: the [`FilterField`] names and the two time attributes.
pub fn filterable_attributes() -> Vec<String> {
    FilterField::ALL
        .iter()
        .map(|f| f.as_str().to_string())
        .chain([
            TIMESTAMP_FIELD.to_string(),
            TIMESTAMP_NANOS_FIELD.to_string(),
        ])
        .collect()
}

/// The settings applied on connect: filterable metadata, keyword search on the text only,
/// the browse order's attributes sortable, room for a whole browse in one answer
/// (`maxTotalHits` of [`MAX_BROWSE_LIMIT`], above Meilisearch's default of 1000), and one
/// `userProvided` embedder of `dimensions` floats named `embedder_name`.
pub fn index_settings(embedder_name: &str, dimensions: usize) -> Settings {
    let embedder = Embedder {
        source: EmbedderSource::UserProvided,
        dimensions: Some(dimensions),
        ..Embedder::default()
    };
    Settings::new()
        .with_filterable_attributes(filterable_attributes())
        .with_searchable_attributes([TEXT_FIELD])
        .with_sortable_attributes(SORTABLE_ATTRIBUTES)
        .with_pagination(PaginationSetting {
            max_total_hits: MAX_BROWSE_LIMIT,
        })
        .with_embedders(HashMap::from([(embedder_name.to_string(), embedder)]))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_settings_body_is_exactly_what_meilisearch_documents() {
        let body = serde_json::to_value(index_settings("minilm", 384)).unwrap();
        assert_eq!(
            body,
            json!({
                "filterableAttributes": [
                    "deal_id", "account_id", "stage", "region", "product_line", "sales_rep",
                    "competitor_mentioned", "source_type", "timestamp", "timestamp_nanos"
                ],
                "searchableAttributes": ["text"],
                "sortableAttributes": ["timestamp", "timestamp_nanos", "chunk_order"],
                "pagination": {"maxTotalHits": 10000},
                "embedders": {"minilm": {"source": "userProvided", "dimensions": 384}}
            })
        );
    }
}
