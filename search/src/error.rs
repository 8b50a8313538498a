//! Search failures, each naming the document, field, file or server involved.

use std::path::PathBuf;

use crate::embed::EmbedError;

/// Everything that can go wrong in search.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A document cannot be indexed.
    #[error("document `{id}` cannot be indexed: {reason}")]
    InvalidDocument {
        /// The document id.
        id: String,
        /// Why.
        reason: String,
    },
    /// A filter names a field that is not filterable.
    #[error("unknown filter field `{field}`; filterable fields are: {known}")]
    UnknownFilterField {
        /// The name given.
        field: String,
        /// The fields that exist.
        known: String,
    },
    /// The request itself is unusable.
    #[error("invalid search request: {0}")]
    InvalidRequest(String),
    /// The index directory holds something that is not a usable index.
    #[error("search index at {path} is corrupted: {reason}; rebuild it from the bronze records")]
    Corrupted {
        /// The index directory.
        path: PathBuf,
        /// What was found wrong.
        reason: String,
    },
    /// The index was built with another embedding model or dimension.
    #[error(
        "search index at {path} was built with embedder `{found}`, not `{expected}`; rebuild it"
    )]
    EmbedderMismatch {
        /// The index directory.
        path: PathBuf,
        /// The embedder the index was built with.
        found: String,
        /// The embedder in use now.
        expected: String,
    },
    /// Reading or writing index files failed.
    #[error("search index file {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The embedded keyword engine failed.
    #[error("keyword index: {0}")]
    Tantivy(String),
    /// A search server failed or answered something unexpected.
    #[error("search server {backend}: {message}")]
    Backend {
        /// Which backend.
        backend: &'static str,
        /// What went wrong.
        message: String,
    },
    /// Embedding failed.
    #[error(transparent)]
    Embed(#[from] EmbedError),
}

impl SearchError {
    /// Whether rebuilding the index from its source records is the cure.
    pub fn needs_rebuild(&self) -> bool {
        matches!(self, Self::Corrupted { .. } | Self::EmbedderMismatch { .. })
    }
}
