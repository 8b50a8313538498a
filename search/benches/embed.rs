#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
//! MiniLM embedding throughput (divan): a batch of 32 inputs of exactly 128 word pieces, and a
//! single short query. Needs the model installed (`scripts/setup`).
//!
//! `cargo bench -p revpulse-search --bench embed`

use std::sync::OnceLock;

use divan::Bencher;
use revpulse_search::embed::MiniLmEmbedder;

fn main() {
    divan::main();
}

fn embedder() -> &'static MiniLmEmbedder {
    static EMBEDDER: OnceLock<MiniLmEmbedder> = OnceLock::new();
    EMBEDDER.get_or_init(|| {
        MiniLmEmbedder::load_default()
            .unwrap_or_else(|e| panic!("{e} (the benchmark needs the model: run scripts/setup)"))
    })
}

/// `count` texts of exactly 128 word pieces (`[CLS]` and `[SEP]` included).
fn texts_of_128_tokens(count: usize) -> Vec<String> {
    let e = embedder();
    let words = [
        "customer", "pricing", "renewal", "quarter", "champion", "budget", "pipeline", "legal",
    ];
    (0..count)
        .map(|seed| {
            let mut text: Vec<&str> = Vec::new();
            let mut i = seed;
            while e.token_count(&text.join(" ")).unwrap() < 128 {
                text.push(words[i % words.len()]);
                i += 3;
            }
            text.join(" ")
        })
        .inspect(|t| assert_eq!(e.token_count(t).unwrap(), 128))
        .collect()
}

/// 32 × 128 tokens; divan's throughput counter reports sentences/s.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn batch_32_x_128_tokens(bencher: Bencher) {
    let texts = texts_of_128_tokens(32);
    bencher
        .counter(divan::counter::ItemsCount::new(texts.len()))
        .bench(|| embedder().embed_blocking(divan::black_box(&texts)).unwrap());
}

/// One short query, as search embeds it.
#[divan::bench(sample_count = 20)]
fn single_query(bencher: Bencher) {
    let texts = vec!["which deals slipped because of pricing objections?".to_string()];
    embedder();
    bencher.bench(|| embedder().embed_blocking(divan::black_box(&texts)).unwrap());
}
