//! Loading a validated dataset into the graph, kind by kind in reference order.

use revpulse_graph::write::BatchProgress;
use revpulse_graph::{GraphClient, WriteStats, bootstrap_schema};

use crate::bronze::SourceLines;
use crate::chunk::{ChunkingConfig, WordPieceEstimate, chunk_company};
use crate::dataset::CompanyDataset;
use crate::error::IngestError;
use crate::validate::validate;

/// What a load did, kind by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// One entry per record kind, in load order.
    pub kinds: Vec<WriteStats>,
}

impl LoadReport {
    /// Records written in all.
    pub fn records(&self) -> usize {
        self.kinds.iter().map(|k| k.records).sum()
    }

    /// Transient failures retried in all.
    pub fn retries(&self) -> u32 {
        self.kinds.iter().map(|k| k.retries).sum()
    }
}

/// Validates `data`, cuts its conversations into citable passages, bootstraps the schema and
/// writes every record plus a `Chunk` reference per passage. Validation runs first,
/// so bad data writes nothing; each batch is its own transaction, so a failure mid-way
/// leaves whole batches only, and re-running the load completes it idempotently.
pub async fn load_dataset(
    client: &GraphClient,
    data: &CompanyDataset,
    lines: &SourceLines,
    progress: Option<BatchProgress<'_>>,
) -> Result<LoadReport, IngestError> {
    validate(data, lines)?;
    let chunks = chunk_company(data, &ChunkingConfig::default(), &WordPieceEstimate)?;
    let chunk_refs: Vec<_> = chunks.iter().map(|c| c.graph_ref()).collect();
    bootstrap_schema(client).await?;
    let mut report = LoadReport::default();
    macro_rules! load_all {
        ($($field:ident $file:literal $ty:ident),*) => {
            $( report.kinds.push(client.write_records(&data.$field, progress).await?); )*
        };
    }
    crate::with_record_kinds!(load_all);
    report
        .kinds
        .push(client.write_records(&chunk_refs, progress).await?);
    Ok(report)
}
