//! `revpulse up`: RevPulse on the demo company — Neo4j started, the company loaded, the
//! pipeline summarised and checked against the bronze files, Neo4j kept up until Ctrl-C.

use std::path::Path;

use anyhow::bail;
use revpulse_graph::GraphClient;
use revpulse_graph::model::Quarter;
use revpulse_graph::queries::{PipelineDimension, PipelineQuery};
use revpulse_ingest::bronze::{BronzeManifest, SourceLines, read_bronze};
use revpulse_ingest::recompute;

use super::company::{default_bronze_dir, generate_and_write, load, today};
use super::search_index;
use crate::cli::{StoreArgs, UpArgs};
use revpulse_gateway::config::{GatewayConfig, Mode};

use super::agent_env::AgentEnv;
use super::serve::serve;
use crate::database::Database;
use crate::print::{counts_summary, pipeline_table};

/// Runs the command.
pub async fn run(home: &Path, args: UpArgs) -> anyhow::Result<()> {
    let bronze_dir = default_bronze_dir(home);
    let previous = read_manifest(&bronze_dir);
    let (company, manifest) = generate_and_write(&args.company, &bronze_dir)?;
    let db = Database::open(&args.graph, &home.join("neo4j")).await?;
    let uri = db.uri().to_string();
    db.run(async |client| {
        if previous.as_ref() != Some(&manifest) {
            eprintln!("· the demo company changed since the last load: replacing the graph's data");
            client.delete_all_data().await?;
        }
        let lines = SourceLines::generated(&bronze_dir);
        load(client, &company.dataset, &lines).await?;
        search_index::build(home, &args.index, &company.dataset).await?;
        summarise(client, &bronze_dir, today(&args.company)).await?;
        println!("\nNeo4j is listening at {uri} (user neo4j, any password).");
        println!("Bronze files and ground truth: {}", bronze_dir.display());
        if !args.index.no_index {
            println!(
                "Conversation search index: {} (try: revpulse search \"pricing objections\")",
                search_index::index_dir(home, &args.index).display()
            );
        }
        if !args.exit {
            serve_gateway(home, &args, &uri).await?;
            eprintln!("· stopping …");
        }
        Ok(())
    })
    .await
}

/// Ends `up` with the gateway listening (development mode, development login on) until Ctrl-C,
/// reading the Neo4j `up` loaded (at `uri`, whatever port it ended up on).
async fn serve_gateway(home: &Path, args: &UpArgs, uri: &str) -> anyhow::Result<()> {
    let mut config = GatewayConfig::load(None, |k| std::env::var(k).ok())?;
    config.dev_login = config.mode == Mode::Development;
    config.telemetry.log_filter = "warn".into();
    let _telemetry =
        revpulse_gateway::ops::telemetry::init(&config.telemetry).map_err(anyhow::Error::msg)?;
    let mut graph = args.graph.clone();
    graph.neo4j_uri = Some(uri.to_owned());
    let stores = StoreArgs {
        today: Some(today(&args.company)),
        graph,
        index: args.index.clone(),
    };
    let env = AgentEnv::open(home, &stores).await?;
    println!(
        "\nRevPulse is up: ask in the GraphQL playground, connect an MCP client, or run `revpulse ask`."
    );
    let served = serve(home, &config, &env).await;
    env.db.close().await?;
    served
}

fn read_manifest(bronze_dir: &Path) -> Option<BronzeManifest> {
    let text = std::fs::read(bronze_dir.join("manifest.json")).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Prints counts and this quarter's pipeline by stage, and fails unless the graph's numbers
/// equal a recomputation from the bronze files on disk.
async fn summarise(
    client: &GraphClient,
    bronze_dir: &Path,
    today: chrono::NaiveDate,
) -> anyhow::Result<()> {
    println!("\n{}", counts_summary(&client.counts().await?));
    let quarter = Quarter::containing(today);
    let this_quarter = PipelineQuery {
        as_of: today,
        close_from: Some(quarter.start()),
        close_to: Some(quarter.end()),
        by: PipelineDimension::Stage,
    };
    let all_open = PipelineQuery {
        close_from: None,
        close_to: None,
        ..this_quarter
    };
    let bronze = read_bronze(bronze_dir)?;
    for (title, q) in [
        (
            format!("\nOpen pipeline closing in {quarter}, by stage, as of {today}"),
            this_quarter,
        ),
        (
            format!("\nAll open pipeline, by stage, as of {today}"),
            all_open,
        ),
    ] {
        let from_graph = client.pipeline(&q).await?;
        println!("{}", pipeline_table(&title, &from_graph));
        if from_graph != recompute::pipeline(&bronze.data, &q) {
            bail!(
                "the graph's pipeline differs from a recomputation from {}",
                bronze_dir.display()
            );
        }
    }
    let by_region = client
        .pipeline(&PipelineQuery {
            by: PipelineDimension::Region,
            ..this_quarter
        })
        .await?;
    println!(
        "{}",
        pipeline_table(
            &format!("\nPipeline closing in {quarter}, by region"),
            &by_region
        )
    );
    println!("✓ every figure above equals a recomputation from the bronze files");
    Ok(())
}
