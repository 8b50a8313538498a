//! OpenAI-compatible servers stricter than OpenAI: llama-cpp-python's server (and others built
//! on its request types) takes a system message's `content` only as a string and wants
//! `content` on every assistant message. rig sends the system prompt as text parts and omits
//! `content` on a turn that only calls tools, so this transport hook rewrites exactly those two
//! shapes — the same messages in the form every such server reads — and nothing else.

use bytes::Bytes;
use rig_core::http_client::{HeaderMap, HttpMiddleware, Method, Result, Uri};
use rig_core::wasm_compat::WasmBoxedFuture;
use serde_json::Value;

/// Rewrites chat-completions bodies into plain string contents.
pub(crate) struct PlainStringContents;

impl HttpMiddleware for PlainStringContents {
    fn before_request_body<'a>(
        &'a self,
        _method: &'a Method,
        _uri: &'a Uri,
        _headers: &'a HeaderMap,
        body: Bytes,
    ) -> WasmBoxedFuture<'a, Result<Bytes>> {
        Box::pin(async move { Ok(plain_string_contents(body)) })
    }
}

/// `body` with text-part system contents joined into strings and an empty `content` on
/// assistant messages that had none; any other body is returned as it came.
pub(crate) fn plain_string_contents(body: Bytes) -> Bytes {
    let Ok(mut json) = serde_json::from_slice::<Value>(&body) else {
        return body;
    };
    let Some(messages) = json.get_mut("messages").and_then(Value::as_array_mut) else {
        return body;
    };
    let mut changed = false;
    for message in messages.iter_mut().filter_map(Value::as_object_mut) {
        let role = message
            .get("role")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let content = message.get("content");
        let replacement = match role {
            "system" | "developer" => content.and_then(joined_text),
            "assistant" if content.is_none_or(Value::is_null) => Some(String::new()),
            _ => None,
        };
        if let Some(text) = replacement {
            message.insert("content".to_owned(), Value::String(text));
            changed = true;
        }
    }
    if !changed {
        return body;
    }
    serde_json::to_vec(&json).map(Bytes::from).unwrap_or(body)
}

/// The text of a content made only of text parts.
fn joined_text(content: &Value) -> Option<String> {
    let parts = content.as_array()?;
    let texts: Option<Vec<&str>> = parts
        .iter()
        .map(|part| match part.get("type").and_then(Value::as_str) {
            Some("text") => part.get("text").and_then(Value::as_str),
            _ => None,
        })
        .collect();
    Some(texts?.join("\n"))
}
