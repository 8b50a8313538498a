//! `/healthz` (the process answers), `/readyz` (the graph, the search index and the app
//! database answer) and `/metrics` (Prometheus text).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::AppState;

/// Liveness.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: 200 when every dependency answers, else 503 with each one's result.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let results = state.readiness.check().await;
    let ready = results.iter().all(|r| r.ok);
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        axum::Json(json!({ "ready": ready, "checks": results })),
    )
        .into_response()
}

/// Prometheus metrics.
pub async fn metrics(State(state): State<AppState>) -> Response {
    match &state.metrics {
        Some(handle) => (
            [("content-type", "text/plain; version=0.0.4")],
            handle.render(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "metrics are not enabled").into_response(),
    }
}
