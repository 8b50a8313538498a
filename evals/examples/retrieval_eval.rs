//! Retrieval quality of the conversation search on a demo company, with real MiniLM
//! embeddings, in a release build:
//!
//! ```text
//! cargo run --release -p revpulse-evals --example retrieval_eval -- \
//!     [--accounts 600] [--seed 42] [--index-dir DIR] [--json FILE] [--sweep]
//! ```
//!
//! Builds (or reuses, when it already holds exactly these passages) the index in `--index-dir`
//! (a temporary directory by default), runs the labelled queries in keyword, semantic and
//! hybrid mode and prints the Markdown table; `--json` also writes the full report with
//! per-query results; `--sweep` also re-fuses the keyword and semantic rankings at several
//! candidate depths, RRF constants and keyword weights (what the hybrid mode would score with
//! other settings).

use std::error::Error;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use revpulse_evals::retrieval::{DEFAULT_K, evaluate, fusion_sweep, labelled_queries};
use revpulse_ingest::chunk::{ChunkingConfig, WordPieceEstimate, chunk_company};
use revpulse_ingest::demo::{DEFAULT_ACCOUNTS, DemoConfig, generate};
use revpulse_ingest::search_index::{IndexBuild, build_search_index, search_document};
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;

struct Args {
    accounts: usize,
    seed: u64,
    index_dir: Option<PathBuf>,
    json: Option<PathBuf>,
    sweep: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        accounts: DEFAULT_ACCOUNTS,
        seed: 42,
        index_dir: None,
        json: None,
        sweep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--accounts" => {
                args.accounts = value()?.parse().map_err(|e| format!("--accounts: {e}"))?;
            }
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--index-dir" => args.index_dir = Some(PathBuf::from(value()?)),
            "--json" => args.json = Some(PathBuf::from(value()?)),
            "--sweep" => args.sweep = true,
            "-h" | "--help" => {
                return Err(
                    "usage: retrieval_eval [--accounts N] [--seed S] [--index-dir DIR] \
                            [--json FILE] [--sweep]"
                        .into(),
                );
            }
            other => return Err(format!("unknown argument `{other}`; try --help")),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let args = parse_args()?;
    let model_dir = default_model_dir();
    let embedder: Arc<dyn Embedder> = Arc::new(MiniLmEmbedder::load(&model_dir).map_err(|e| {
        format!(
            "the MiniLM model is needed in {} ({e}); run scripts/setup",
            model_dir.display()
        )
    })?);

    let started = Instant::now();
    let today = NaiveDate::from_ymd_opt(2025, 5, 14).ok_or("bad date")?;
    let company = generate(&DemoConfig::new(args.seed, today).with_accounts(args.accounts))?;
    let chunks = chunk_company(
        &company.dataset,
        &ChunkingConfig::default(),
        &WordPieceEstimate,
    )?;
    let documents: Vec<_> = chunks.iter().map(search_document).collect();
    eprintln!(
        "{} accounts: {} chunks in {:.1} s",
        args.accounts,
        documents.len(),
        started.elapsed().as_secs_f64()
    );

    let temp;
    let dir = match &args.index_dir {
        Some(dir) => dir.clone(),
        None => {
            temp = tempfile::tempdir()?;
            temp.path().to_path_buf()
        }
    };
    let mut last_report = Instant::now();
    let mut progress = |done: usize, total: usize| {
        if last_report.elapsed().as_secs() >= 30 || done == total {
            eprintln!("indexed {done}/{total}");
            last_report = Instant::now();
        }
    };
    match build_search_index(&dir, embedder.clone(), &documents, &mut progress).await? {
        IndexBuild::UpToDate { documents } => {
            eprintln!(
                "index in {} is up to date ({documents} passages)",
                dir.display()
            );
        }
        IndexBuild::Built { documents, seconds } => {
            eprintln!(
                "indexed {documents} passages in {seconds:.1} s into {}",
                dir.display()
            );
        }
    }
    let index = EmbeddedIndex::open(&dir, embedder)?;

    let queries = labelled_queries(&company, &chunks);
    let started = Instant::now();
    let report = evaluate(&index, &queries, DEFAULT_K).await?;
    eprintln!(
        "{} queries x 3 modes in {:.1} s",
        queries.len(),
        started.elapsed().as_secs_f64()
    );
    println!("{}", report.to_markdown());
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
        eprintln!("wrote {}", path.display());
    }
    if args.sweep {
        let depths = [10, 20, 50, 100, 200];
        let rrf_ks = [1.0, 10.0, 30.0, 60.0, 100.0];
        let weights = [1.0, 1.5, 2.0, 3.0];
        let points = fusion_sweep(&index, &queries, DEFAULT_K, &depths, &rrf_ks, &weights).await?;
        println!("\nHybrid fusion sweep (current setting: depth 50, RRF k 60, keyword weight 1)\n");
        println!(
            "| depth | RRF k | keyword weight | recall@{DEFAULT_K} | nDCG@{DEFAULT_K} |\n\
             |---:|---:|---:|---:|---:|"
        );
        for p in points {
            println!(
                "| {} | {} | {} | {:.3} | {:.3} |",
                p.depth, p.rrf_k, p.keyword_weight, p.scores.recall_at_k, p.scores.ndcg_at_k
            );
        }
    }
    Ok(())
}
