//! Readiness: whether the stores an answer needs answer — the graph, the search index and the
//! app database — each checked with a deadline and reported by name.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use serde::Serialize;

/// One dependency's check.
pub type Probe = Arc<dyn Fn() -> BoxFuture<'static, Result<(), String>> + Send + Sync>;

/// The named checks.
#[derive(Clone, Default)]
pub struct Readiness {
    probes: Vec<(String, Probe)>,
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProbeResult {
    /// The dependency.
    pub name: String,
    /// Whether it answered.
    pub ok: bool,
    /// Milliseconds it took.
    pub elapsed_ms: u128,
    /// The error.
    pub error: Option<String>,
}

/// Each check's deadline.
const DEADLINE: Duration = Duration::from_secs(3);

impl Readiness {
    /// No checks.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the check `name`.
    pub fn with(mut self, name: &str, probe: Probe) -> Self {
        self.probes.push((name.to_owned(), probe));
        self
    }

    /// Runs every check concurrently.
    pub async fn check(&self) -> Vec<ProbeResult> {
        let runs = self.probes.iter().map(|(name, probe)| async move {
            let started = Instant::now();
            let result = match tokio::time::timeout(DEADLINE, probe()).await {
                Ok(result) => result,
                Err(_) => Err(format!("no answer within {} s", DEADLINE.as_secs())),
            };
            ProbeResult {
                name: name.clone(),
                ok: result.is_ok(),
                elapsed_ms: started.elapsed().as_millis(),
                error: result.err(),
            }
        });
        futures::future::join_all(runs).await
    }
}

impl Readiness {
    /// The standard checks: the graph answers a query, the search index counts its passages,
    /// the app database answers.
    pub fn standard(
        graph: revpulse_graph::GraphClient,
        search: Arc<dyn revpulse_search::SearchIndex>,
        app: revpulse_gateway_store::AppStore,
    ) -> Self {
        Self::new()
            .with(
                "neo4j",
                Arc::new(move || {
                    let graph = graph.clone();
                    Box::pin(async move { graph.ping().await.map_err(|e| e.to_string()) })
                }),
            )
            .with(
                "search",
                Arc::new(move || {
                    let search = search.clone();
                    Box::pin(
                        async move { search.count().await.map(|_| ()).map_err(|e| e.to_string()) },
                    )
                }),
            )
            .with(
                "app_database",
                Arc::new(move || {
                    let app = app.clone();
                    Box::pin(async move { app.ping().await.map_err(|e| e.to_string()) })
                }),
            )
    }
}
