//! One module per subcommand; this file dispatches.

mod agent_env;
mod ask;
mod audit;
mod bench_load;
mod bench_search;
mod brief;
mod company;
mod demo;
mod eval_agents;
mod eval_analytics;
mod ingest;
mod mcp;
mod search;
mod search_index;
mod serve;
mod token;
mod up;

use crate::cli::{AuditCommand, BenchCommand, Cli, Command, EvalCommand, TokenCommand};

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
        Command::Serve(args) => serve::run(&cli.home, args).await,
        Command::Mcp(args) => mcp::run(&cli.home, args).await,
        Command::Token(TokenCommand::Issue(args)) => token::issue(&cli.home, args).await,
        Command::Token(TokenCommand::List(args)) => token::list(&cli.home, args).await,
        Command::Token(TokenCommand::Revoke(args)) => token::revoke(&cli.home, args).await,
        Command::Audit(AuditCommand::Verify(args)) => audit::verify(&cli.home, args).await,
        Command::Eval(EvalCommand::Analytics(args)) => eval_analytics::run(args),
        Command::Eval(EvalCommand::Agents(args)) => eval_agents::run(&cli.home, args).await,
    }
}
