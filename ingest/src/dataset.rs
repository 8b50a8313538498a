//! The whole of one company's revenue data as canonical records: what the demo generator
//! produces, what the bronze copy stores, and what the graph loader writes. The type lives with
//! the domain model in the graph crate, which also reads it back from Neo4j.

pub use revpulse_graph::model::CompanyDataset;
