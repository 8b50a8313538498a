//! The revenue knowledge graph: RevPulse's domain model, its Neo4j schema, batched idempotent
//! writes and the named, parameterised Cypher queries every answer is built from.
//!
//! This crate knows Neo4j and the revenue domain, nothing about agents, HTTP or prose.

mod client;
mod config;
mod error;
pub mod model;
pub mod queries;
mod schema;
pub mod write;

pub use client::GraphClient;
pub use config::{GraphConfig, WriteConfig};
pub use error::GraphError;
pub use schema::{SchemaReport, bootstrap_schema, constraint_names};
pub use write::{GraphRecord, WriteStats};
