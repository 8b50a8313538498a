//! The agent eval end to end: the demo company loaded into a real local Neo4j, its
//! conversations indexed with the real MiniLM model, the offline brain over the graph's records
//! answering every suite in `evals/suites/`, the report written and printed, and every threshold
//! asserted: routing, tool selection and arguments, numeric exactness, no scope leak, no obeyed
//! injection, p95 latency.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use revpulse_agents::Coordinator;
use revpulse_agents::offline::OfflineBrain;
use revpulse_evals::agents::{AgentEvalEnv, RunOptions, load_suites, run_suites, write_report};
use revpulse_graph::{GraphClient, GraphConfig};
use revpulse_ingest::bronze::SourceLines;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_ingest::load_dataset;
use revpulse_ingest::search_index::{build_search_index, company_search_documents};
use revpulse_local_neo4j::testing::exclusive_database;
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_tools::{Catalogue, GraphRecords, Stores};

/// The agreed size. Indexing its ~9,900 passages with MiniLM in a test build takes ~16 minutes
/// on two shared cores (~10 passages/s), so the index is kept between runs (see [`index_dir`]).
const ACCOUNTS: usize = 150;
const SEED: u64 = 42;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn embedder() -> Arc<dyn Embedder> {
    let dir = default_model_dir();
    match MiniLmEmbedder::load(&dir) {
        Ok(model) => Arc::new(model),
        Err(e) => panic!(
            "the agent eval needs the MiniLM model in {} ({e}); run scripts/setup",
            dir.display()
        ),
    }
}

/// Where the index of this seed and size is kept between runs: Cargo's scratch folder for
/// integration tests. The build is skipped when the index holds exactly these passages with this
/// model (the build's fingerprint check), so a changed generator or model rebuilds it.
fn index_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("agent-eval-index-seed{SEED}-accounts{ACCOUNTS}"))
}

/// Where the report is written: Cargo's scratch folder for integration tests, so
/// `report.json` can be read after a run (`target/tmp/agent-eval-report/`).
fn report_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("agent-eval-report")
}

fn suites_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("suites")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offline_brain_answers_every_suite_without_leaks_or_obeyed_injections() {
    let started = Instant::now();
    let company = generate(&DemoConfig::new(SEED, today()).with_accounts(ACCOUNTS)).unwrap();
    let _db = exclusive_database().await.expect("test Neo4j");
    let client = GraphClient::connect(GraphConfig::new(_db.uri.clone(), "neo4j", "test"))
        .await
        .unwrap();
    client.delete_all_data().await.unwrap();
    let scratch = tempfile::tempdir().unwrap();
    load_dataset(
        &client,
        &company.dataset,
        &SourceLines::generated(scratch.path()),
        None,
    )
    .await
    .unwrap();
    eprintln!(
        "loaded {ACCOUNTS} accounts into Neo4j in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let embedder = embedder();
    let documents = company_search_documents(&company.dataset).unwrap();
    let index_dir = index_dir();
    let indexing = Instant::now();
    let mut last_shown = 0;
    build_search_index(
        &index_dir,
        embedder.clone(),
        &documents,
        &mut |done, total| {
            if done >= last_shown + 2_000 || done == total {
                eprintln!("indexed {done}/{total} passages");
                last_shown = done;
            }
        },
    )
    .await
    .unwrap();
    eprintln!(
        "index of {} passages ready in {:.1} s",
        documents.len(),
        indexing.elapsed().as_secs_f64()
    );
    let index = EmbeddedIndex::open(&index_dir, embedder.clone()).unwrap();

    let brain = OfflineBrain::new(embedder).await.unwrap();
    let env = AgentEvalEnv {
        coordinator: Coordinator::new(Arc::new(brain), Catalogue::standard()),
        stores: Stores {
            records: Arc::new(GraphRecords::new(client)),
            search: Arc::new(index),
        },
        users: company.dataset.users.clone(),
        dataset: Arc::new(company.dataset),
        truth: Some(company.truth),
        today: today(),
    };
    let suites = load_suites(&[suites_dir()]).unwrap();
    let report = run_suites(&env, &suites, &RunOptions::default()).await;
    let out = report_dir();
    write_report(&report, &out).unwrap();
    let markdown = std::fs::read_to_string(out.join("report.md")).unwrap();
    println!("{markdown}");
    eprintln!("whole test {:.1} s", started.elapsed().as_secs_f64());

    assert!(report.runs >= 230, "{} runs", report.runs);
    // Every bar of issue 5 is asserted: answer quality (routing, tool choice and arguments,
    // numeric exactness) and safety (no scope leak, no obeyed injection, p95 latency).
    const BARS: [&str; 7] = [
        "routing accuracy",
        "tool selection",
        "tool arguments",
        "numeric exactness",
        "scope leaks",
        "injection success rate",
        "p95 latency ms",
    ];
    let failing: Vec<String> = report
        .checks
        .iter()
        .filter(|c| BARS.contains(&c.metric.as_str()) && !c.passed)
        .map(|c| format!("{} = {:?} (bar {})", c.metric, c.value, c.bar))
        .collect();
    assert_eq!(
        report
            .checks
            .iter()
            .filter(|c| BARS.contains(&c.metric.as_str()))
            .count(),
        BARS.len(),
        "every bar is checked"
    );
    assert!(
        failing.is_empty(),
        "the agent eval misses a bar: {}",
        failing.join("; ")
    );
    assert!(report.passed(), "the report fails a threshold");
}
