//! The JSON document stored for each passage.
//!
//! ```json
//! { "id": "<encoded chunk id>", "chunk_id": "tr-000123#4-7", "text": "...",
//!   "deal_id": "<encoded>", "account_id": "...", ..., "competitor_mentioned": ["..."],
//!   "timestamp": 1704067200, "timestamp_nanos": 0, "chunk_order": "<hex of the chunk id>",
//!   "metadata": { <DocumentMetadata as given> },
//!   "_vectors": { "minilm": [0.01, ...] } }
//! ```
//!
//! The top-level metadata attributes carry [`encode_value`] spellings for filtering,
//! `chunk_order` the [`order_key`] a browse sorts ties by; hits are rebuilt from the verbatim
//! `metadata` object and `chunk_id`.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::encode::{
    MAX_DOCUMENT_ID_BYTES, MAX_FILTER_VALUE_BYTES, encode_document_id, encode_value, order_key,
};
use super::filter::{TIMESTAMP_FIELD, TIMESTAMP_NANOS_FIELD, split};
use crate::document::{DocumentMetadata, SearchDocument};
use crate::error::SearchError;
use crate::filter::FilterField;

/// Attribute holding the original chunk id.
pub const CHUNK_ID_FIELD: &str = "chunk_id";
/// Attribute holding the passage text (the only searchable one).
pub const TEXT_FIELD: &str = "text";
/// Attribute holding the chunk id's sort key ([`order_key`]).
pub const CHUNK_ORDER_FIELD: &str = "chunk_order";
/// Attribute holding the metadata exactly as indexed.
pub const METADATA_FIELD: &str = "metadata";

/// What a hit carries back: the attributes the search asks Meilisearch to retrieve.
#[derive(Debug, Clone, Deserialize)]
pub struct StoredPassage {
    /// The chunk id as indexed.
    pub chunk_id: String,
    /// The passage text.
    pub text: String,
    /// The metadata as indexed.
    pub metadata: DocumentMetadata,
}

/// Checks what only this backend limits: the encoded id and filterable values must fit
/// Meilisearch's sizes.
pub fn check_document(document: &SearchDocument) -> Result<(), SearchError> {
    let invalid = |reason: String| {
        Err(SearchError::InvalidDocument {
            id: document.id.clone(),
            reason,
        })
    };
    let id_len = encode_document_id(&document.id).len();
    if id_len > MAX_DOCUMENT_ID_BYTES {
        return invalid(format!(
            "the id takes {id_len} bytes once encoded for Meilisearch, above its limit of {MAX_DOCUMENT_ID_BYTES}"
        ));
    }
    for field in FilterField::ALL {
        for value in field.values(&document.metadata) {
            let len = encode_value(value).len();
            if len > MAX_FILTER_VALUE_BYTES {
                return invalid(format!(
                    "`{field}` takes {len} bytes once encoded for Meilisearch filters, above the limit of {MAX_FILTER_VALUE_BYTES}"
                ));
            }
        }
    }
    Ok(())
}

/// The document sent to Meilisearch for `document`, with `vector` stored under
/// `embedder_name`. Fails on a vector holding NaN or infinity (JSON cannot carry them).
pub fn document_json(
    document: &SearchDocument,
    embedder_name: &str,
    vector: &[f32],
) -> Result<Value, SearchError> {
    if let Some(bad) = vector.iter().find(|v| !v.is_finite()) {
        return Err(SearchError::Backend {
            backend: super::BACKEND,
            message: format!(
                "the embedding of `{}` holds {bad}; refusing to index it",
                document.id
            ),
        });
    }
    let metadata = &document.metadata;
    let mut object = Map::new();
    object.insert("id".into(), json!(encode_document_id(&document.id)));
    object.insert(CHUNK_ID_FIELD.into(), json!(document.id));
    object.insert(TEXT_FIELD.into(), json!(document.text));
    for field in FilterField::ALL {
        let values: Vec<String> = field
            .values(metadata)
            .into_iter()
            .map(encode_value)
            .collect();
        let value = if field == FilterField::CompetitorMentioned {
            json!(values)
        } else {
            values.into_iter().next().map_or(Value::Null, Value::String)
        };
        object.insert(field.as_str().into(), value);
    }
    let (secs, nanos) = split(metadata.timestamp);
    object.insert(TIMESTAMP_FIELD.into(), json!(secs));
    object.insert(TIMESTAMP_NANOS_FIELD.into(), json!(nanos));
    object.insert(CHUNK_ORDER_FIELD.into(), json!(order_key(&document.id)));
    let stored = serde_json::to_value(metadata).map_err(|e| SearchError::Backend {
        backend: super::BACKEND,
        message: format!("cannot serialise the metadata of `{}`: {e}", document.id),
    })?;
    object.insert(METADATA_FIELD.into(), stored);
    object.insert(
        "_vectors".into(),
        json!({ embedder_name: vector_json(vector) }),
    );
    Ok(Value::Object(object))
}

/// The vector as JSON numbers written with each float's shortest decimal form (`0.012`, not
/// the `0.012000000104308128` of a widened f32): half the bytes, and parsed back by the
/// server into the very same f32.
fn vector_json(vector: &[f32]) -> Value {
    vector
        .iter()
        .map(|v| {
            v.to_string()
                .parse::<f64>()
                .map_or(Value::Null, Value::from)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn document() -> SearchDocument {
        SearchDocument {
            id: "tr-000123#4-7".into(),
            text: "Globex undercut us on price.".into(),
            metadata: DocumentMetadata {
                deal_id: Some("D-1".into()),
                account_id: "acc-1".into(),
                stage: None,
                region: "emea".into(),
                product_line: None,
                sales_rep: "u-7".into(),
                competitor_mentioned: vec!["globex".into(), "Initech".into()],
                source_type: "call_transcript".into(),
                timestamp: Utc.timestamp_opt(1_700_000_000, 250).unwrap(),
            },
        }
    }

    #[test]
    fn the_document_carries_encoded_filters_verbatim_metadata_and_the_vector() {
        let json = document_json(&document(), "minilm", &[0.5, -0.25]).unwrap();
        assert_eq!(json["id"], "tr-000123_234-7");
        assert_eq!(json["chunk_id"], "tr-000123#4-7");
        assert_eq!(json["deal_id"], "~44-1");
        assert_eq!(json["stage"], Value::Null);
        assert_eq!(json["competitor_mentioned"], json!(["globex", "~49nitech"]));
        assert_eq!(json["timestamp"], 1_700_000_000);
        assert_eq!(json["timestamp_nanos"], 250);
        assert_eq!(json["chunk_order"], "74722d30303031323323342d37");
        assert_eq!(json["_vectors"], json!({"minilm": [0.5, -0.25]}));
        let back: StoredPassage = serde_json::from_value(json).unwrap();
        assert_eq!(back.metadata, document().metadata);
        assert_eq!(back.chunk_id, "tr-000123#4-7");
    }

    #[test]
    fn vectors_are_written_in_their_shortest_form_and_read_back_exactly() {
        let vector = [0.012_f32, -1.0e-7, 0.333_333_34, 1.0];
        let json = document_json(&document(), "minilm", &vector).unwrap();
        let text = serde_json::to_string(&json["_vectors"]).unwrap();
        assert_eq!(text, r#"{"minilm":[0.012,-1e-7,0.33333334,1.0]}"#);
        let back: Vec<f32> = serde_json::from_value(json["_vectors"]["minilm"].clone()).unwrap();
        assert_eq!(back, vector);
    }

    #[test]
    fn non_finite_vectors_are_refused() {
        let err = document_json(&document(), "minilm", &[f32::NAN]).unwrap_err();
        assert!(err.to_string().contains("NaN"), "{err}");
    }

    #[test]
    fn oversized_ids_and_values_are_refused_by_name() {
        let mut long_id = document();
        long_id.id = "#".repeat(200);
        assert!(
            check_document(&long_id)
                .unwrap_err()
                .to_string()
                .contains("encoded")
        );
        let mut long_value = document();
        long_value.metadata.region = "R".repeat(150);
        let err = check_document(&long_value).unwrap_err().to_string();
        assert!(err.contains("`region`"), "{err}");
        assert!(check_document(&document()).is_ok());
    }
}
