//! The gateway's integration tests: one binary, one shared fixture company.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod authorization_matrix;
mod config_file;
mod fixture;
mod graceful_shutdown;
mod graphql_api;
mod graphql_ws;
mod graphql_ws_client;
mod http_gateway;
mod mcp_http;
mod mcp_http_checks;
mod mcp_inprocess;
mod mcp_python;
mod mcp_stdio;
mod reply_cache;
mod running;
