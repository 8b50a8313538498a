//! `revpulse bench load`: the graph-load benchmark of BENCHMARKS.md. For each company size it
//! starts a fresh local Neo4j, loads the company with the batch writer and reports nodes and
//! relationships per second and peak memory; on the first size it also compares batched
//! writes against one row per transaction, and (when a Python with the official `neo4j`
//! driver is given) against that driver replaying the identical batches.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use revpulse_graph::write::export_batches;
use revpulse_graph::{GraphClient, GraphConfig, WriteConfig, bootstrap_schema};
use revpulse_ingest::bronze::SourceLines;
use revpulse_ingest::dataset::CompanyDataset;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_ingest::load_dataset;

use crate::cli::BenchLoadArgs;
use crate::database::start_local;

/// Runs the benchmark and prints a Markdown report.
pub async fn run(home: &Path, args: BenchLoadArgs) -> anyhow::Result<()> {
    let today = chrono::Utc::now().date_naive();
    println!(
        "## Graph load benchmark ({today}, batch size {}, {} write transaction(s) in flight)\n",
        args.batch_size, args.write_concurrency
    );
    println!(
        "`cold`: first load into a new database (schema bootstrap and JVM warm-up included); \
         `warm`: the same load again after deleting all data.\n"
    );
    println!(
        "| accounts | pass | records | nodes | relationships | load s | nodes/s | rels/s | revpulse peak RSS MiB | neo4j peak RSS MiB |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut comparisons = Vec::new();
    for (i, &accounts) in args.accounts.iter().enumerate() {
        let company = generate(&DemoConfig::new(args.seed, today).with_accounts(accounts))?;
        let data_dir = home.join("bench").join(format!("neo4j-{accounts}"));
        if data_dir.exists() {
            std::fs::remove_dir_all(&data_dir)
                .with_context(|| format!("clearing {}", data_dir.display()))?;
        }
        let local = start_local(&data_dir, 0).await?;
        let client = connect(local.bolt_uri(), args.batch_size, args.write_concurrency).await?;
        let outcome = async {
            // The warm pass (reload after deleting everything) is measured on the first size.
            let passes: &[&str] = if i == 0 { &["cold", "warm"] } else { &["cold"] };
            for &pass in passes {
                if pass == "warm" {
                    client.delete_all_data().await?;
                }
                let started = Instant::now();
                load_dataset(&client, &company.dataset, &SourceLines::generated(&data_dir), None).await?;
                let elapsed = started.elapsed();
                let counts = client.counts().await?;
                let (nodes, rels) = (counts.total_nodes(), counts.total_relationships());
                println!(
                    "| {accounts} | {pass} | {} | {nodes} | {rels} | {:.1} | {:.0} | {:.0} | {} | {} |",
                    record_count(&company.dataset),
                    elapsed.as_secs_f64(),
                    nodes as f64 / elapsed.as_secs_f64(),
                    rels as f64 / elapsed.as_secs_f64(),
                    peak_rss_mib("self"),
                    local.pid().map_or("?".into(), |p| peak_rss_mib(&p.to_string())),
                );
            }
            if i == 0 {
                comparisons.push(per_row_comparison(&client, &company.dataset, args.per_row_records).await?);
                if let Some(python) = &args.python {
                    comparisons.push(python_comparison(&client, &company.dataset, python, home, args.batch_size).await?);
                }
            }
            anyhow::Ok(())
        }
        .await;
        if let Err(err) = &outcome {
            eprintln!("error: the {accounts}-account benchmark failed: {err:#}");
        }
        local.stop().await?;
        outcome?;
    }
    println!();
    for line in comparisons {
        println!("{line}");
    }
    Ok(())
}

async fn connect(uri: &str, batch_size: usize, concurrency: usize) -> anyhow::Result<GraphClient> {
    let mut config = GraphConfig::new(uri, "neo4j", "bench");
    config.write = WriteConfig {
        batch_size,
        concurrency,
        ..WriteConfig::default()
    };
    Ok(GraphClient::connect(config).await?)
}

fn record_count(d: &CompanyDataset) -> usize {
    let mut n = 0;
    macro_rules! count {
        ($($field:ident $file:literal $ty:ident),*) => { $( n += d.$field.len(); )* };
    }
    revpulse_ingest::with_record_kinds!(count);
    n
}

/// Peak resident memory of a process (`self` or a pid) from `/proc`, in MiB.
fn peak_rss_mib(pid: &str) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or("?".into(), |kb| (kb / 1024).to_string())
}

/// Loads the accounts' prerequisites, then writes the first `n` contacts one per
/// transaction and, after a reset, the same contacts batched.
async fn per_row_comparison(
    client: &GraphClient,
    d: &CompanyDataset,
    n: usize,
) -> anyhow::Result<String> {
    let contacts = &d.contacts[..n.min(d.contacts.len())];
    let per_row = WriteConfig {
        batch_size: 1,
        concurrency: 1,
        ..client.config().write.clone()
    };
    let batched = WriteConfig {
        concurrency: 1,
        ..client.config().write.clone()
    };
    reset_with_accounts(client, d).await?;
    let slow = client
        .write_records_with(contacts, &per_row, None)
        .await?
        .elapsed;
    reset_with_accounts(client, d).await?;
    let fast = client
        .write_records_with(contacts, &batched, None)
        .await?
        .elapsed;
    Ok(format!(
        "- batched vs one row per transaction ({} contacts): {:.0} rows/s vs {:.0} rows/s — **{:.1}×**",
        contacts.len(),
        rate(contacts.len(), fast),
        rate(contacts.len(), slow),
        slow.as_secs_f64() / fast.as_secs_f64().max(1e-9)
    ))
}

async fn reset_with_accounts(client: &GraphClient, d: &CompanyDataset) -> anyhow::Result<()> {
    client.delete_all_data().await?;
    client.write_records(&d.regions, None).await?;
    client.write_records(&d.users, None).await?;
    client.write_records(&d.teams, None).await?;
    client.write_records(&d.accounts, None).await?;
    Ok(())
}

fn rate(records: usize, elapsed: Duration) -> f64 {
    records as f64 / elapsed.as_secs_f64().max(1e-9)
}

/// Replays the identical batches through the official Python driver and through RevPulse
/// (both sequential, one transaction per batch, on an emptied database) and compares.
async fn python_comparison(
    client: &GraphClient,
    d: &CompanyDataset,
    python: &Path,
    home: &Path,
    batch_size: usize,
) -> anyhow::Result<String> {
    let export_path = home.join("bench").join("batches.jsonl");
    write_export(d, batch_size, &export_path)?;
    client.delete_all_data().await?;
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("bench")
        .join("neo4j_python_load.py");
    let output = tokio::process::Command::new(python)
        .arg(&script)
        .arg("--uri")
        .arg(&client.config().uri)
        .arg("--batches")
        .arg(&export_path)
        .output()
        .await
        .with_context(|| format!("running {}", python.display()))?;
    if !output.status.success() {
        bail!(
            "the Python driver load failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("reading the Python report")?;
    let python_seconds = report["seconds"]
        .as_f64()
        .context("the Python report has no `seconds`")?;
    client.delete_all_data().await?;
    bootstrap_schema(client).await?;
    let sequential = WriteConfig {
        concurrency: 1,
        ..client.config().write.clone()
    };
    let started = Instant::now();
    write_all_with(client, d, &sequential).await?;
    let rust_seconds = started.elapsed().as_secs_f64();
    Ok(format!(
        "- same batches, same server, sequential: RevPulse (neo4rs) {rust_seconds:.1} s vs official Python driver {python_seconds:.1} s — **{:.2}×**",
        python_seconds / rust_seconds.max(1e-9)
    ))
}

async fn write_all_with(
    client: &GraphClient,
    d: &CompanyDataset,
    policy: &WriteConfig,
) -> anyhow::Result<()> {
    macro_rules! write_all {
        ($($field:ident $file:literal $ty:ident),*) => {
            $( client.write_records_with(&d.$field, policy, None).await?; )*
        };
    }
    revpulse_ingest::with_record_kinds!(write_all);
    Ok(())
}

fn write_export(d: &CompanyDataset, batch_size: usize, path: &Path) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    macro_rules! export_all {
        ($($field:ident $file:literal $ty:ident),*) => {
            $(
                for batch in export_batches(&d.$field, batch_size) {
                    serde_json::to_writer(&mut out, &batch)?;
                    out.write_all(b"\n")?;
                }
            )*
        };
    }
    revpulse_ingest::with_record_kinds!(export_all);
    out.flush()?;
    Ok(())
}
