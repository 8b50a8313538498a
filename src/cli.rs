//! Command-line flags, with help text a new user can follow.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// RevPulse, the Revenue Command Center: ask your revenue data why.
#[derive(Debug, Parser)]
#[command(
    name = "revpulse",
    version,
    about = "RevPulse, the Revenue Command Center: ask your revenue data why.",
    after_help = "Start here: `revpulse up` starts a local Neo4j, loads the demo company and prints \
                  its pipeline. Set NEO4J_URI to use your own Neo4j instead."
)]
pub struct Cli {
    /// Where RevPulse keeps local state (the local Neo4j's data, demo bronze files).
    #[arg(
        long,
        env = "REVPULSE_HOME",
        default_value = ".revpulse",
        global = true
    )]
    pub home: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start RevPulse on the demo company: a local Neo4j, the demo data loaded, a pipeline
    /// summary; keeps Neo4j running until Ctrl-C.
    Up(UpArgs),
    /// Generate the demo company, write its bronze copy and ground truth, and load the graph.
    Demo(DemoArgs),
    /// Load an existing bronze folder (one JSONL file per record kind) into the graph.
    Ingest(IngestArgs),
    /// Search the calls, emails, meetings and tickets: keyword, semantic or hybrid, with
    /// metadata filters and an optional access scope.
    Search(SearchArgs),
    /// Benchmarks of whole pipelines.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Ask one question and print the answer with its sources, streaming the steps.
    Ask(AskArgs),
    /// A conversation: one question per line, follow-ups keep the context.
    Chat(ChatArgs),
    /// The executive brief: pipeline health, forecast vs quota, slippage, risk, wins and
    /// losses, competitor trend and recommended actions.
    Brief(BriefArgs),
    /// Serve the gateway: GraphQL (with streamed answers), MCP over HTTP, health, readiness and
    /// metrics, for the web workspace, chat bots and other AI tools.
    Serve(ServeArgs),
    /// Serve the tool catalogue, briefs and deal summaries over MCP on standard input/output,
    /// for an AI tool that starts RevPulse as a subprocess.
    Mcp(McpArgs),
    /// API tokens for service accounts and bots: issue (the secret is shown once), list, revoke.
    #[command(subcommand)]
    Token(TokenCommand),
    /// The audit log: verify its hash chain.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Evaluations against the demo company's ground truth.
    #[command(subcommand)]
    Eval(EvalCommand),
}

/// What every agent command needs: the graph, the index, who is asking and when.
#[derive(Debug, Args, Clone)]
pub struct AgentArgs {
    /// Who is asking: a user id (U-0001), email or full name; their role sets what they may
    /// see. Default: the CRO.
    #[arg(long = "as", value_name = "USER")]
    pub as_user: Option<String>,
    /// The graph, the index and the day.
    #[command(flatten)]
    pub stores: StoreArgs,
}

/// What answering needs: the graph, the conversation index and the day.
#[derive(Debug, Args, Clone)]
pub struct StoreArgs {
    /// The day that counts as today [default: the demo company's today, else the date].
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArgs,
    /// The conversation index.
    #[command(flatten)]
    pub index: IndexArgs,
}

/// Flags of `revpulse serve`.
#[derive(Debug, Args)]
#[command(
    after_help = "Configuration: a TOML file (--config), then REVPULSE_* environment \
                        variables, then these flags; see docs/gateway-config.schema.json.\n\
                        Example (after `revpulse up --exit`):\n  revpulse serve --dev-login"
)]
pub struct ServeArgs {
    /// The gateway's configuration file (TOML).
    #[arg(long, env = "REVPULSE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long)]
    pub listen: Option<std::net::SocketAddr>,
    /// Production mode: no playground, no introspection, no development login.
    #[arg(long)]
    pub production: bool,
    /// Accept `Authorization: Bearer dev:<user id>` (development mode only).
    #[arg(long)]
    pub dev_login: bool,
    /// The graph, the index and the day.
    #[command(flatten)]
    pub stores: StoreArgs,
}

/// Flags of `revpulse mcp`.
#[derive(Debug, Args)]
#[command(after_help = "An MCP client starts it, e.g.: revpulse mcp --as U-0002")]
pub struct McpArgs {
    /// Who the AI tool acts for, and the graph, index and day.
    #[command(flatten)]
    pub agent: AgentArgs,
}

/// API token commands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue a token; its secret is printed once and cannot be shown again.
    Issue(TokenIssueArgs),
    /// List tokens (never their secrets).
    List(AppDbArgs),
    /// Revoke a token by id.
    Revoke(TokenRevokeArgs),
}

/// Where the app database is.
#[derive(Debug, Args)]
pub struct AppDbArgs {
    /// App database URL (`sqlite://…` or `postgres://…`) [default: <home>/app.db].
    #[arg(long, env = "REVPULSE_APP_DATABASE_URL")]
    pub app_database_url: Option<String>,
}

/// Flags of `revpulse token issue`.
#[derive(Debug, Args)]
pub struct TokenIssueArgs {
    /// A label, e.g. `slack-bot`.
    #[arg(long)]
    pub name: String,
    /// The role it acts with: cro, executive, regional_vp, manager, rep, marketing, finance,
    /// customer_success.
    #[arg(long)]
    pub role: String,
    /// The subject recorded in the audit log [default: the name].
    #[arg(long)]
    pub subject: Option<String>,
    /// The graph user it acts as (needed by regional_vp, manager and rep).
    #[arg(long)]
    pub user: Option<String>,
    /// Days until it expires [default: never].
    #[arg(long)]
    pub expires_in_days: Option<i64>,
    /// The app database.
    #[command(flatten)]
    pub db: AppDbArgs,
}

/// Flags of `revpulse token revoke`.
#[derive(Debug, Args)]
pub struct TokenRevokeArgs {
    /// The token's id (from `revpulse token list`).
    pub id: i64,
    /// The app database.
    #[command(flatten)]
    pub db: AppDbArgs,
}

/// Audit log commands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute every entry's hash and report the first broken link; fails when one is found.
    Verify(AppDbArgs),
}

/// Flags of `revpulse ask`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples (after `revpulse up`):\n  revpulse ask \"Why is the forecast below target?\"\n  \
                  revpulse ask \"Which deals are at risk this quarter?\" --as \"U-0003\"\n  \
                  revpulse ask \"What objections did the customer raise?\" --json"
)]
pub struct AskArgs {
    /// The question, in plain language.
    pub question: String,
    /// Print the whole answer (text, sections, citations, trace) as JSON.
    #[arg(long)]
    pub json: bool,
    /// Who, when, where.
    #[command(flatten)]
    pub agent: AgentArgs,
}

/// Flags of `revpulse brief`.
#[derive(Debug, Args)]
pub struct BriefArgs {
    /// The weekly summary instead of the daily brief.
    #[arg(long)]
    pub weekly: bool,
    /// Print the structured brief and the answer as JSON instead of Markdown.
    #[arg(long)]
    pub json: bool,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Who, when, where.
    #[command(flatten)]
    pub agent: AgentArgs,
}

/// Flags of `revpulse chat`.
#[derive(Debug, Args)]
pub struct ChatArgs {
    /// Who, when, where.
    #[command(flatten)]
    pub agent: AgentArgs,
}

/// The evaluations.
// Parsed once per process; boxing a variant would only complicate the derive.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Backtest the analytics on the demo company (win probability, forecast, risk rules,
    /// funnel, attribution, churn, competitors) and optionally export the inputs the
    /// peer-comparison scripts read (`scripts/compare-analytics` does both).
    Analytics(EvalAnalyticsArgs),
    /// Run the agent eval suites against the loaded demo company (after `revpulse up` or
    /// `revpulse demo`) and write a JSON and Markdown report; fails when a threshold is missed.
    Agents(EvalAgentsArgs),
}

/// Flags of `revpulse eval agents`.
#[derive(Debug, Args)]
pub struct EvalAgentsArgs {
    /// Suite files or folders of them (repeatable).
    #[arg(long, default_value = "evals/suites")]
    pub suite: Vec<PathBuf>,
    /// Folder for report.json and report.md.
    #[arg(long, default_value = "out/agent-eval")]
    pub report: PathBuf,
    /// Times each case is asked (pass^k).
    #[arg(long, default_value_t = 1)]
    pub repeats: usize,
    /// The graph, the index and the day.
    #[command(flatten)]
    pub agent: AgentArgs,
}

/// Flags of `revpulse eval analytics`.
#[derive(Debug, Args)]
pub struct EvalAnalyticsArgs {
    /// The demo company.
    #[command(flatten)]
    pub company: CompanyArgs,
    /// Write the peer-comparison inputs (CSV / JSON) to this folder.
    #[arg(long)]
    pub export: Option<PathBuf>,
    /// Synthetic journeys added to the attribution export for the speed comparison.
    #[arg(long, default_value_t = 1_000_000)]
    pub synthetic_paths: usize,
}

/// Which Neo4j to use.
#[derive(Debug, Args, Clone)]
pub struct GraphArgs {
    /// Bolt URI of a running Neo4j 5 (server, cluster or Aura). Unset: RevPulse starts its
    /// own local Neo4j under `--home`.
    #[arg(long, env = "NEO4J_URI")]
    pub neo4j_uri: Option<String>,
    /// Neo4j user.
    #[arg(long, env = "NEO4J_USER", default_value = "neo4j")]
    pub neo4j_user: String,
    /// Neo4j password (the local Neo4j accepts any).
    #[arg(
        long,
        env = "NEO4J_PASSWORD",
        default_value = "revpulse",
        hide_env_values = true
    )]
    pub neo4j_password: String,
    /// Database name (default: the server's default database).
    #[arg(long, env = "NEO4J_DATABASE")]
    pub neo4j_database: Option<String>,
    /// Bolt port for the local Neo4j (0 = any free port).
    #[arg(long, default_value_t = 7687)]
    pub bolt_port: u16,
    /// Records per write transaction.
    #[arg(long, default_value_t = 2000)]
    pub batch_size: usize,
    /// Write transactions in flight at once.
    #[arg(long, default_value_t = 1)]
    pub write_concurrency: usize,
}

/// What demo company to make.
#[derive(Debug, Args, Clone)]
pub struct CompanyArgs {
    /// Random seed; the same seed and "today" always give the same company.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Number of accounts (10 to 50,000); opportunities, activities etc. scale with it.
    #[arg(long, default_value_t = 600)]
    pub accounts: usize,
    /// The company's "today" (YYYY-MM-DD); history runs up to it. Default: the current date.
    #[arg(long)]
    pub today: Option<chrono::NaiveDate>,
}

/// Flags of `revpulse up`.
#[derive(Debug, Args)]
pub struct UpArgs {
    /// The demo company.
    #[command(flatten)]
    pub company: CompanyArgs,
    /// The graph.
    #[command(flatten)]
    pub index: IndexArgs,
    #[command(flatten)]
    pub graph: GraphArgs,
    /// Stop after printing the summary instead of keeping Neo4j running.
    #[arg(long)]
    pub exit: bool,
}

/// Flags of `revpulse demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The demo company.
    #[command(flatten)]
    pub company: CompanyArgs,
    /// The graph.
    #[command(flatten)]
    pub index: IndexArgs,
    #[command(flatten)]
    pub graph: GraphArgs,
    /// Where to write the bronze files and ground truth (default: <home>/demo/bronze).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Delete everything in the graph before loading.
    #[arg(long)]
    pub fresh: bool,
}

/// Flags of `revpulse ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The bronze folder to load.
    #[arg(long)]
    pub bronze: PathBuf,
    /// The graph.
    #[command(flatten)]
    pub index: IndexArgs,
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// The benchmarks.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Conversation search: passages indexed per second, query latency, memory.
    Search(BenchSearchArgs),
    /// Load the default and larger demo companies into fresh local Neo4j instances and report
    /// nodes and relationships per second, peak memory, and the comparisons of BENCHMARKS.md.
    Load(BenchLoadArgs),
}

/// Flags of `revpulse bench load`.
#[derive(Debug, Args)]
pub struct BenchLoadArgs {
    /// Company sizes in accounts, comma separated.
    #[arg(long, value_delimiter = ',', default_value = "600,6000")]
    pub accounts: Vec<usize>,
    /// Seed.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Records written one per transaction for the per-row comparison.
    #[arg(long, default_value_t = 3000)]
    pub per_row_records: usize,
    /// Python interpreter with the official `neo4j` driver, for the driver comparison
    /// (skipped when unset).
    #[arg(long, env = "REVPULSE_BENCH_PYTHON")]
    pub python: Option<PathBuf>,
    /// Records per write transaction.
    #[arg(long, default_value_t = 2000)]
    pub batch_size: usize,
    /// Write transactions in flight at once.
    #[arg(long, default_value_t = 1)]
    pub write_concurrency: usize,
}

/// Where the conversation search index and its embedding model live.
#[derive(Debug, Args, Clone)]
pub struct IndexArgs {
    /// Folder of the conversation search index [default: <home>/search].
    #[arg(long, env = "REVPULSE_INDEX_DIR")]
    pub index_dir: Option<PathBuf>,
    /// Folder of the MiniLM embedding model (config.json, tokenizer.json,
    /// model.safetensors) [default: the one scripts/setup installs].
    #[arg(long, env = "REVPULSE_MODEL_DIR")]
    pub model_dir: Option<PathBuf>,
    /// Do not build the conversation search index.
    #[arg(long)]
    pub no_index: bool,
}

/// `revpulse search`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  revpulse search \"pricing objections\" --filter region=EMEA\n  \
                  revpulse search \"security review\" --mode keyword --filter source_type=email,call_transcript\n  \
                  revpulse search \"budget\" --scope-rep u-0007 --from 2026-07-01"
)]
pub struct SearchArgs {
    /// What to look for, in plain language.
    pub query: String,
    /// Ranking: keyword (BM25), semantic (MiniLM embeddings) or hybrid (both, fused).
    #[arg(long, default_value = "hybrid")]
    pub mode: String,
    /// Most hits to show (1 to 200).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// A metadata condition FIELD=VALUE[,VALUE…]; repeat for more (all must hold). Fields:
    /// deal_id, account_id, stage, region, product_line, sales_rep, competitor_mentioned,
    /// source_type.
    #[arg(long = "filter", value_name = "FIELD=VALUES")]
    pub filters: Vec<String>,
    /// Only passages on or after this day (UTC).
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// Only passages before this day (UTC).
    #[arg(long)]
    pub to: Option<chrono::NaiveDate>,
    /// Search as someone who may see only these regions (repeatable; with the other
    /// --scope flags a passage is visible when any grant admits it).
    #[arg(long)]
    pub scope_region: Vec<String>,
    /// Search as someone who may see only these sellers' passages (repeatable).
    #[arg(long)]
    pub scope_rep: Vec<String>,
    /// Search as someone who may see only these accounts' passages (repeatable).
    #[arg(long)]
    pub scope_account: Vec<String>,
    /// Print the hits as JSON.
    #[arg(long)]
    pub json: bool,
    /// Bronze folder to rebuild a damaged index from [default: <home>/demo/bronze].
    #[arg(long)]
    pub bronze: Option<PathBuf>,
    #[command(flatten)]
    pub index: IndexArgs,
}

/// `revpulse bench search`.
#[derive(Debug, Args)]
pub struct BenchSearchArgs {
    /// Index sizes in passages, comma separated; passages come from demo companies large
    /// enough to supply them (the default company has about 42,000).
    #[arg(long, value_delimiter = ',', default_value = "42065,100000")]
    pub passages: Vec<usize>,
    /// Seed of the demo companies.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Queries timed per mode and scope.
    #[arg(long, default_value_t = 60)]
    pub queries: usize,
    /// Folder of the MiniLM model [default: the one scripts/setup installs].
    #[arg(long, env = "REVPULSE_MODEL_DIR")]
    pub model_dir: Option<PathBuf>,
}
