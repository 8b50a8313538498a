//! `revpulse eval agents`: the agent eval suites against the loaded company — expected facts
//! computed from its bronze records, the report written as JSON and Markdown, the exit status
//! failing when a threshold is missed.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use revpulse_evals::agents::{AgentEvalEnv, RunOptions, load_suites, run_suites, write_report};
use revpulse_ingest::bronze::read_bronze;
use revpulse_ingest::demo::GroundTruth;

use super::agent_env::AgentEnv;
use super::company::default_bronze_dir;
use crate::cli::EvalAgentsArgs;

/// Runs the command.
pub async fn run(home: &Path, args: EvalAgentsArgs) -> anyhow::Result<()> {
    let suites = load_suites(&args.suite).context("loading the suites")?;
    let cases: usize = suites.iter().map(|s| s.cases.len()).sum();
    let bronze_dir = default_bronze_dir(home);
    let bronze = read_bronze(&bronze_dir)
        .with_context(|| format!("reading the bronze records in {}", bronze_dir.display()))?;
    let truth = std::fs::read(bronze_dir.join("ground_truth.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<GroundTruth>(&bytes).ok());
    let env = AgentEnv::open(home, &args.agent.stores).await?;
    eprintln!(
        "· {} suites, {cases} cases, today {}; brain {}",
        suites.len(),
        env.today,
        env.coordinator.brain_name()
    );
    let eval_env = AgentEvalEnv {
        coordinator: env.coordinator.clone(),
        stores: env.stores.clone(),
        dataset: Arc::new(bronze.data),
        truth,
        users: env.users.clone(),
        today: env.today,
    };
    let options = RunOptions {
        repeats: args.repeats.max(1),
        ..RunOptions::default()
    };
    let report = run_suites(&eval_env, &suites, &options).await;
    env.db.close().await?;
    write_report(&report, &args.report)
        .with_context(|| format!("writing the report to {}", args.report.display()))?;
    for check in &report.checks {
        println!(
            "{:<24} {:>10} {:>8}  {}",
            check.metric,
            check
                .value
                .map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}")),
            check.bar,
            if check.passed { "pass" } else { "FAIL" }
        );
    }
    println!("report: {}", args.report.join("report.md").display());
    if !report.passed() {
        anyhow::bail!("the agent eval misses its thresholds (see the report)");
    }
    Ok(())
}
