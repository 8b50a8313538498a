//! The gateway: one axum server through which every surface reaches RevPulse — the GraphQL
//! API (queries, mutations, a subscription that streams answers), the MCP server, and the
//! operations a platform team expects. Requests are authenticated (OIDC JWTs, API tokens, a
//! development login), mapped to the caller's `Scope`, served by the one [`service`], and
//! audited in a hash-chained log. Business logic lives in the tools and agents, not here.

pub mod api;
pub mod config;
mod error;
pub mod graphql;
pub mod http;
pub mod mcp;
pub mod ops;
pub mod server;
pub mod service;
pub mod startup;

pub use error::ServiceError;
