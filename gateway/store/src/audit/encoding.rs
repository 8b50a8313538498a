//! The canonical, unambiguous byte encoding of an audit entry, and its chained hash.
//!
//! Every field is written in a fixed order with its length (or presence) in front, so no two
//! different entries share an encoding: `"ab"` + `"c"` and `"a"` + `"bc"` differ in their
//! length prefixes, `None` differs from `Some("")`, and a list of ids differs from the same ids
//! joined. Integers are fixed-width big-endian; the timestamp is its Unix seconds and
//! nanoseconds. Arguments are hashed as canonical JSON text ([`canonical_json`]: object keys
//! sorted), which is also exactly what is stored.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Names the encoding, so a future change of layout can't be confused with this one.
const DOMAIN: &str = "revpulse.audit.v1";

/// Every field an audit hash covers, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditHashInput<'a> {
    /// Position in the chain.
    pub seq: i64,
    /// When it was appended.
    pub at: DateTime<Utc>,
    /// Who acted.
    pub principal: &'a str,
    /// Where.
    pub surface: &'a str,
    /// What kind of event.
    pub kind: &'a str,
    /// The tool, field or action name.
    pub name: &'a str,
    /// The arguments as canonical JSON text.
    pub args_json: &'a str,
    /// The ids of the records returned.
    pub returned_ids: &'a [String],
    /// The answer this belongs to, if any.
    pub answer_id: Option<&'a str>,
    /// `allowed` or `refused`.
    pub decision: &'a str,
    /// How long it took.
    pub latency_ms: i64,
    /// Anything else kept.
    pub detail: Option<&'a str>,
}

impl AuditHashInput<'_> {
    /// The canonical encoding of these fields.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256 + self.args_json.len());
        put_text(&mut out, DOMAIN);
        out.extend_from_slice(&self.seq.to_be_bytes());
        out.extend_from_slice(&self.at.timestamp().to_be_bytes());
        out.extend_from_slice(&self.at.timestamp_subsec_nanos().to_be_bytes());
        for text in [
            self.principal,
            self.surface,
            self.kind,
            self.name,
            self.args_json,
        ] {
            put_text(&mut out, text);
        }
        put_len(&mut out, self.returned_ids.len());
        for id in self.returned_ids {
            put_text(&mut out, id);
        }
        put_optional(&mut out, self.answer_id);
        put_text(&mut out, self.decision);
        out.extend_from_slice(&self.latency_ms.to_be_bytes());
        put_optional(&mut out, self.detail);
        out
    }

    /// `SHA-256(prev_hash ‖ canonical bytes)` in lower-case hex, where `prev_hash` is the
    /// previous entry's hash as stored (64 hex characters, so the concatenation is unambiguous).
    pub fn chain_hash(&self, prev_hash: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(prev_hash.as_bytes());
        hasher.update(self.canonical_bytes());
        hex::encode(hasher.finalize())
    }
}

fn put_len(out: &mut Vec<u8>, len: usize) {
    // usize → u64 never truncates on the platforms Rust supports (≤ 64-bit).
    out.extend_from_slice(&(len as u64).to_be_bytes());
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    put_len(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

fn put_optional(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => out.push(0),
        Some(text) => {
            out.push(1);
            put_text(out, text);
        }
    }
}

/// JSON text with object keys sorted (by their UTF-8 bytes) at every depth and no whitespace,
/// so the same value always gives the same text, whatever map order serde_json was built with.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_json;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let value = json!({"b": [{"z": 1, "a": "x\"y"}], "a": null, "é": true, "e": 1.5});
        assert_eq!(
            canonical_json(&value),
            r#"{"a":null,"b":[{"a":"x\"y","z":1}],"e":1.5,"é":true}"#
        );
    }
}
