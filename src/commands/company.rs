//! The steps `demo` and `up` share: generate the company, write its bronze copy, load it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use revpulse_graph::GraphClient;
use revpulse_ingest::bronze::{BronzeManifest, SourceLines, write_bronze};
use revpulse_ingest::demo::{DemoCompany, DemoConfig, generate};
use revpulse_ingest::{LoadReport, load_dataset};

use crate::cli::CompanyArgs;
use crate::print::LoadProgress;

/// The demo company's "today": the flag, or the current date.
pub fn today(args: &CompanyArgs) -> NaiveDate {
    args.today
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// Generates the company and writes its bronze folder and ground truth to `bronze_dir`.
pub fn generate_and_write(
    args: &CompanyArgs,
    bronze_dir: &Path,
) -> anyhow::Result<(DemoCompany, BronzeManifest)> {
    let today = today(args);
    let config = DemoConfig::new(args.seed, today).with_accounts(args.accounts);
    let started = Instant::now();
    eprintln!(
        "· generating the demo company (seed {}, {} accounts, today {today}) …",
        args.seed, args.accounts
    );
    let company = generate(&config).context("generating the demo company")?;
    eprintln!("· generated in {:.1}s", started.elapsed().as_secs_f64());
    let truth = serde_json::to_value(&company.truth).context("serialising the ground truth")?;
    let manifest = write_bronze(
        bronze_dir,
        &company.dataset,
        "revpulse demo",
        Some(args.seed),
        today,
        &[("ground_truth.json", &truth)],
    )?;
    eprintln!(
        "· bronze copy and ground truth written to {}",
        bronze_dir.display()
    );
    Ok((company, manifest))
}

/// Default bronze folder under the home folder.
pub fn default_bronze_dir(home: &Path) -> PathBuf {
    home.join("demo").join("bronze")
}

/// Loads a dataset with progress lines and a closing summary line.
pub async fn load(
    client: &GraphClient,
    data: &revpulse_ingest::dataset::CompanyDataset,
    lines: &SourceLines,
) -> anyhow::Result<LoadReport> {
    let progress = LoadProgress::new();
    let report_progress =
        |kind: &'static str, done: usize, total: usize| progress.report(kind, done, total);
    let started = Instant::now();
    eprintln!("· loading the graph …");
    let report = load_dataset(client, data, lines, Some(&report_progress)).await?;
    eprintln!(
        "· loaded {} records in {:.1}s ({} transient retries)",
        report.records(),
        started.elapsed().as_secs_f64(),
        report.retries()
    );
    Ok(report)
}
