//! Integration tests of the gateway's app database, each store test run against a real SQLite
//! file and a real PostgreSQL (one throwaway cluster per test binary, a fresh database per
//! test).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod support;

mod alerts;
mod api_tokens;
mod audit_chain;
mod audit_encoding;
mod audit_group_commit;
mod audit_tampering;
mod briefs;
mod connect;
mod conversations;
mod forecasts;
mod local_postgres;
mod users;
