//! `revpulse bench search`: indexing throughput, query latency per mode and scope, and
//! memory of the embedded search index at given sizes, printed as Markdown for
//! BENCHMARKS.md.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_ingest::search_index::{IndexBuild, build_search_index, company_search_documents};
use revpulse_search::embed::{EmbedError, Embedder, Embedding};
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_search::{RetrievalScope, SearchDocument, SearchIndex, SearchMode, SearchRequest};

use super::search_index::{IndexProgress, load_embedder};
use crate::cli::BenchSearchArgs;

/// Accounts of the default demo company.
const DEFAULT_ACCOUNTS: usize = 600;

/// What leaders ask of conversations; completed by competitor and account names.
const QUESTIONS: [&str; 12] = [
    "What objections did the customer raise about pricing?",
    "security review SOC 2 questionnaire",
    "Who asked for a discount on a multi-year contract?",
    "procurement is slowing the deal down",
    "budget freeze next quarter",
    "legal redlines on the MSA",
    "no executive sponsor engaged",
    "integration with Salesforce failed",
    "onboarding and rollout problems",
    "agreed next steps and dates",
    "they confirmed the value of the product",
    "missing feature blocking the purchase",
];

/// Runs the command.
pub async fn run(args: BenchSearchArgs) -> anyhow::Result<()> {
    let model = load_embedder(args.model_dir.as_deref())?;
    let memo = Arc::new(MemoEmbedder::new(model));
    let embedder: Arc<dyn Embedder> = memo.clone();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).context("bench date")?;
    let (base, questions, region) = corpus(args.seed, today)?;
    let mut rows = Vec::new();
    for &passages in &args.passages {
        let documents = sized(&base, passages);
        let fresh_texts = memo.unseen(&documents);
        rows.push(
            measure(
                embedder.clone(),
                &documents,
                fresh_texts,
                &questions,
                &region,
                args.queries,
            )
            .await?,
        );
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "\nEmbedded search index — default demo company ({} passages), {} on {cores} cores",
        base.len(),
        cpu_model()
    );
    println!(
        "| passages | texts embedded | build s | passages/s | mode | scope | p50 ms | p95 ms | index MiB | RSS growth MiB | peak RSS MiB |"
    );
    println!("|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|");
    for row in rows {
        for line in row {
            println!("{line}");
        }
    }
    println!(
        "\nSizes above the default company repeat its passages under new ids; their vectors are \
         computed once per distinct text, so only the first build's rate is an embedding rate."
    );
    Ok(())
}

/// `passages` documents: the base corpus cut, or repeated under new ids (`…~r<k>`).
fn sized(base: &[SearchDocument], passages: usize) -> Vec<SearchDocument> {
    (0..passages)
        .filter_map(|i| {
            let original = base.get(i % base.len().max(1))?;
            let round = i / base.len().max(1);
            let mut d = original.clone();
            if round > 0 {
                d.id = format!("{}~r{round}", original.id);
            }
            Some(d)
        })
        .collect()
}

/// An embedder that remembers every text's vector, so repeated passages cost nothing.
#[derive(Debug)]
struct MemoEmbedder {
    inner: Arc<dyn Embedder>,
    seen: Mutex<HashMap<String, Vec<f32>>>,
}

impl MemoEmbedder {
    fn new(inner: Arc<dyn Embedder>) -> Self {
        Self {
            inner,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Distinct texts of `documents` not embedded yet.
    fn unseen(&self, documents: &[SearchDocument]) -> usize {
        let seen = self
            .seen
            .lock()
            .map(|s| s.keys().cloned().collect::<HashSet<_>>())
            .unwrap_or_default();
        documents
            .iter()
            .map(|d| d.text.as_str())
            .filter(|t| !seen.contains(*t))
            .collect::<HashSet<_>>()
            .len()
    }
}

#[async_trait::async_trait]
impl Embedder for MemoEmbedder {
    fn model_id(&self) -> &str {
        self.inner.model_id()
    }

    fn dimension(&self) -> usize {
        self.inner.dimension()
    }

    async fn embed(&self, texts: &[String]) -> Result<Vec<Embedding>, EmbedError> {
        let missing: Vec<String> = {
            let seen = self
                .seen
                .lock()
                .map_err(|_| EmbedError::Inference("memo poisoned".into()))?;
            let mut m: Vec<String> = texts
                .iter()
                .filter(|t| !seen.contains_key(*t))
                .cloned()
                .collect();
            m.sort();
            m.dedup();
            m
        };
        if !missing.is_empty() {
            let vectors = self.inner.embed(&missing).await?;
            let mut seen = self
                .seen
                .lock()
                .map_err(|_| EmbedError::Inference("memo poisoned".into()))?;
            for (text, vector) in missing.into_iter().zip(vectors) {
                seen.insert(text, vector);
            }
        }
        let seen = self
            .seen
            .lock()
            .map_err(|_| EmbedError::Inference("memo poisoned".into()))?;
        texts
            .iter()
            .map(|t| {
                seen.get(t)
                    .cloned()
                    .ok_or_else(|| EmbedError::Inference("vector missing".into()))
            })
            .collect()
    }
}

/// The default demo company's passages, the questions to time and a region to scope to.
fn corpus(
    seed: u64,
    today: NaiveDate,
) -> anyhow::Result<(Vec<SearchDocument>, Vec<String>, String)> {
    eprintln!("· generating the default demo company ({DEFAULT_ACCOUNTS} accounts) …");
    let company = generate(&DemoConfig::new(seed, today).with_accounts(DEFAULT_ACCOUNTS))?;
    let documents = company_search_documents(&company.dataset)?;
    let mut questions: Vec<String> = QUESTIONS.iter().map(|q| q.to_string()).collect();
    for c in &company.dataset.competitors {
        questions.push(format!("customers comparing us with {}", c.name));
    }
    for a in company.dataset.accounts.iter().take(12) {
        questions.push(format!("what was discussed with {}", a.name));
    }
    let region = company
        .dataset
        .regions
        .first()
        .map(|r| r.id.clone())
        .unwrap_or_default();
    Ok((documents, questions, region))
}

async fn measure(
    embedder: Arc<dyn Embedder>,
    documents: &[SearchDocument],
    fresh_texts: usize,
    questions: &[String],
    region: &str,
    queries: usize,
) -> anyhow::Result<Vec<String>> {
    let dir = tempfile::tempdir().context("creating a temporary index folder")?;
    eprintln!("· indexing {} passages …", documents.len());
    let rss_before = status_mib("VmRSS:");
    let mut progress = IndexProgress::new();
    let build = build_search_index(dir.path(), embedder.clone(), documents, &mut |d, t| {
        progress.report(d, t)
    })
    .await?;
    let seconds = match build {
        IndexBuild::Built { seconds, .. } => seconds,
        IndexBuild::UpToDate { .. } => anyhow::bail!("a fresh folder cannot be up to date"),
    };
    let index = EmbeddedIndex::open(dir.path(), embedder)?;
    let disk = dir_mib(dir.path());
    let scopes = [
        ("all", RetrievalScope::Unrestricted),
        (
            "one region",
            RetrievalScope::Restricted {
                regions: vec![region.to_string()],
                sales_reps: vec![],
                accounts: vec![],
            },
        ),
    ];
    let mut lines = Vec::new();
    for mode in SearchMode::ALL {
        for (scope_name, scope) in &scopes {
            // One warm-up query so lazily loaded index pages do not count.
            let warm = SearchRequest::new(questions[0].clone(), scope.clone()).mode(mode);
            index.search(&warm).await?;
            let mut times = Vec::with_capacity(queries);
            for q in questions.iter().cycle().take(queries) {
                let request = SearchRequest::new(q.clone(), scope.clone()).mode(mode);
                let started = Instant::now();
                index.search(&request).await?;
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
            lines.push(format!(
                "| {} | {fresh_texts} | {seconds:.1} | {:.0} | {} | {scope_name} | {:.1} | {:.1} | {disk:.0} | {:.0} | {:.0} |",
                documents.len(),
                documents.len() as f64 / seconds,
                mode.as_str(),
                at(0.5),
                at(0.95),
                status_mib("VmRSS:") - rss_before,
                status_mib("VmHWM:"),
            ));
        }
    }
    Ok(lines)
}

/// A `/proc/self/status` memory line in MiB.
fn status_mib(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn dir_mib(dir: &std::path::Path) -> f64 {
    fn walk(p: &std::path::Path) -> u64 {
        std::fs::read_dir(p).map_or(0, |entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => walk(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
    }
    walk(dir) as f64 / (1024.0 * 1024.0)
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".into())
}
