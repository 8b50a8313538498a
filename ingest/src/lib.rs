//! Ingest: everything that turns source data into canonical records and loads them into the
//! revenue knowledge graph — the deterministic demo company, the bronze JSONL copy, and the
//! graph loader.

pub mod bronze;
pub mod chunk;
pub mod dataset;
pub mod demo;
mod error;
mod load;
pub mod recompute;
pub mod search_index;
mod validate;

pub use error::IngestError;
pub use load::{LoadReport, load_dataset};
pub use validate::validate;
