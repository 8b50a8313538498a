//! The index directory: a `CURRENT` file naming the live generation directory, and one
//! directory per generation holding `manifest.json`, the keyword index (`text/`) and the
//! vector segments (`vectors/`). A full rebuild fills a new generation and switches
//! `CURRENT` atomically when done, so an interrupted rebuild leaves the previous index live.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::embedded::segments::sync_dir;
use crate::error::SearchError;

/// Version of the on-disk format; another version is rebuilt, never misread.
pub(crate) const FORMAT_VERSION: u32 = 1;
const CURRENT: &str = "CURRENT";
const MANIFEST: &str = "manifest.json";

/// What a generation was built with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub format: u32,
    pub embedder: String,
    pub dimension: usize,
    /// Fingerprint of the source records the generation was built from, set when a full
    /// build is published.
    pub source_fingerprint: Option<String>,
}

/// Which vector segments make up the committed state; stored as the keyword index's
/// commit payload, so both stores commit together.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct CommitState {
    pub segments: Vec<u64>,
    pub next_segment: u64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes a small file atomically (temporary file, fsync, rename, directory fsync).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SearchError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp).map_err(io(&tmp))?;
    f.write_all(bytes).map_err(io(&tmp))?;
    f.sync_all().map_err(io(&tmp))?;
    drop(f);
    fs::rename(&tmp, path).map_err(io(path))?;
    sync_dir(dir)
}

/// The live generation directory, `None` when the root holds no index yet.
pub(crate) fn current_generation(root: &Path) -> Result<Option<PathBuf>, SearchError> {
    let pointer = root.join(CURRENT);
    match fs::read_to_string(&pointer) {
        Ok(name) => {
            let name = name.trim();
            let valid = name.starts_with("gen-") && !name.contains(['/', '\\', '.']);
            let dir = root.join(name);
            if !valid || !dir.is_dir() {
                return Err(SearchError::Corrupted {
                    path: root.into(),
                    reason: format!("CURRENT names `{name}`, which is not a generation directory"),
                });
            }
            Ok(Some(dir))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let has_content = fs::read_dir(root)
                .map(|mut d| d.next().is_some())
                .unwrap_or(false);
            if has_content {
                Err(SearchError::Corrupted {
                    path: root.into(),
                    reason: "the directory has files but no CURRENT pointer".into(),
                })
            } else {
                Ok(None)
            }
        }
        Err(source) => Err(SearchError::Io {
            path: pointer,
            source,
        }),
    }
}

/// Creates a new, empty generation directory (not yet live).
pub(crate) fn new_generation(root: &Path, manifest: &Manifest) -> Result<PathBuf, SearchError> {
    fs::create_dir_all(root).map_err(io(root))?;
    let mut n: u64 = fs::read_dir(root)
        .map_err(io(root))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_prefix("gen-")?
                .parse::<u64>()
                .ok()
        })
        .max()
        .map_or(1, |m| m + 1);
    let dir = loop {
        let candidate = root.join(format!("gen-{n:010}"));
        match fs::create_dir(&candidate) {
            Ok(()) => break candidate,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(source) => {
                return Err(SearchError::Io {
                    path: candidate,
                    source,
                });
            }
        }
    };
    for sub in ["text", "vectors"] {
        fs::create_dir(dir.join(sub)).map_err(io(&dir))?;
    }
    write_manifest(&dir, manifest)?;
    Ok(dir)
}

/// Makes `generation` the live one and removes every other generation.
pub(crate) fn publish(root: &Path, generation: &Path) -> Result<(), SearchError> {
    let name = generation
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| {
            SearchError::InvalidRequest(format!("{} is not a generation", generation.display()))
        })?;
    write_atomic(&root.join(CURRENT), name.as_bytes())?;
    for entry in fs::read_dir(root).map_err(io(root))?.filter_map(|e| e.ok()) {
        let file_name = entry.file_name();
        let Some(other) = file_name.to_str() else {
            continue;
        };
        if other.starts_with("gen-") && other != name {
            // Best effort: a leftover generation only costs disk space.
            if let Err(e) = fs::remove_dir_all(entry.path()) {
                tracing::warn!(path = %entry.path().display(), error = %e, "could not remove an old index generation");
            }
        }
    }
    Ok(())
}

pub(crate) fn read_manifest(generation: &Path) -> Result<Manifest, SearchError> {
    let path = generation.join(MANIFEST);
    let text = fs::read_to_string(&path).map_err(|e| SearchError::Corrupted {
        path: path.clone(),
        reason: format!("manifest unreadable: {e}"),
    })?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| SearchError::Corrupted {
        path: path.clone(),
        reason: format!("manifest invalid: {e}"),
    })?;
    if manifest.format != FORMAT_VERSION {
        return Err(SearchError::Corrupted {
            path,
            reason: format!(
                "format version {} where {FORMAT_VERSION} is expected",
                manifest.format
            ),
        });
    }
    Ok(manifest)
}

pub(crate) fn write_manifest(generation: &Path, manifest: &Manifest) -> Result<(), SearchError> {
    let bytes = serde_json::to_vec_pretty(manifest)
        .map_err(|e| SearchError::InvalidRequest(format!("manifest: {e}")))?;
    write_atomic(&generation.join(MANIFEST), &bytes)
}
