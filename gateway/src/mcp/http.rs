//! MCP over streamable HTTP at `/mcp`. Every request — POST, the GET event stream, DELETE —
//! must carry `Authorization: Bearer …`: a middleware authenticates it with the gatekeeper,
//! applies the principal's rate limit and checks that a presented session id belongs to the
//! same principal, all before rmcp sees the request; it then puts the [`Caller`] in the
//! request's extensions, where [`RevPulseMcp::per_request`] reads it. So every request acts for
//! the token it carries, never for whoever opened the session.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::{StreamableHttpServerConfig, StreamableHttpService};

use super::RevPulseMcp;
use super::sessions::SessionOwners;
use crate::http::refusal::{auth_refusal, rate_limited, refusal};
use crate::http::{Gatekeeper, RateLimiter};
use crate::service::{Caller, RevPulseService, Surface};

/// The header naming an MCP session (HTTP header names are case-insensitive).
const SESSION_HEADER: &str = "mcp-session-id";

/// What the authentication middleware needs.
struct Guard {
    gatekeeper: Gatekeeper,
    limiter: Arc<RateLimiter>,
    sessions: SessionOwners,
}

/// The `/mcp` route: streamable HTTP behind bearer-token authentication, per-principal rate
/// limits and session ownership. `allowed_hosts` are the `Host` values accepted (DNS-rebinding
/// protection): loopback names plus the public host name in deployments. MCP sessions and
/// their event streams end when the client leaves; see [`mcp_router_until`] to end them at
/// shutdown as well.
pub fn mcp_router(
    service: RevPulseService,
    gatekeeper: Gatekeeper,
    limiter: Arc<RateLimiter>,
    allowed_hosts: Vec<String>,
) -> Router {
    router(
        service,
        gatekeeper,
        limiter,
        StreamableHttpServerConfig::default().with_allowed_hosts(allowed_hosts),
    )
}

/// [`mcp_router`] whose sessions and event streams all end when `shutdown` resolves, so a
/// graceful shutdown is not held open by a client's idle event stream. Call it inside a Tokio
/// runtime (it spawns the task that waits for `shutdown`; without a runtime, streams simply
/// end when clients leave).
pub fn mcp_router_until(
    service: RevPulseService,
    gatekeeper: Gatekeeper,
    limiter: Arc<RateLimiter>,
    allowed_hosts: Vec<String>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Router {
    let config = StreamableHttpServerConfig::default().with_allowed_hosts(allowed_hosts);
    let token = config.cancellation_token.clone();
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => {
            runtime.spawn(async move {
                tokio::select! {
                    () = shutdown => token.cancel(),
                    () = token.cancelled() => {}
                }
            });
        }
        Err(_) => tracing::warn!(
            "mcp_router_until called outside a Tokio runtime; MCP streams will not end at shutdown"
        ),
    }
    router(service, gatekeeper, limiter, config)
}

fn router(
    service: RevPulseService,
    gatekeeper: Gatekeeper,
    limiter: Arc<RateLimiter>,
    config: StreamableHttpServerConfig,
) -> Router {
    let mcp = StreamableHttpService::new(
        move || Ok(RevPulseMcp::per_request(service.clone())),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let guard = Arc::new(Guard {
        gatekeeper,
        limiter,
        sessions: SessionOwners::default(),
    });
    Router::new()
        .nest_service("/mcp", mcp)
        .layer(middleware::from_fn_with_state(guard, authenticate))
}

/// Authenticates, rate-limits and checks session ownership; then lets rmcp serve the request
/// as the caller, and records who opened a new session or closed one.
async fn authenticate(
    State(guard): State<Arc<Guard>>,
    mut request: Request,
    next: Next,
) -> Response {
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let caller: Caller = match guard
        .gatekeeper
        .caller(authorization.as_deref(), Surface::McpHttp)
        .await
    {
        Ok(caller) => caller,
        Err(e) => return auth_refusal(&e),
    };
    let now = Instant::now();
    if let Err(wait) = guard.limiter.check(&caller.subject, now) {
        return rate_limited(wait);
    }
    let presented = session_id(request.headers());
    if let Some(session) = &presented
        && !guard.sessions.is_owned_by(session, &caller.subject, now)
    {
        return refusal(
            StatusCode::NOT_FOUND,
            "session_not_found",
            "this MCP session was not found for you; initialize a new session",
        );
    }
    let subject = caller.subject.clone();
    let closing = request.method() == Method::DELETE;
    request.extensions_mut().insert(caller);
    let response = next.run(request).await;
    match (presented, session_id(response.headers())) {
        (None, Some(opened)) if response.status().is_success() => {
            guard.sessions.bind(&opened, &subject, now)
        }
        (Some(session), _) if closing && response.status().is_success() => {
            guard.sessions.forget(&session)
        }
        _ => {}
    }
    response
}

fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get(SESSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}
