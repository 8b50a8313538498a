//! Integration tests of the graph crate against a real local Neo4j.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "all/fixture.rs"]
mod fixture;
#[path = "all/history.rs"]
mod history;
#[path = "all/queries.rs"]
mod queries;
#[path = "all/schema_and_writes.rs"]
mod schema_and_writes;
