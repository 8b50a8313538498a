//! Retrieved conversation text is data, never instructions: before a tool output reaches a
//! model, every passage text in it is fenced as `<data source="chunk:ID">…</data>`, with its
//! own angle brackets escaped so a transcript cannot close the fence and speak as the prompt.

use serde_json::{Map, Value};

/// The key that marks an object as (or as citing) a conversation passage.
const CHUNK_ID: &str = "chunk_id";
/// The fields of such an object that hold the passage's words.
const PASSAGE_TEXT_FIELDS: [&str; 2] = ["snippet", "text"];

/// `output` with each `snippet` / `text` string of an object carrying a `chunk_id` (a
/// [`revpulse_tools::Source::Passage`], a search hit, a quoted passage) wrapped as
/// `<data source="chunk:ID">…</data>`, at any depth. Everything else is unchanged; text that
/// is already wrapped for the same chunk is left as it is, so wrapping twice is wrapping once.
pub fn wrap_retrieved(output: &Value) -> Value {
    match output {
        Value::Object(fields) => Value::Object(wrap_object(fields)),
        Value::Array(items) => Value::Array(items.iter().map(wrap_retrieved).collect()),
        other => other.clone(),
    }
}

fn wrap_object(fields: &Map<String, Value>) -> Map<String, Value> {
    let chunk = fields.get(CHUNK_ID).and_then(Value::as_str);
    fields
        .iter()
        .map(|(key, value)| {
            let wrapped = match (chunk, value) {
                (Some(chunk), Value::String(text))
                    if PASSAGE_TEXT_FIELDS.contains(&key.as_str()) =>
                {
                    Value::String(fence(chunk, text))
                }
                _ => wrap_retrieved(value),
            };
            (key.clone(), wrapped)
        })
        .collect()
}

/// `text` fenced as data from `chunk`.
fn fence(chunk: &str, text: &str) -> String {
    let open = format!(
        "<data source=\"chunk:{}\">",
        escape(chunk).replace('"', "&quot;")
    );
    let already = text
        .strip_prefix(&open)
        .and_then(|rest| rest.strip_suffix("</data>"))
        .is_some_and(|inner| !inner.contains(['<', '>']));
    if already {
        return text.to_owned();
    }
    format!("{open}{}</data>", escape(text))
}

/// Escapes markup so passage text cannot open or close tags.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
