//! Sentences per second of the in-process MiniLM embedder at exactly 128 word pieces per input
//! (`[CLS]` and `[SEP]` included), batch 32, tokenization included: the Rust side of
//! `scripts/compare-embeddings`.
//!
//! ```text
//! cargo run --release -p revpulse-search --example embed_throughput -- [--texts FILE.json]
//!     [--sentences 256] [--repeats 3] [--threads N]
//! ```
//!
//! Without `--texts` it builds its own 128-token inputs. It also measures the machine's f32
//! GEMM ceiling with candle's matmul (1024×1024×1024, the same `gemm` kernels the encoder
//! uses) and the share of it the encoder reaches. Prints one JSON object.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use candle_core::{Device, Tensor};
use revpulse_search::embed::MiniLmEmbedder;

const TOKENS: usize = 128;

/// Multiply-add FLOPs of all-MiniLM-L6-v2 for one sequence of `n` tokens: the six layers'
/// projections (4·384² + 2·384·1536 weights, 2 FLOPs each per token) plus attention
/// (QKᵀ and PV, 2·2·n²·384 each layer). Embedding, norms and pooling are not counted.
fn model_flops(n: usize) -> f64 {
    let (h, i, layers) = (384.0, 1536.0, 6.0);
    let n = n as f64;
    let projections = 2.0 * (4.0 * h * h + 2.0 * h * i) * n;
    let attention = 2.0 * 2.0 * n * n * h;
    layers * (projections + attention)
}

/// Best of 10 f32 1024³ matmuls through candle, in GFLOP/s.
fn gemm_ceiling() -> f64 {
    let n = 1024;
    let a = Tensor::randn(0f32, 1.0, (n, n), &Device::Cpu).unwrap();
    let b = Tensor::randn(0f32, 1.0, (n, n), &Device::Cpu).unwrap();
    a.matmul(&b).unwrap();
    (0..10)
        .map(|_| {
            let start = Instant::now();
            a.matmul(&b).unwrap();
            2.0 * (n * n * n) as f64 / start.elapsed().as_secs_f64() / 1e9
        })
        .fold(0.0, f64::max)
}
const VOCABULARY: &[&str] = &[
    "the",
    "customer",
    "asked",
    "about",
    "pricing",
    "for",
    "the",
    "enterprise",
    "tier",
    "and",
    "whether",
    "renewal",
    "discounts",
    "apply",
    "before",
    "the",
    "end",
    "of",
    "quarter",
    "our",
    "champion",
    "needs",
    "legal",
    "review",
    "security",
    "questionnaire",
    "budget",
    "approved",
    "pipeline",
    "forecast",
    "competitor",
    "onboarding",
    "integration",
    "timeline",
    "procurement",
];

struct Options {
    texts: Option<String>,
    sentences: usize,
    repeats: usize,
    threads: Option<usize>,
}

fn options() -> Options {
    let mut o = Options {
        texts: None,
        sentences: 256,
        repeats: 3,
        threads: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().expect("flag needs a value");
        match flag.as_str() {
            "--texts" => o.texts = Some(value()),
            "--sentences" => o.sentences = value().parse().expect("--sentences N"),
            "--repeats" => o.repeats = value().parse().expect("--repeats N"),
            "--threads" => o.threads = Some(value().parse().expect("--threads N")),
            other => panic!("unknown flag {other}"),
        }
    }
    o
}

/// A text of exactly [`TOKENS`] word pieces, varied by `seed`.
fn text_of_128_tokens(embedder: &MiniLmEmbedder, seed: usize) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut i = seed;
    loop {
        words.push(VOCABULARY[i % VOCABULARY.len()]);
        i = i * 7 + 3;
        let n = embedder.token_count(&words.join(" ")).unwrap();
        if n == TOKENS {
            return words.join(" ");
        }
        if n > TOKENS {
            words.pop();
            while embedder.token_count(&words.join(" ")).unwrap() < TOKENS {
                words.push("a");
            }
            return words.join(" ");
        }
    }
}

fn main() {
    let o = options();
    if let Some(threads) = o.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .unwrap();
    }
    let embedder = MiniLmEmbedder::load_default().unwrap();
    let texts: Vec<String> = match &o.texts {
        Some(path) => serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap(),
        None => (0..o.sentences)
            .map(|i| text_of_128_tokens(&embedder, i))
            .collect(),
    };
    for t in &texts {
        assert_eq!(
            embedder.token_count(t).unwrap(),
            TOKENS,
            "input not 128 tokens: {t}"
        );
    }
    embedder
        .embed_blocking(&texts[..texts.len().min(32)])
        .unwrap();
    let mut rates: Vec<f64> = (0..o.repeats)
        .map(|_| {
            let start = Instant::now();
            let out = embedder.embed_blocking(&texts).unwrap();
            assert_eq!(out.len(), texts.len());
            texts.len() as f64 / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    let best = rates[rates.len() - 1];
    let ceiling = gemm_ceiling();
    let gflops = median * model_flops(TOKENS) / 1e9;
    println!(
        "{{\"engine\":\"candle\",\"sentences\":{},\"tokens\":{TOKENS},\"batch\":32,\"threads\":{},\"median_per_s\":{median:.2},\"best_per_s\":{best:.2},\"gflop_per_sentence\":{:.3},\"model_gflop_per_s\":{gflops:.1},\"gemm_ceiling_gflop_per_s\":{ceiling:.1},\"share_of_ceiling\":{:.3}}}",
        texts.len(),
        rayon::current_num_threads(),
        model_flops(TOKENS) / 1e9,
        gflops / ceiling
    );
}
