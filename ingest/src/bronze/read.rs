//! Reading a bronze folder back, strictly: unknown fields, wrong types and broken JSON are
//! errors naming the file, line and field.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::dataset::CompanyDataset;
use crate::error::IngestError;

/// Where each record came from: for every file, the line number of each record in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceLines {
    dir: PathBuf,
    lines: BTreeMap<&'static str, Vec<usize>>,
}

impl SourceLines {
    /// Lines for records that were generated in memory: record `i` is "line" `i + 1`.
    pub fn generated(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            lines: BTreeMap::new(),
        }
    }

    /// The path of a bronze file.
    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }

    /// The one-based line of record `index` in `file`.
    pub fn line(&self, file: &str, index: usize) -> usize {
        self.lines
            .get(file)
            .and_then(|lines| lines.get(index).copied())
            .unwrap_or(index + 1)
    }
}

/// A dataset read from bronze files, with the line each record came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BronzeDataset {
    /// The records.
    pub data: CompanyDataset,
    /// Their origin.
    pub lines: SourceLines,
}

/// Reads every bronze file in `dir`. Blank lines are skipped; anything else must be one
/// record with exactly the record kind's fields.
pub fn read_bronze(dir: &Path) -> Result<BronzeDataset, IngestError> {
    let mut data = CompanyDataset::default();
    let mut lines = SourceLines::generated(dir);
    macro_rules! read_all {
        ($($field:ident $file:literal $ty:ident),*) => {
            $(
                let (records, at) = read_jsonl::<revpulse_graph::model::$ty>(&dir.join($file))?;
                data.$field = records;
                lines.lines.insert($file, at);
            )*
        };
    }
    crate::with_record_kinds!(read_all);
    Ok(BronzeDataset { data, lines })
}

fn read_jsonl<T: DeserializeOwned>(path: &Path) -> Result<(Vec<T>, Vec<usize>), IngestError> {
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(IngestError::MissingFile {
                path: path.to_path_buf(),
            });
        }
        Err(source) => {
            return Err(IngestError::Io {
                path: path.to_path_buf(),
                action: "open",
                source,
            });
        }
    };
    let mut records = Vec::new();
    let mut at = Vec::new();
    let mut buf = Vec::new();
    let mut reader = BufReader::new(file);
    let mut line_no = 0;
    loop {
        buf.clear();
        let read = reader
            .read_until(b'\n', &mut buf)
            .map_err(|source| IngestError::Io {
                path: path.to_path_buf(),
                action: "read",
                source,
            })?;
        if read == 0 {
            break;
        }
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        records.push(parse_record(path, line_no, &buf)?);
        at.push(line_no);
    }
    Ok((records, at))
}

fn parse_record<T: DeserializeOwned>(
    path: &Path,
    line: usize,
    bytes: &[u8],
) -> Result<T, IngestError> {
    let text = std::str::from_utf8(bytes).map_err(|e| IngestError::Malformed {
        path: path.to_path_buf(),
        line,
        field: ".".into(),
        message: format!("not valid UTF-8 (byte {})", e.valid_up_to()),
    })?;
    let mut de = serde_json::Deserializer::from_str(text);
    let record = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().to_string();
        IngestError::Malformed {
            path: path.to_path_buf(),
            line,
            field,
            message: e.into_inner().to_string(),
        }
    })?;
    de.end().map_err(|e| IngestError::Malformed {
        path: path.to_path_buf(),
        line,
        field: ".".into(),
        message: format!("unexpected text after the record: {e}"),
    })?;
    Ok(record)
}
