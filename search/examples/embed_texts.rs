//! Embeds the texts of a JSON file with the in-process MiniLM model and writes the vectors as
//! a JSON list: the Rust side of the accuracy check in `scripts/compare-embeddings`.
//!
//! ```text
//! cargo run --release -p revpulse-search --example embed_texts -- IN.json OUT.json
//! ```
//!
//! `IN.json` is either a list of strings or a fixture `{"items": [{"text": ...}, ...]}`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use revpulse_search::embed::MiniLmEmbedder;
use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        panic!("usage: embed_texts IN.json OUT.json");
    };
    let json: Value = serde_json::from_str(&std::fs::read_to_string(input).unwrap()).unwrap();
    let texts: Vec<String> = match &json {
        Value::Array(list) => list
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect(),
        fixture => fixture["items"]
            .as_array()
            .expect("a list of strings or a fixture with items")
            .iter()
            .map(|i| i["text"].as_str().unwrap().to_string())
            .collect(),
    };
    let vectors = MiniLmEmbedder::load_default()
        .unwrap()
        .embed_blocking(&texts)
        .unwrap();
    std::fs::write(output, serde_json::to_string(&vectors).unwrap()).unwrap();
}
