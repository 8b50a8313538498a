//! What stops an agent eval from loading its suites or writing its report. Problems with single
//! cases at run time (a placeholder the data cannot fill, an agent error) are not errors: they
//! are recorded in the report against the case.

use std::path::PathBuf;

use thiserror::Error;

/// Why the agent eval could not load or report.
#[derive(Debug, Error)]
pub enum EvalError {
    /// A suite file or folder could not be read: check the path.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A suite file is not valid: fix the file (the message names the case and field).
    #[error("{path}: {location}: {reason}")]
    Suite {
        /// The file.
        path: PathBuf,
        /// The case (`case \`id\``) or the place in the file.
        location: String,
        /// What is wrong.
        reason: String,
    },
    /// No suite file was found: pass a folder holding `*.json` suites or the files themselves.
    #[error("no suite files found in {0}")]
    NoSuites(PathBuf),
    /// The report could not be written: check the folder.
    #[error("cannot write the report to {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}
