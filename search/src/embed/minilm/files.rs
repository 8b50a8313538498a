//! Where the MiniLM model lives and which files it needs.

use std::path::{Path, PathBuf};

use crate::embed::EmbedError;

/// Environment variable that points the embedder at another model directory.
pub const MODEL_DIR_ENV: &str = "REVPULSE_MODEL_DIR";

const INSTALL_HINT: &str = "run scripts/setup, which installs it with search/install-model.sh";

/// The directory `search/install-model.sh` installs into: `$REVPULSE_MODEL_DIR` if set, else
/// `$REVPULSE_CACHE/models/all-minilm-l6-v2` (the cache defaults to `~/.cache/revpulse`).
pub fn default_model_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(MODEL_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("REVPULSE_CACHE")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default()
                .join(".cache/revpulse")
        });
    cache.join("models/all-minilm-l6-v2")
}

/// The three files the embedder reads.
#[derive(Debug)]
pub(super) struct ModelFiles {
    pub(super) config: PathBuf,
    pub(super) tokenizer: PathBuf,
    pub(super) weights: PathBuf,
}

impl ModelFiles {
    /// Locates the files in `dir`, naming the first missing one.
    pub(super) fn locate(dir: &Path) -> Result<Self, EmbedError> {
        let missing = |path: PathBuf| EmbedError::ModelMissing {
            path,
            hint: INSTALL_HINT.to_string(),
        };
        if !dir.is_dir() {
            return Err(missing(dir.to_path_buf()));
        }
        let file = |name: &str| {
            let path = dir.join(name);
            if path.is_file() {
                Ok(path)
            } else {
                Err(missing(path))
            }
        };
        Ok(Self {
            config: file("config.json")?,
            tokenizer: file("tokenizer.json")?,
            weights: file("model.safetensors")?,
        })
    }
}
