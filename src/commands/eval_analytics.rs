//! `revpulse eval analytics`: the analytics backtests on the demo company, printed, and the
//! exports the peer-comparison scripts in `evals/scripts/` read.

use anyhow::Context;
use revpulse_evals::backtest::attribution::{
    JourneyOptions, attribution_backtest, export_attribution_comparison,
};
use revpulse_evals::backtest::competitive::churn::ChurnBacktestConfig;
use revpulse_evals::backtest::competitive::export::export_churn_comparison;
use revpulse_evals::backtest::forecast::{ForecastEvalConfig, run as forecast_eval};
use revpulse_evals::backtest::win_probability::{
    WinBacktest, WinBacktestConfig, export_win_model_comparison,
};
use revpulse_ingest::demo::{DemoConfig, generate};

use super::company::today;
use crate::cli::EvalAnalyticsArgs;

/// Runs the command.
pub fn run(args: EvalAnalyticsArgs) -> anyhow::Result<()> {
    let config = DemoConfig::new(args.company.seed, today(&args.company))
        .with_accounts(args.company.accounts);
    eprintln!(
        "· generating the demo company (seed {}, {} accounts) …",
        config.seed, config.accounts
    );
    let company = generate(&config)?;

    eprintln!("· win probability backtest …");
    let win_config = WinBacktestConfig::for_company(&company.truth);
    let win = WinBacktest::run(&company, &win_config)?;
    println!(
        "## Win probability (time-based split)\n{}\n",
        pretty(&win.report(&company.truth))?
    );

    eprintln!("· forecast, risk rules, slippage and funnel …");
    println!(
        "{}",
        forecast_eval(&company, ForecastEvalConfig::default())?
    );

    eprintln!("· attribution …");
    let attribution = attribution_backtest(&company, &JourneyOptions::default())?;
    println!("## Attribution: rank correlation with the generator's true campaign influence");
    for model in &attribution.models {
        let rho = model
            .per_journey
            .map_or("n/a".to_string(), |r| format!("{r:.3}"));
        println!("  {:<16} {rho}", format!("{:?}", model.model));
    }
    println!();

    eprintln!("· competitors, churn, expansion, sentiment …");
    let competitive = revpulse_evals::backtest::competitive::run(&company)?;
    println!(
        "## Competitive intelligence, churn and expansion\n{}",
        pretty(&competitive)?
    );

    if let Some(dir) = &args.export {
        eprintln!(
            "· exporting the peer-comparison inputs to {} …",
            dir.display()
        );
        for part in ["win", "attribution", "churn"] {
            let sub = dir.join(part);
            std::fs::create_dir_all(&sub).with_context(|| format!("creating {}", sub.display()))?;
        }
        export_win_model_comparison(&company, &win_config, &dir.join("win"))?;
        export_attribution_comparison(&dir.join("attribution"), &company, args.synthetic_paths)?;
        export_churn_comparison(
            &company,
            &dir.join("churn"),
            &ChurnBacktestConfig::default(),
        )?;
    }
    Ok(())
}

fn pretty(value: &impl serde::Serialize) -> anyhow::Result<String> {
    serde_json::to_string_pretty(value).context("formatting a report")
}
