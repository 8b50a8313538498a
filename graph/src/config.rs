//! How to reach Neo4j and how to write to it; built once by the binary and passed down.

use std::time::Duration;

/// Connection settings for any Neo4j 5 server, cluster or Aura instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphConfig {
    /// Bolt URI, e.g. `bolt://127.0.0.1:7687` or `neo4j+s://xxxx.databases.neo4j.io`.
    pub uri: String,
    /// User name.
    pub user: String,
    /// Password (never logged).
    pub password: String,
    /// Database name; `None` uses the server's default database.
    pub database: Option<String>,
    /// Upper bound on pooled connections.
    pub max_connections: usize,
    /// How the loader batches and retries writes.
    pub write: WriteConfig,
}

impl GraphConfig {
    /// Settings for `uri` with the given credentials and default pool and write behaviour.
    pub fn new(
        uri: impl Into<String>,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        Self {
            uri: uri.into(),
            user: user.into(),
            password: password.into(),
            database: None,
            max_connections: 8,
            write: WriteConfig::default(),
        }
    }
}

/// Batching and retry policy for writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteConfig {
    /// Records per `UNWIND` batch (one transaction each).
    pub batch_size: usize,
    /// How many times a batch is retried after a transient failure.
    pub max_retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub initial_backoff: Duration,
    /// Batches in flight at once (each on its own connection and transaction).
    pub concurrency: usize,
}

impl Default for WriteConfig {
    fn default() -> Self {
        Self {
            batch_size: 2_000,
            max_retries: 5,
            initial_backoff: Duration::from_millis(100),
            concurrency: 2,
        }
    }
}
