//! Running the gateway: the router bound to a listener, served until the shutdown signal,
//! then — new connections refused — answers still streaming are given the grace period to
//! finish before the process exits.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;

use crate::config::GatewayConfig;
use crate::graphql::{GraphqlLimits, build_schema};
use crate::http::{AppState, Gatekeeper, RateLimiter, router};
use crate::ops::in_flight::InFlight;
use crate::ops::readiness::Readiness;
use crate::service::RevPulseService;

/// A gateway ready to serve.
pub struct Gateway {
    /// The router.
    pub router: Router,
    /// What its handlers share.
    pub state: AppState,
}

/// Why the gateway could not start or stopped badly.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The GraphQL schema could not be built from the types.
    #[error("building the GraphQL schema: {0}")]
    Schema(String),
    /// The address could not be bound.
    #[error("listening on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// Serving failed.
    #[error("serving HTTP: {0}")]
    Serve(std::io::Error),
}

impl Gateway {
    /// Builds the gateway for `config` over `service`, authenticating with `gatekeeper`,
    /// reporting `readiness`; `streaming` holds routes exempt from the request timeout (MCP).
    pub fn build(
        config: &GatewayConfig,
        service: RevPulseService,
        gatekeeper: Gatekeeper,
        readiness: Readiness,
        streaming: impl FnOnce(&AppState) -> Router<()>,
    ) -> Result<Self, ServeError> {
        let in_flight = InFlight::new();
        let limits = GraphqlLimits {
            max_depth: config.limits.graphql_max_depth,
            max_complexity: config.limits.graphql_max_complexity,
            introspection: config.mode == crate::config::Mode::Development,
        };
        let schema = build_schema(
            service.catalogue(),
            limits,
            Some((service.clone(), in_flight.clone())),
        )
        .map_err(|e| ServeError::Schema(e.0))?;
        let state = AppState {
            service,
            gatekeeper,
            schema,
            limiter: Arc::new(RateLimiter::new(
                config.limits.requests_per_minute,
                config.limits.burst,
            )),
            readiness,
            metrics: crate::ops::metrics::install().ok(),
            in_flight,
            mode: config.mode,
            limits: config.limits.clone(),
            web_dir: config.web_dir.clone(),
        };
        let extra = streaming(&state);
        Ok(Self {
            router: router(state.clone(), extra),
            state,
        })
    }

    /// Binds `addr`.
    pub async fn bind(addr: SocketAddr) -> Result<TcpListener, ServeError> {
        TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })
    }

    /// Serves on `listener` until `shutdown` resolves, then waits up to `grace` for answers
    /// still streaming. Returns how many were still running when the grace ran out.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
        grace: Duration,
    ) -> Result<usize, ServeError> {
        let in_flight = self.state.in_flight.clone();
        axum::serve(listener, self.router.into_make_service())
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(ServeError::Serve)?;
        if in_flight.current() > 0 {
            tracing::info!(
                streaming = in_flight.current(),
                "waiting for answers still streaming"
            );
        }
        in_flight.wait_idle(grace).await;
        Ok(in_flight.current())
    }
}
