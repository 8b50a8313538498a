//! The OpenAI-compatible body rewrite changes only the two shapes strict servers refuse.

use bytes::Bytes;
use serde_json::{Value, json};

use crate::llm::compat::plain_string_contents;

fn rewritten(body: &Value) -> Value {
    let bytes = plain_string_contents(Bytes::from(body.to_string()));
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn system_text_parts_become_one_string_and_tool_call_turns_get_empty_content() {
    let body = json!({"model": "m", "messages": [
        {"role": "system", "content": [{"type": "text", "text": "Be exact."}, {"type": "text", "text": "Cite."}]},
        {"role": "user", "content": "Forecast?"},
        {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "{}"},
        {"role": "assistant", "content": "Done."}
    ]});

    let out = rewritten(&body);

    assert_eq!(out["messages"][0]["content"], "Be exact.\nCite.");
    assert_eq!(out["messages"][2]["content"], "");
    assert_eq!(
        out["messages"][2]["tool_calls"],
        body["messages"][2]["tool_calls"]
    );
    for index in [1, 3, 4] {
        assert_eq!(out["messages"][index], body["messages"][index]);
    }
    assert_eq!(out["model"], "m");
}

#[test]
fn other_bodies_pass_unchanged() {
    let image = json!({"messages": [{"role": "system", "content": [
        {"type": "image_url", "image_url": {"url": "data:"}}
    ]}]});
    for body in [image, json!({"input": "no messages"}), json!([1, 2])] {
        let bytes = Bytes::from(body.to_string());
        assert_eq!(plain_string_contents(bytes.clone()), bytes);
    }
    let not_json = Bytes::from_static(b"\x00not json");
    assert_eq!(plain_string_contents(not_json.clone()), not_json);
}
