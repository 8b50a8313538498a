//! Integration tests of ingest: bronze round trips, bad files, and loading the demo company
//! into a real local Neo4j.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "all/bad_input.rs"]
mod bad_input;
#[path = "all/company.rs"]
mod company;
#[path = "all/load.rs"]
mod load;
#[path = "all/read_company.rs"]
mod read_company;
