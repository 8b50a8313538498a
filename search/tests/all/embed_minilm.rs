//! The in-process MiniLM embedder against its contract and against sentence-transformers'
//! own vectors (tests/fixtures/minilm_reference.json, made by
//! search/scripts/compare_embeddings.py). Needs the model: `scripts/setup` installs it.

use std::path::PathBuf;
use std::sync::OnceLock;

use revpulse_search::embed::{
    EmbedError, Embedder, MINILM_MODEL_ID, MiniLmEmbedder, cosine, default_model_dir,
};
use serde::Deserialize;

fn embedder() -> &'static MiniLmEmbedder {
    static EMBEDDER: OnceLock<MiniLmEmbedder> = OnceLock::new();
    EMBEDDER.get_or_init(|| {
        let dir = default_model_dir();
        MiniLmEmbedder::load(&dir).unwrap_or_else(|e| {
            panic!(
                "cannot load the MiniLM model from {}: {e}\n\
                 Run scripts/setup first (it installs the model with search/install-model.sh).",
                dir.display()
            )
        })
    })
}

fn strings(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

#[tokio::test]
async fn vectors_are_384_wide_and_unit_length() {
    let e = embedder();
    assert_eq!(e.model_id(), MINILM_MODEL_ID);
    assert_eq!(e.dimension(), 384);
    let vectors = e
        .embed(&strings(&[
            "Pricing objection on the renewal call.",
            "",
            "ok",
        ]))
        .await
        .unwrap();
    assert_eq!(vectors.len(), 3);
    for v in &vectors {
        assert_eq!(v.len(), 384);
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "norm {norm}");
    }
}

#[tokio::test]
async fn empty_input_gives_empty_output() {
    assert!(embedder().embed(&[]).await.unwrap().is_empty());
}

#[tokio::test]
async fn documented_similarity_of_the_model_card_example() {
    let v = embedder()
        .embed(&strings(&[
            "A man is eating food.",
            "A man is eating a piece of bread.",
        ]))
        .await
        .unwrap();
    let c = cosine(&v[0], &v[1]);
    assert!((c - 0.7553).abs() <= 0.002, "cosine {c}");
}

/// Mixed lengths, more than one batch: the result is in input order, and each vector is the
/// one the text gets on its own (padding and bucketing change nothing).
#[tokio::test]
async fn batches_preserve_order_and_match_one_by_one() {
    let texts: Vec<String> = (0..70)
        .map(|i| {
            let words = "the customer wants a discount before signing the renewal ".repeat(i % 9);
            format!("call {i}: {words}next steps?")
        })
        .collect();
    let e = embedder();
    let batched = e.embed(&texts).await.unwrap();
    assert_eq!(batched.len(), texts.len());
    for (i, text) in texts.iter().enumerate().step_by(3) {
        let alone = e.embed(std::slice::from_ref(text)).await.unwrap();
        let c = cosine(&batched[i], &alone[0]);
        assert!(c > 0.9999, "text {i}: batched vs alone cosine {c}");
    }
    // Order: each vector is closest to its own text's single embedding.
    let first = e.embed(&texts[..1]).await.unwrap();
    assert!(cosine(&batched[0], &first[0]) > cosine(&batched[8], &first[0]));
}

#[tokio::test]
async fn long_inputs_are_truncated_to_256_word_pieces() {
    let e = embedder();
    let long = "forecast ".repeat(1000);
    assert_eq!(e.token_count(&long).unwrap(), 256);
    let v = e.embed(&[long]).await.unwrap();
    assert_eq!(v[0].len(), 384);
}

#[derive(Deserialize)]
struct Fixture {
    model: String,
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    text: String,
    embedding: Vec<f32>,
}

#[tokio::test]
async fn matches_sentence_transformers_reference() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minilm_reference.json");
    let fixture: Fixture = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(fixture.model, MINILM_MODEL_ID);
    assert!(fixture.items.len() >= 40);
    let texts: Vec<String> = fixture.items.iter().map(|i| i.text.clone()).collect();
    let vectors = embedder().embed(&texts).await.unwrap();
    let mut worst = (1.0f32, "");
    for (item, v) in fixture.items.iter().zip(&vectors) {
        let c = cosine(&item.embedding, v);
        if c < worst.0 {
            worst = (c, &item.text);
        }
    }
    assert!(worst.0 >= 0.999, "min cosine {} on {:?}", worst.0, worst.1);
}

#[test]
fn a_missing_model_directory_names_the_path_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-model");
    let err = MiniLmEmbedder::load(&missing).unwrap_err();
    let EmbedError::ModelMissing { path, .. } = &err else {
        panic!("expected ModelMissing, got {err:?}");
    };
    assert_eq!(path, &missing);
    let message = err.to_string();
    assert!(message.contains("no-such-model"), "{message}");
    assert!(message.contains("scripts/setup"), "{message}");

    // A directory without the weights names the missing file.
    std::fs::write(dir.path().join("config.json"), "{}").unwrap();
    std::fs::write(dir.path().join("tokenizer.json"), "{}").unwrap();
    let err = MiniLmEmbedder::load(dir.path()).unwrap_err();
    assert!(
        matches!(&err, EmbedError::ModelMissing { path, .. } if path.ends_with("model.safetensors")),
        "{err:?}"
    );
}
