//! The bronze copy: every record kind as one JSONL file in a folder, written atomically and
//! read back with errors that name the file, line and field.
//!
//! Layout of a bronze folder: `<kind>.jsonl` per record kind (see [`FILES`]) and a
//! `manifest.json` describing how it was made.

mod files;
mod read;
mod write;

pub use files::FILES;
pub use read::{BronzeDataset, SourceLines, read_bronze};
pub use write::{BronzeManifest, write_bronze};
