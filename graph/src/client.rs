//! The connection to Neo4j: connect, check it answers, and classify driver errors.

use neo4rs::{ConfigBuilder, Graph, Neo4jClientErrorKind, Neo4jErrorKind, Query};

use crate::config::GraphConfig;
use crate::error::GraphError;

/// A live, pooled connection to the knowledge graph. Cheap to clone.
#[derive(Clone)]
pub struct GraphClient {
    graph: Graph,
    config: GraphConfig,
}

impl std::fmt::Debug for GraphClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphClient")
            .field("uri", &self.config.uri)
            .field("user", &self.config.user)
            .finish_non_exhaustive()
    }
}

impl GraphClient {
    /// Connects and runs a trivial query, so a database that is down or refuses the
    /// credentials is reported here, clearly, rather than on the first real query.
    pub async fn connect(config: GraphConfig) -> Result<Self, GraphError> {
        if config.write.batch_size == 0 {
            return Err(GraphError::Config(
                "write batch size must be at least 1".into(),
            ));
        }
        let mut builder = ConfigBuilder::default()
            .uri(config.uri.as_str())
            .user(config.user.as_str())
            .password(config.password.as_str())
            .max_connections(config.max_connections.max(1));
        if let Some(db) = &config.database {
            builder = builder.db(db.as_str());
        }
        let driver_config = builder
            .build()
            .map_err(|e| GraphError::Config(format!("{e} (uri: {})", config.uri)))?;
        let graph = Graph::connect(driver_config).map_err(|e| connect_error(&config, e))?;
        let client = Self { graph, config };
        client.ping().await?;
        Ok(client)
    }

    /// Runs `RETURN 1` to prove the server answers.
    pub async fn ping(&self) -> Result<(), GraphError> {
        let mut rows = self
            .graph
            .execute(neo4rs::query("RETURN 1 AS ok"))
            .await
            .map_err(|e| connect_error(&self.config, e))?;
        rows.next()
            .await
            .map_err(|e| connect_error(&self.config, e))?;
        Ok(())
    }

    /// The settings this client was built with.
    pub fn config(&self) -> &GraphConfig {
        &self.config
    }

    /// The underlying driver handle, for the query and write modules of this crate.
    pub(crate) fn driver(&self) -> &Graph {
        &self.graph
    }

    /// Runs a read query and collects its rows, mapping failures to [`GraphError::Query`].
    pub(crate) async fn fetch_rows(
        &self,
        name: &'static str,
        query: Query,
    ) -> Result<Vec<neo4rs::Row>, GraphError> {
        let span = tracing::info_span!("cypher", query = name, rows = tracing::field::Empty);
        let fetch = async {
            let mut stream = self
                .graph
                .execute_read(query)
                .await
                .map_err(|e| query_error(name, &e))?;
            let mut rows = Vec::new();
            while let Some(row) = stream.next().await.map_err(|e| query_error(name, &e))? {
                rows.push(row);
            }
            tracing::Span::current().record("rows", rows.len());
            Ok(rows)
        };
        tracing::Instrument::instrument(fetch, span).await
    }

    /// Runs a write query outside an explicit transaction (schema statements, maintenance).
    pub(crate) async fn run_write(
        &self,
        name: &'static str,
        query: Query,
    ) -> Result<(), GraphError> {
        self.graph
            .run(query)
            .await
            .map(|_| ())
            .map_err(|e| query_error(name, &e))
    }
}

/// Maps a failure to connect into "unreachable" or "authentication".
fn connect_error(config: &GraphConfig, err: neo4rs::Error) -> GraphError {
    let auth_failure = match &err {
        neo4rs::Error::AuthenticationError(_) => true,
        neo4rs::Error::Neo4j(e) => matches!(
            e.kind(),
            Neo4jErrorKind::Client(Neo4jClientErrorKind::Security(_))
        ),
        _ => false,
    };
    if auth_failure {
        GraphError::Authentication {
            uri: config.uri.clone(),
            user: config.user.clone(),
            reason: err.to_string(),
        }
    } else {
        GraphError::Unreachable {
            uri: config.uri.clone(),
            reason: err.to_string(),
        }
    }
}

/// Maps a query failure to [`GraphError::Query`].
pub(crate) fn query_error(name: &'static str, err: &neo4rs::Error) -> GraphError {
    GraphError::Query {
        query: name,
        reason: err.to_string(),
    }
}

/// Whether retrying the same transaction may succeed: the server's transient class
/// (deadlocks, leader switches, memory pressure) or a dropped connection.
pub(crate) fn is_transient(err: &neo4rs::Error) -> bool {
    match err {
        neo4rs::Error::Neo4j(e) => matches!(
            e.kind(),
            Neo4jErrorKind::Transient
                | Neo4jErrorKind::Client(Neo4jClientErrorKind::SessionExpired)
        ),
        neo4rs::Error::IOError { .. }
        | neo4rs::Error::ConnectionError
        | neo4rs::Error::ConnectionTimedOut
        | neo4rs::Error::RequestIgnoredError => true,
        _ => false,
    }
}

/// Whether the server rejected the write for breaking a schema constraint.
pub(crate) fn is_constraint_violation(err: &neo4rs::Error) -> bool {
    matches!(err, neo4rs::Error::Neo4j(e) if e.code().starts_with("Neo.ClientError.Schema.ConstraintValidationFailed"))
}
