//! Why an attribution backtest or export failed.

use std::path::PathBuf;

use revpulse_analytics::attribution::AttributionError;
use thiserror::Error;

/// Why the attribution backtest or its export failed.
#[derive(Debug, Error)]
pub enum AttributionEvalError {
    /// The analytics refused the journeys or the configuration; a bug in the mapping here.
    #[error("attribution failed: {0}")]
    Attribution(#[from] AttributionError),
    /// A touch names a campaign missing from the dataset: regenerate the demo company.
    #[error("touch {touch} names unknown campaign {campaign}")]
    UnknownCampaign {
        /// Touch id.
        touch: String,
        /// Campaign id it names.
        campaign: String,
    },
    /// A path row is malformed (empty path or no journeys); fix the exported CSV.
    #[error("path row {0} is empty")]
    EmptyPath(usize),
    /// Writing an export file failed: check the folder exists and is writable.
    #[error("cannot write {path}: {source}")]
    Io {
        /// File being written.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// Writing a CSV failed: check the folder is writable.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Serialising a JSON result failed (a bug here).
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}
