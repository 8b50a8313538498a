//! The one error type of ingest, naming the file, line and field at fault.

use std::path::PathBuf;

use revpulse_graph::GraphError;

/// Everything that can go wrong turning files into graph records.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// A file could not be read or written. Surface with the path; check permissions/disk.
    #[error("{path}: {action} failed: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What was being done ("read", "write", "rename" …).
        action: &'static str,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A record does not parse. Fix the file; nothing was loaded.
    #[error("{path}:{line}: field `{field}`: {message}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// One-based line number.
        line: usize,
        /// Path of the offending field inside the record (`.` when the whole line is bad).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A record points at a record that does not exist. Fix the data; nothing was loaded.
    #[error(
        "{path}:{line}: field `{field}` refers to {target} `{value}`, which is not in {target_file}"
    )]
    DanglingReference {
        /// The file holding the referring record.
        path: PathBuf,
        /// One-based line number.
        line: usize,
        /// The referring field.
        field: &'static str,
        /// The kind referred to.
        target: &'static str,
        /// The missing key.
        value: String,
        /// The file where it was expected.
        target_file: &'static str,
    },
    /// Two records share a natural key. Fix the data; nothing was loaded.
    #[error("{path}:{line}: duplicate {kind} key `{key}` (first seen on line {first_line})")]
    DuplicateKey {
        /// The file.
        path: PathBuf,
        /// Line of the second occurrence.
        line: usize,
        /// Line of the first occurrence.
        first_line: usize,
        /// Record kind.
        kind: &'static str,
        /// The key.
        key: String,
    },
    /// A required bronze file is missing. Point at a complete bronze folder.
    #[error(
        "{path}: missing bronze file (expected one file per record kind; run `revpulse demo` to create a complete set)"
    )]
    MissingFile {
        /// The expected file.
        path: PathBuf,
    },
    /// The demo generator's settings are invalid. Fix the flags.
    #[error("invalid demo company settings: {0}")]
    DemoConfig(String),
    /// The records could not be cut into search passages (a chunking setting or a record
    /// the chunker cannot place). Fix the setting or the data; nothing was loaded.
    #[error("chunking the conversations failed: {0}")]
    Chunking(#[from] crate::chunk::ChunkError),
    /// Writing to the graph failed; see the inner error.
    #[error(transparent)]
    Graph(#[from] GraphError),
    /// Building or opening the conversation search index failed.
    #[error("search index: {0}")]
    Search(#[from] revpulse_search::SearchError),
}
