//! Getting a graph connection: to the configured Neo4j, or to a local one started here.

use std::path::Path;

use anyhow::Context;
use revpulse_graph::{GraphClient, GraphConfig, WriteConfig};
use revpulse_local_neo4j::{LocalNeo4j, LocalNeo4jConfig, default_launcher_dir};

use crate::cli::GraphArgs;

/// A connected graph, and the local Neo4j behind it when RevPulse started one.
pub struct Database {
    /// The connection.
    pub client: GraphClient,
    /// The local server, if any.
    pub local: Option<LocalNeo4j>,
}

impl Database {
    /// Connects to `NEO4J_URI` when given; otherwise starts the local Neo4j whose data lives
    /// in `data_dir`.
    pub async fn open(args: &GraphArgs, data_dir: &Path) -> anyhow::Result<Self> {
        let (uri, local) = match &args.neo4j_uri {
            Some(uri) => (uri.clone(), None),
            None => {
                let local = start_local(data_dir, args.bolt_port).await?;
                (local.bolt_uri().to_string(), Some(local))
            }
        };
        let mut config = GraphConfig::new(uri, &args.neo4j_user, &args.neo4j_password);
        config.database = args.neo4j_database.clone();
        config.write = WriteConfig {
            batch_size: args.batch_size,
            concurrency: args.write_concurrency,
            ..WriteConfig::default()
        };
        let client = GraphClient::connect(config).await?;
        Ok(Self { client, local })
    }

    /// Where the graph listens.
    pub fn uri(&self) -> &str {
        &self.client.config().uri
    }

    /// Runs `work` on the connection, then stops the local Neo4j whatever the outcome.
    pub async fn run<T>(
        self,
        work: impl AsyncFnOnce(&GraphClient) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let result = work(&self.client).await;
        self.close().await?;
        result
    }

    /// Stops the local Neo4j, if RevPulse started one.
    pub async fn close(self) -> anyhow::Result<()> {
        if let Some(local) = self.local {
            local.stop().await.context("stopping the local Neo4j")?;
        }
        Ok(())
    }
}

/// Starts the embedded Neo4j with its data in `data_dir`.
pub async fn start_local(data_dir: &Path, bolt_port: u16) -> anyhow::Result<LocalNeo4j> {
    let mut config = LocalNeo4jConfig::new(default_launcher_dir(), data_dir.to_path_buf());
    config.bolt_port = bolt_port;
    // Room for the 10x demo company; the defaults suit tests.
    config.heap_mb = 2048;
    config.pagecache_mb = 1024;
    eprintln!("· starting local Neo4j (data in {}) …", data_dir.display());
    let local = LocalNeo4j::start(config).await.context(
        "starting the local Neo4j (run `deploy/neo4j/install.sh` once if it is not installed)",
    )?;
    eprintln!("· Neo4j is up at {}", local.bolt_uri());
    Ok(local)
}
