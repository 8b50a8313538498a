//! One module per subcommand; this file dispatches.

mod agent_env;
mod ask;
mod bench_load;
mod bench_search;
mod brief;
mod company;
mod demo;
mod eval_agents;
mod eval_analytics;
mod ingest;
mod search;
mod search_index;
mod up;

use crate::cli::{BenchCommand, Cli, Command, EvalCommand};

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Up(args) => up::run(&cli.home, args).await,
        Command::Demo(args) => demo::run(&cli.home, args).await,
        Command::Ingest(args) => ingest::run(&cli.home, args).await,
        Command::Search(args) => search::run(&cli.home, args).await,
        Command::Bench(BenchCommand::Load(args)) => bench_load::run(&cli.home, args).await,
        Command::Bench(BenchCommand::Search(args)) => bench_search::run(args).await,
        Command::Ask(args) => ask::run_ask(&cli.home, args).await,
        Command::Chat(args) => ask::run_chat(&cli.home, args).await,
        Command::Brief(args) => brief::run(&cli.home, args).await,
        Command::Eval(EvalCommand::Analytics(args)) => eval_analytics::run(args),
        Command::Eval(EvalCommand::Agents(args)) => eval_agents::run(&cli.home, args).await,
    }
}
