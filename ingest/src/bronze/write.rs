//! Writing a bronze folder atomically: everything goes to a sibling temporary folder first,
//! which replaces the old folder only once every file is complete.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dataset::CompanyDataset;
use crate::error::IngestError;

/// How a bronze folder was made, stored beside it as `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BronzeManifest {
    /// What produced it, e.g. `"revpulse demo"`.
    pub source: String,
    /// Generator seed, when generated.
    pub seed: Option<u64>,
    /// The data's "today".
    pub today: chrono::NaiveDate,
    /// Records per file.
    pub records: std::collections::BTreeMap<String, usize>,
}

fn io(path: &Path, action: &'static str) -> impl FnOnce(std::io::Error) -> IngestError {
    let path = path.to_path_buf();
    move |source| IngestError::Io {
        path,
        action,
        source,
    }
}

fn write_jsonl<T: Serialize>(path: &Path, records: &[T]) -> Result<usize, IngestError> {
    let file = fs::File::create(path).map_err(io(path, "create"))?;
    let mut out = BufWriter::new(file);
    for record in records {
        serde_json::to_writer(&mut out, record).map_err(|e| IngestError::Io {
            path: path.to_path_buf(),
            action: "serialise",
            source: e.into(),
        })?;
        out.write_all(b"\n").map_err(io(path, "write"))?;
    }
    out.flush().map_err(io(path, "flush"))?;
    Ok(records.len())
}

/// Writes `data` as a bronze folder at `dir` (replacing any previous one), plus any extra
/// JSON documents (such as the ground truth) given as `(file name, value)`.
pub fn write_bronze(
    dir: &Path,
    data: &CompanyDataset,
    manifest_source: &str,
    seed: Option<u64>,
    today: chrono::NaiveDate,
    extras: &[(&str, &serde_json::Value)],
) -> Result<BronzeManifest, IngestError> {
    let staging = staging_dir(dir);
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io(&staging, "remove stale staging folder"))?;
    }
    fs::create_dir_all(&staging).map_err(io(&staging, "create"))?;
    let mut records = std::collections::BTreeMap::new();
    macro_rules! write_all {
        ($($field:ident $file:literal $ty:ident),*) => {
            $( records.insert($file.to_string(), write_jsonl(&staging.join($file), &data.$field)?); )*
        };
    }
    crate::with_record_kinds!(write_all);
    for (name, value) in extras {
        let path = staging.join(name);
        let text = serde_json::to_vec_pretty(value).map_err(|e| IngestError::Io {
            path: path.clone(),
            action: "serialise",
            source: e.into(),
        })?;
        fs::write(&path, text).map_err(io(&path, "write"))?;
    }
    let manifest = BronzeManifest {
        source: manifest_source.to_string(),
        seed,
        today,
        records,
    };
    let manifest_path = staging.join("manifest.json");
    let text = serde_json::to_vec_pretty(&manifest).map_err(|e| IngestError::Io {
        path: manifest_path.clone(),
        action: "serialise",
        source: e.into(),
    })?;
    fs::write(&manifest_path, text).map_err(io(&manifest_path, "write"))?;
    replace_dir(&staging, dir)?;
    Ok(manifest)
}

fn staging_dir(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.with_file_name(format!(".{name}.staging"))
}

/// Swaps the finished staging folder into place; the old folder is removed only after.
fn replace_dir(staging: &Path, dir: &Path) -> Result<(), IngestError> {
    if dir.exists() {
        let old = staging.with_extension("old");
        if old.exists() {
            fs::remove_dir_all(&old).map_err(io(&old, "remove"))?;
        }
        fs::rename(dir, &old).map_err(io(dir, "rename"))?;
        fs::rename(staging, dir).map_err(io(staging, "rename"))?;
        fs::remove_dir_all(&old).map_err(io(&old, "remove"))?;
    } else {
        if let Some(parent) = dir.parent() {
            fs::create_dir_all(parent).map_err(io(parent, "create"))?;
        }
        fs::rename(staging, dir).map_err(io(staging, "rename"))?;
    }
    Ok(())
}
