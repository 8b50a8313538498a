//! The HTTP surface: one axum router serving GraphQL (HTTP and graphql-ws), MCP over
//! streamable HTTP, health, readiness, metrics and the web workspace, with request metrics,
//! timeouts, body limits and per-principal rate limits.

mod gatekeeper;
mod graphql;
mod health;
mod rate_limit;
pub(crate) mod refusal;
mod router;

pub use gatekeeper::{Gatekeeper, caller_of};
pub use rate_limit::RateLimiter;
pub use router::{AppState, router};
