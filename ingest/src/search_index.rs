//! Building the conversation search index from the chunks of a company's calls, emails,
//! meetings and tickets: full builds into a staged generation published atomically, skipped
//! when the index already holds exactly these passages, and rebuilt from the bronze records
//! when the index on disk is damaged.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use revpulse_search::embed::Embedder;
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_search::{DocumentMetadata, SearchDocument, SearchIndex};

use crate::bronze::read_bronze;
use crate::chunk::{Chunk, ChunkingConfig, WordPieceEstimate, chunk_company};
use crate::dataset::CompanyDataset;
use crate::error::IngestError;

/// Passages embedded and written per commit during a build.
pub const INDEX_BATCH: usize = 256;

/// The index document for a chunk.
pub fn search_document(chunk: &Chunk) -> SearchDocument {
    let m = &chunk.metadata;
    SearchDocument {
        id: chunk.id.clone(),
        text: chunk.text.clone(),
        metadata: DocumentMetadata {
            deal_id: m.deal_id.clone(),
            account_id: m.account_id.clone(),
            stage: m.stage.map(|s| s.as_str().to_string()),
            region: m.region.clone(),
            product_line: m.product_line.clone(),
            sales_rep: m.sales_rep.clone(),
            competitor_mentioned: m.competitor_mentioned.clone(),
            source_type: m.source_type.as_str().to_string(),
            timestamp: m.timestamp,
        },
    }
}

/// The index documents of a whole company, chunked with the default settings.
pub fn company_search_documents(data: &CompanyDataset) -> Result<Vec<SearchDocument>, IngestError> {
    let chunks = chunk_company(data, &ChunkingConfig::default(), &WordPieceEstimate)?;
    Ok(chunks.iter().map(search_document).collect())
}

/// A fingerprint of the passages and the embedder: equal fingerprints mean an identical
/// index. Two independent 64-bit FNV-1a hashes over every id, text and metadata field.
pub fn source_fingerprint(documents: &[SearchDocument], embedder: &dyn Embedder) -> String {
    let mut a = Fnv::new(0xcbf2_9ce4_8422_2325);
    let mut b = Fnv::new(0x6c62_272e_07bb_0142);
    let mut feed = |bytes: &[u8]| {
        a.write(bytes);
        b.write(bytes);
        a.write(&[0xff]);
        b.write(&[0xfe]);
    };
    feed(embedder.model_id().as_bytes());
    for d in documents {
        feed(d.id.as_bytes());
        feed(d.text.as_bytes());
        feed(
            serde_json::to_string(&d.metadata)
                .unwrap_or_default()
                .as_bytes(),
        );
    }
    format!("{:016x}{:016x}-{}", a.0, b.0, documents.len())
}

struct Fnv(u64);

impl Fnv {
    fn new(seed: u64) -> Self {
        Self(seed)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// What a build did.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexBuild {
    /// The index already held exactly these passages; nothing was written.
    UpToDate {
        /// Passages in the index.
        documents: usize,
    },
    /// A new generation was built and published.
    Built {
        /// Passages indexed.
        documents: usize,
        /// Wall time of the build.
        seconds: f64,
    },
}

/// Builds the index under `root` from `documents` unless it already holds exactly them. The
/// build fills a staged generation, so an interrupted build leaves the previous index live.
/// `progress` is called with (indexed, total) after every batch.
pub async fn build_search_index(
    root: &Path,
    embedder: Arc<dyn Embedder>,
    documents: &[SearchDocument],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<IndexBuild, IngestError> {
    let fingerprint = source_fingerprint(documents, &*embedder);
    if EmbeddedIndex::published_fingerprint(root, &*embedder).as_deref()
        == Some(fingerprint.as_str())
        && let Ok(index) = EmbeddedIndex::open(root, embedder.clone())
        && index.count().await? == documents.len()
    {
        return Ok(IndexBuild::UpToDate {
            documents: documents.len(),
        });
    }
    let started = Instant::now();
    let staged = EmbeddedIndex::stage(root, embedder)?;
    let mut indexed = 0;
    progress(indexed, documents.len());
    for batch in documents.chunks(INDEX_BATCH) {
        staged.upsert(batch).await?;
        indexed += batch.len();
        progress(indexed, documents.len());
    }
    staged.publish(&fingerprint)?;
    Ok(IndexBuild::Built {
        documents: documents.len(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Opens the index under `root`; when it is damaged or was built with another model, says
/// why through `notice` and rebuilds it from the bronze records in `bronze_dir`.
pub async fn open_or_rebuild_search_index(
    root: &Path,
    embedder: Arc<dyn Embedder>,
    bronze_dir: &Path,
    notice: &mut dyn FnMut(&str),
    progress: &mut dyn FnMut(usize, usize),
) -> Result<EmbeddedIndex, IngestError> {
    match EmbeddedIndex::open(root, embedder.clone()) {
        Ok(index) => Ok(index),
        Err(e) if e.needs_rebuild() => {
            notice(&format!(
                "{e}; rebuilding it from the bronze records in {}",
                bronze_dir.display()
            ));
            let bronze = read_bronze(bronze_dir)?;
            let documents = company_search_documents(&bronze.data)?;
            build_search_index(root, embedder.clone(), &documents, progress).await?;
            Ok(EmbeddedIndex::open(root, embedder)?)
        }
        Err(e) => Err(e.into()),
    }
}
