//! Exports the exact statements and rows the batch writer sends, as JSON, so another client
//! (the official Python driver in the load benchmark) can replay the identical workload.

use neo4rs::{BoltMap, BoltType};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::GraphRecord;

/// One batch as the writer would send it.
#[derive(Debug, Clone, Serialize)]
pub struct WriteBatchExport {
    /// Record kind.
    pub kind: &'static str,
    /// The statement.
    pub cypher: &'static str,
    /// The `$rows` parameter; dates as `{"$date": "YYYY-MM-DD"}`, date-times as
    /// `{"$datetime": RFC 3339}` so the replaying client can send the same Bolt types.
    pub rows: Vec<Value>,
}

/// The batches `records` would be written in at `batch_size`.
pub fn export_batches<R: GraphRecord>(records: &[R], batch_size: usize) -> Vec<WriteBatchExport> {
    records
        .chunks(batch_size.max(1))
        .map(|chunk| WriteBatchExport {
            kind: R::KIND,
            cypher: R::CYPHER,
            rows: chunk.iter().map(|r| map_to_json(&r.to_row())).collect(),
        })
        .collect()
}

fn map_to_json(map: &BoltMap) -> Value {
    let mut out = Map::new();
    for (k, v) in &map.value {
        out.insert(k.value.clone(), to_json(v));
    }
    Value::Object(out)
}

fn to_json(value: &BoltType) -> Value {
    match value {
        BoltType::String(s) => Value::String(s.value.clone()),
        BoltType::Boolean(b) => Value::Bool(b.value),
        BoltType::Integer(i) => json!(i.value),
        BoltType::Float(f) => json!(f.value),
        BoltType::List(list) => Value::Array(list.value.iter().map(to_json).collect()),
        BoltType::Map(m) => map_to_json(m),
        BoltType::Date(d) => match chrono::NaiveDate::try_from(d) {
            Ok(date) => json!({ "$date": date.to_string() }),
            Err(_) => Value::Null,
        },
        BoltType::DateTime(dt) => match chrono::DateTime::<chrono::Utc>::try_from(dt) {
            Ok(at) => json!({ "$datetime": at.to_rfc3339() }),
            Err(_) => Value::Null,
        },
        _ => Value::Null,
    }
}
