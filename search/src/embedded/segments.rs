//! Vector segment files: immutable, checksummed batches of (id, metadata, vector) entries or
//! tombstones. A commit lists the segments that make up the vector store; replaying them in
//! order (later entries win) rebuilds it.
//!
//! Layout (little endian): magic `RPVSEG01`, dimension `u32`, entry count `u64`, entries,
//! then the CRC-32 of everything before it. An entry is a tag byte (1 = document,
//! 0 = tombstone), the id as `u32` length + UTF-8, and for documents the metadata as `u32`
//! length + JSON followed by `dimension` `f32`s.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::document::DocumentMetadata;
use crate::error::SearchError;

const MAGIC: &[u8; 8] = b"RPVSEG01";

/// One change recorded in a segment.
#[derive(Debug, Clone, PartialEq)]
// Tombstones are rare and short-lived; boxing every document entry would cost more.
#[allow(clippy::large_enum_variant)]
pub(crate) enum SegmentEntry {
    /// A document's vector and metadata (inserted or replaced).
    Document {
        id: String,
        metadata: DocumentMetadata,
        vector: Vec<f32>,
    },
    /// A deletion.
    Tombstone { id: String },
}

/// The file name of segment `number`.
pub(crate) fn segment_file_name(number: u64) -> String {
    format!("seg-{number:010}.vec")
}

/// Writes a segment durably (temporary file, fsync, rename, fsync of the directory).
pub(crate) fn write_segment(
    dir: &Path,
    number: u64,
    dimension: usize,
    entries: &[SegmentEntry],
) -> Result<PathBuf, SearchError> {
    let mut bytes = Vec::with_capacity(16 + entries.len() * (dimension * 4 + 256));
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&u32_len(dimension).to_le_bytes());
    bytes.extend_from_slice(&(entries.len() as u64).to_le_bytes());
    for entry in entries {
        match entry {
            SegmentEntry::Tombstone { id } => {
                bytes.push(0);
                put_str(&mut bytes, id);
            }
            SegmentEntry::Document {
                id,
                metadata,
                vector,
            } => {
                bytes.push(1);
                put_str(&mut bytes, id);
                let json =
                    serde_json::to_string(metadata).map_err(|e| SearchError::InvalidDocument {
                        id: id.clone(),
                        reason: format!("metadata cannot be serialised: {e}"),
                    })?;
                put_str(&mut bytes, &json);
                for x in vector {
                    bytes.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
    }
    let crc = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());

    let path = dir.join(segment_file_name(number));
    let tmp = dir.join(format!("{}.tmp", segment_file_name(number)));
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| SearchError::Io { path: p, source }
    };
    let mut file = fs::File::create(&tmp).map_err(io(&tmp))?;
    file.write_all(&bytes).map_err(io(&tmp))?;
    file.sync_all().map_err(io(&tmp))?;
    drop(file);
    fs::rename(&tmp, &path).map_err(io(&path))?;
    sync_dir(dir)?;
    Ok(path)
}

/// Reads and verifies a segment; any damage is reported as corruption naming the file.
pub(crate) fn read_segment(
    path: &Path,
    dimension: usize,
) -> Result<Vec<SegmentEntry>, SearchError> {
    let bytes = fs::read(path).map_err(|source| SearchError::Io {
        path: path.into(),
        source,
    })?;
    let corrupt = |reason: &str| SearchError::Corrupted {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if bytes.len() < MAGIC.len() + 4 + 8 + 4 || &bytes[..MAGIC.len()] != MAGIC {
        return Err(corrupt("not a vector segment (bad header)"));
    }
    let (body, crc_bytes) = bytes.split_at(bytes.len() - 4);
    let stored_crc = u32::from_le_bytes([crc_bytes[0], crc_bytes[1], crc_bytes[2], crc_bytes[3]]);
    if crc32fast::hash(body) != stored_crc {
        return Err(corrupt("checksum mismatch"));
    }
    let mut reader = Reader {
        bytes: body,
        at: MAGIC.len(),
    };
    let file_dimension = reader.u32().ok_or_else(|| corrupt("truncated header"))? as usize;
    if file_dimension != dimension {
        return Err(corrupt(&format!(
            "vectors have {file_dimension} dimensions where the index expects {dimension}"
        )));
    }
    let count = reader.u64().ok_or_else(|| corrupt("truncated header"))?;
    let mut entries = Vec::with_capacity(usize::try_from(count).unwrap_or(0).min(1 << 20));
    for _ in 0..count {
        let tag = reader.u8().ok_or_else(|| corrupt("truncated entry"))?;
        let id = reader
            .string()
            .ok_or_else(|| corrupt("truncated or non-UTF-8 id"))?;
        match tag {
            0 => entries.push(SegmentEntry::Tombstone { id }),
            1 => {
                let json = reader
                    .string()
                    .ok_or_else(|| corrupt("truncated metadata"))?;
                let metadata: DocumentMetadata = serde_json::from_str(&json)
                    .map_err(|e| corrupt(&format!("metadata of `{id}`: {e}")))?;
                let mut vector = Vec::with_capacity(dimension);
                for _ in 0..dimension {
                    vector.push(reader.f32().ok_or_else(|| corrupt("truncated vector"))?);
                }
                entries.push(SegmentEntry::Document {
                    id,
                    metadata,
                    vector,
                });
            }
            other => return Err(corrupt(&format!("unknown entry tag {other}"))),
        }
    }
    if reader.at != body.len() {
        return Err(corrupt("trailing bytes after the last entry"));
    }
    Ok(entries)
}

/// Flushes a directory entry so a rename survives power loss.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), SearchError> {
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|source| SearchError::Io {
            path: dir.into(),
            source,
        })
}

fn u32_len(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn put_str(bytes: &mut Vec<u8>, s: &str) {
    bytes.extend_from_slice(&u32_len(s.len()).to_le_bytes());
    bytes.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    }
    fn f32(&mut self) -> Option<f32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(f32::from_le_bytes)
    }
    fn string(&mut self) -> Option<String> {
        let len = self.u32()? as usize;
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata() -> DocumentMetadata {
        DocumentMetadata {
            account_id: "acc-1".into(),
            region: "emea".into(),
            sales_rep: "u-1".into(),
            source_type: "email".into(),
            competitor_mentioned: vec!["Acme".into()],
            ..DocumentMetadata::default()
        }
    }

    #[test]
    fn a_segment_round_trips_and_a_flipped_byte_is_detected() {
        let dir = tempfile::tempdir().unwrap();
        let entries = vec![
            SegmentEntry::Document {
                id: "a#0-0".into(),
                metadata: metadata(),
                vector: vec![0.5, -0.25, 1.0],
            },
            SegmentEntry::Tombstone { id: "b#1-2".into() },
        ];
        let path = write_segment(dir.path(), 7, 3, &entries).unwrap();
        assert_eq!(read_segment(&path, 3).unwrap(), entries);

        let mut bytes = fs::read(&path).unwrap();
        bytes[20] ^= 0x40;
        fs::write(&path, &bytes).unwrap();
        let err = read_segment(&path, 3).unwrap_err();
        assert!(err.needs_rebuild(), "{err}");
        assert!(err.to_string().contains("checksum"), "{err}");
    }

    #[test]
    fn a_dimension_change_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_segment(dir.path(), 1, 2, &[]).unwrap();
        assert!(
            read_segment(&path, 3)
                .unwrap_err()
                .to_string()
                .contains("2 dimensions")
        );
    }
}
