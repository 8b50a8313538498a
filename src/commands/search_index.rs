//! The conversation search index steps `demo`, `up`, `ingest` and `search` share: load the
//! embedding model, build the index with progress lines, open it (rebuilding a damaged one).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use revpulse_ingest::dataset::CompanyDataset;
use revpulse_ingest::search_index::{
    IndexBuild, build_search_index, company_search_documents, open_or_rebuild_search_index,
};
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;

use crate::cli::IndexArgs;

/// The index folder: the flag, or `<home>/search`.
pub fn index_dir(home: &Path, args: &IndexArgs) -> PathBuf {
    args.index_dir
        .clone()
        .unwrap_or_else(|| home.join("search"))
}

/// Loads the MiniLM model from the flag's folder or the installed one.
pub fn load_embedder(model_dir: Option<&Path>) -> anyhow::Result<Arc<dyn Embedder>> {
    let dir = model_dir.map_or_else(default_model_dir, Path::to_path_buf);
    let started = Instant::now();
    let model = MiniLmEmbedder::load(&dir)
        .with_context(|| format!("loading the embedding model from {}", dir.display()))?;
    eprintln!(
        "· embedding model loaded in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    Ok(Arc::new(model))
}

/// Builds (or confirms up to date) the index of `data`'s conversations.
pub async fn build(home: &Path, args: &IndexArgs, data: &CompanyDataset) -> anyhow::Result<()> {
    if args.no_index {
        eprintln!("· --no-index: the conversation search index was not built");
        return Ok(());
    }
    let dir = index_dir(home, args);
    let documents = company_search_documents(data)?;
    let embedder = load_embedder(args.model_dir.as_deref())?;
    eprintln!(
        "· indexing {} passages into {} …",
        documents.len(),
        dir.display()
    );
    let mut progress = IndexProgress::new();
    let outcome = build_search_index(&dir, embedder, &documents, &mut |d, t| {
        progress.report(d, t)
    })
    .await?;
    match outcome {
        IndexBuild::UpToDate { documents } => {
            eprintln!("· search index already up to date ({documents} passages)")
        }
        IndexBuild::Built { documents, seconds } => eprintln!(
            "· search index built: {documents} passages in {seconds:.1}s ({:.0} passages/s)",
            documents as f64 / seconds.max(1e-9)
        ),
    }
    Ok(())
}

/// Opens the index, rebuilding it from `bronze_dir` with a message when it is damaged.
pub async fn open(
    home: &Path,
    args: &IndexArgs,
    bronze_dir: &Path,
) -> anyhow::Result<EmbeddedIndex> {
    let dir = index_dir(home, args);
    let embedder = load_embedder(args.model_dir.as_deref())?;
    let mut progress = IndexProgress::new();
    let index = open_or_rebuild_search_index(
        &dir,
        embedder,
        bronze_dir,
        &mut |message| eprintln!("! {message}"),
        &mut |d, t| progress.report(d, t),
    )
    .await?;
    Ok(index)
}

/// Progress lines for indexing: at most one every two seconds, plus the last.
pub struct IndexProgress {
    started: Instant,
    last: Option<Instant>,
}

impl IndexProgress {
    /// A printer starting now.
    pub fn new() -> Self {
        Self {
            started: Instant::now(),
            last: None,
        }
    }

    /// Reports `done` of `total` passages indexed.
    pub fn report(&mut self, done: usize, total: usize) {
        let now = Instant::now();
        let due = done == total
            || self
                .last
                .is_none_or(|at| now.duration_since(at).as_secs_f64() >= 2.0);
        if !due {
            return;
        }
        self.last = Some(now);
        let seconds = self.started.elapsed().as_secs_f64();
        let rate = done as f64 / seconds.max(1e-9);
        let eta = if rate > 0.0 {
            (total - done) as f64 / rate
        } else {
            0.0
        };
        eprintln!(
            "  [{seconds:>6.1}s] passages indexed {done:>8}/{total}  ({rate:.0}/s, about {eta:.0}s left)"
        );
    }
}
