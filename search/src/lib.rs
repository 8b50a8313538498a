//! RevPulse search: sentence embeddings computed in Rust and a hybrid keyword + vector index
//! of call, email, meeting and ticket passages.
//!
//! - [`embed`]: the [`embed::Embedder`] trait, MiniLM on candle, a remote provider.
//! - [`SearchIndex`]: upsert, delete and search in keyword, semantic or hybrid mode, with
//!   metadata filters and the caller's [`RetrievalScope`] applied inside the query; browse
//!   every passage matching a filter, newest first, without a query ([`BrowseRequest`]).
//! - [`embedded`]: the in-process default (tantivy BM25 + exact vector search, fused by
//!   reciprocal rank), persisted to a directory and crash-safe.
//! - [`meili`]: a Meilisearch backend for large deployments.
//! - [`conformance`]: the contract every backend is tested against.

mod browse;
pub mod conformance;
mod document;
pub mod embed;
pub mod embedded;
mod error;
mod filter;
pub mod fusion;
mod index;
pub mod meili;
mod request;
mod scope;

pub use browse::{BrowseRequest, MAX_BROWSE_LIMIT, newest_first};
pub use document::{DocumentMetadata, MAX_TEXT_CHARS, SearchDocument};
pub use error::SearchError;
pub use filter::{FieldCondition, FilterField, SearchFilter};
pub use index::{SearchIndex, validate_batch};
pub use request::{Highlight, MAX_LIMIT, SearchHit, SearchMode, SearchRequest, Snippet};
pub use scope::RetrievalScope;
