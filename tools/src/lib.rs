//! The typed tool catalogue: every capability the agents, the MCP server and the GraphQL API
//! use to answer a revenue question, one tool per file.
//!
//! A tool is an args struct and an output struct (serde + JSON Schema derived from the Rust
//! types) and one async `call(ctx, args)`. The [`ToolContext`] carries the caller's [`Scope`]
//! and the stores; a tool cannot run without one, and the scope is applied where the data is
//! read (inside the graph's Cypher, inside the search query), so no argument can widen it.
//! Every output carries [`Source`]s — graph ids and chunk ids with snippets — for citations.
//! Tools never format prose and never know which surface called them.

mod access;
pub mod brief;
mod catalogue;
mod context;
pub mod conversation;
pub mod customer;
/// Flat, paginated listings of deals, accounts and campaigns for browsing.
pub mod directory;
mod error;
mod families;
pub mod forecast;
pub mod marketing;
mod period;
pub mod pipeline;
mod records;
mod scope;
mod source;
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod test_support;
mod tool;

pub use catalogue::{Catalogue, ToolDescription, ToolReply};
pub use context::{Stores, ToolContext, ToolObserver};
pub use error::ToolError;
pub use period::DateRange;
pub use records::{DatasetRecords, GraphRecords, RecordSource};
pub use scope::Scope;
pub use source::{Cited, Source};
pub use tool::Tool;
