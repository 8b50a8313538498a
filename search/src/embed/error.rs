//! What can go wrong while loading a model or embedding text.

use std::path::PathBuf;

/// An embedding failure, naming the file, model or provider involved.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// The model directory does not exist or lacks a required file.
    #[error("embedding model not found: {path} is missing ({hint})")]
    ModelMissing {
        /// The missing file or directory.
        path: PathBuf,
        /// How to get it.
        hint: String,
    },
    /// A model file exists but could not be read or parsed.
    #[error("embedding model file {path}: {message}")]
    ModelFile {
        /// The offending file.
        path: PathBuf,
        /// What was wrong with it.
        message: String,
    },
    /// The model failed while running.
    #[error("embedding model failed: {0}")]
    Inference(String),
    /// A remote embedding provider failed or answered something unusable.
    #[error("embedding provider {provider}: {message}")]
    Provider {
        /// The provider's name.
        provider: String,
        /// What went wrong.
        message: String,
    },
    /// A vector of the wrong length came back.
    #[error("embedding of length {got} where the model promises {expected}")]
    Dimension {
        /// The model's dimension.
        expected: usize,
        /// The length received.
        got: usize,
    },
}
