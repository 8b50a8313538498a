//! Test support shared by the tool families: a demo company served to callers of any scope the
//! way the gateway would — through a `ToolContext` over in-memory records and a conversation
//! index, empty or filled with the company's passages — and a call through the standard
//! catalogue.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock, OnceLock};

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_ingest::demo::{DemoCompany, DemoConfig, GroundTruth, generate};
use revpulse_ingest::search_index::{build_search_index, company_search_documents};
use revpulse_search::SearchDocument;
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use tempfile::TempDir;

use crate::{Catalogue, DatasetRecords, Scope, Stores, ToolContext, ToolError};

/// A demo company and the stores serving it.
pub(crate) struct Company {
    /// Every record (the unscoped truth the tests recompute from).
    pub data: CompanyDataset,
    /// The generator's planted facts.
    pub truth: GroundTruth,
    /// Every passage indexed, as the ingest chunked it (none in an empty index).
    pub docs: Vec<SearchDocument>,
    /// The data's "today".
    pub today: NaiveDate,
    stores: Stores,
    _index_dir: TempDir,
}

impl Company {
    /// The demo company of `seed` with `accounts` accounts ending on `today`, over an empty
    /// conversation index.
    pub fn generate(seed: u64, today: NaiveDate, accounts: usize) -> Self {
        let demo = demo(seed, today, accounts);
        Self::serve(demo, today, Vec::new(), index_dir())
    }

    /// The same company with every passage indexed (real MiniLM embeddings), the way
    /// `revpulse demo` builds it.
    pub fn generate_indexed(seed: u64, today: NaiveDate, accounts: usize) -> Self {
        // Built on a thread of its own: the index build is async, and a test's runtime (which
        // may be the one asking for a static fixture) must not block inside itself.
        std::thread::spawn(move || {
            let demo = demo(seed, today, accounts);
            let docs = company_search_documents(&demo.dataset).unwrap();
            let dir = index_dir();
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime
                .block_on(build_search_index(
                    dir.path(),
                    embedder(),
                    &docs,
                    &mut |_, _| {},
                ))
                .unwrap();
            Self::serve(demo, today, docs, dir)
        })
        .join()
        .unwrap()
    }

    fn serve(demo: DemoCompany, today: NaiveDate, docs: Vec<SearchDocument>, dir: TempDir) -> Self {
        let index = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
        Self {
            stores: Stores {
                records: Arc::new(DatasetRecords::new(demo.dataset.clone())),
                search: Arc::new(index),
            },
            data: demo.dataset,
            truth: demo.truth,
            docs,
            today,
            _index_dir: dir,
        }
    }

    /// A caller who sees everything.
    pub fn everything(&self) -> ToolContext {
        self.caller(Scope::everything("cro"))
    }

    /// A caller granted one region only.
    pub fn region_vp(&self, region: &str) -> ToolContext {
        self.caller(Scope::granted("vp", [region.to_owned()], [], []))
    }

    /// A caller granted a few accounts only.
    pub fn account_manager(&self, accounts: &[&str]) -> ToolContext {
        let ids = accounts.iter().map(|a| (*a).to_owned());
        self.caller(Scope::granted("am", [], [], ids))
    }

    fn caller(&self, scope: Scope) -> ToolContext {
        ToolContext::new(scope, self.today, self.stores.clone())
    }

    /// The region ids, sorted.
    pub fn regions(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.data.regions.iter().map(|r| r.id.clone()).collect();
        ids.sort();
        ids
    }

    /// The first region (in id order) other than `region`.
    pub fn other_region(&self, region: &str) -> String {
        self.regions().into_iter().find(|r| r != region).unwrap()
    }

    /// The region of an account.
    pub fn region_of(&self, account_id: &str) -> &str {
        self.data
            .accounts
            .iter()
            .find(|a| a.id == account_id)
            .map_or("", |a| a.region_id.as_str())
    }
}

/// The default demo company (seed 11, 600 accounts, ending 2025-11-14), built once per test
/// process for every family that checks its tools at full size.
pub(crate) fn default_demo() -> &'static Company {
    static DEFAULT: LazyLock<Company> = LazyLock::new(|| {
        let today = NaiveDate::from_ymd_opt(2025, 11, 14).unwrap();
        Company::generate(11, today, 600)
    });
    &DEFAULT
}

/// Runs tool `name` for `ctx` through the standard catalogue, as an agent would.
pub(crate) async fn call<T: serde::de::DeserializeOwned>(
    ctx: &ToolContext,
    name: &str,
    args: serde_json::Value,
) -> Result<T, ToolError> {
    let reply = Catalogue::standard().call(ctx, name, args).await?;
    Ok(serde_json::from_value(reply.output).unwrap())
}

fn demo(seed: u64, today: NaiveDate, accounts: usize) -> DemoCompany {
    generate(&DemoConfig::new(seed, today).with_accounts(accounts)).unwrap()
}

/// The embedding model, loaded once per process (clones share its weights).
fn embedder() -> Arc<dyn Embedder> {
    static MODEL: LazyLock<MiniLmEmbedder> =
        LazyLock::new(|| MiniLmEmbedder::load(&default_model_dir()).unwrap());
    Arc::new(MODEL.clone())
}

/// A fresh directory for one company's index, under this process's directory.
fn index_dir() -> TempDir {
    static PROCESS_DIR: OnceLock<PathBuf> = OnceLock::new();
    tempfile::tempdir_in(PROCESS_DIR.get_or_init(process_dir)).unwrap()
}

/// This process's directory under the system's temporary directory. Static fixtures are never
/// dropped, so the directories of earlier test processes that are no longer running are removed
/// here instead.
fn process_dir() -> PathBuf {
    let parent = std::env::temp_dir().join("revpulse-tools-tests");
    std::fs::create_dir_all(&parent).unwrap();
    // Whether a process is alive is read from /proc; without it nothing is removed.
    let processes_known = PathBuf::from("/proc/self").exists();
    for entry in std::fs::read_dir(&parent).unwrap().flatten() {
        let name = entry.file_name();
        let finished = name
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
            .is_none_or(|pid| !PathBuf::from(format!("/proc/{pid}")).exists());
        if processes_known && finished {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    let dir = parent.join(std::process::id().to_string());
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
