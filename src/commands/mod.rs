//! One module per subcommand; this file dispatches.

mod bench_load;
mod company;
mod demo;
mod eval_analytics;
mod ingest;
mod up;

use crate::cli::{BenchCommand, Cli, Command, EvalCommand};

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Up(args) => up::run(&cli.home, args).await,
        Command::Demo(args) => demo::run(&cli.home, args).await,
        Command::Ingest(args) => ingest::run(&cli.home, args).await,
        Command::Bench(BenchCommand::Load(args)) => bench_load::run(&cli.home, args).await,
        Command::Eval(EvalCommand::Analytics(args)) => eval_analytics::run(args),
    }
}
