//! The router and what its handlers share.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use metrics_exporter_prometheus::PrometheusHandle;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, TraceLayer};
use tracing::Level;

use super::{Gatekeeper, RateLimiter, graphql, health};
use crate::config::{LimitsConfig, Mode};
use crate::ops::in_flight::InFlight;
use crate::ops::readiness::Readiness;
use crate::service::RevPulseService;

/// What every handler reads.
#[derive(Clone)]
pub struct AppState {
    /// The service.
    pub service: RevPulseService,
    /// Authentication and scope.
    pub gatekeeper: Gatekeeper,
    /// The GraphQL schema.
    pub schema: async_graphql::dynamic::Schema,
    /// Per-principal rate limits.
    pub limiter: Arc<RateLimiter>,
    /// Dependency checks.
    pub readiness: Readiness,
    /// The Prometheus handle.
    pub metrics: Option<PrometheusHandle>,
    /// Answers streaming.
    pub in_flight: InFlight,
    /// Development or production.
    pub mode: Mode,
    /// Limits.
    pub limits: LimitsConfig,
    /// The web workspace's files.
    pub web_dir: Option<PathBuf>,
}

/// The whole router; `streaming` holds routes that must not be cut off by the request
/// timeout (MCP's event streams).
pub fn router(state: AppState, streaming: Router) -> Router {
    let timeout = Duration::from_secs(state.limits.request_timeout_secs);
    let timed = Router::new()
        .route("/graphql", post(graphql::execute).get(graphql::playground))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::GATEWAY_TIMEOUT,
            timeout,
        ));
    let body_limit = state.limits.body_limit_bytes;
    let web_dir = state.web_dir.clone();
    let mut app = Router::new()
        .merge(timed)
        .route("/graphql/ws", get(graphql::websocket))
        .with_state(state)
        .merge(streaming);
    if let Some(dir) = web_dir {
        app = app.fallback_service(ServeDir::new(dir));
    }
    // Each request's span at INFO (tower-http's default, DEBUG, is dropped by the default
    // `info` filter): the root of its trace, request → agent → tool → cypher.
    let traced =
        TraceLayer::new_for_http().make_span_with(DefaultMakeSpan::new().level(Level::INFO));
    app.layer(RequestBodyLimitLayer::new(body_limit))
        .layer(middleware::from_fn(record_request))
        .layer(traced)
}

/// Records each request's route, status and latency.
async fn record_request(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    crate::ops::metrics::record_request(&route, response.status().as_u16(), started.elapsed());
    response
}
