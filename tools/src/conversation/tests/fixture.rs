//! One small demo company shared by the conversation tests: its records served in memory and
//! its chunks indexed once per test process into an embedded index (real MiniLM embeddings) in
//! a temporary directory of the process, the way `revpulse demo` builds it.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_ingest::search_index::{build_search_index, company_search_documents};
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_search::{SearchDocument, SearchFilter, newest_first};

use crate::{Catalogue, DatasetRecords, Scope, Stores, Tool, ToolContext, ToolError};

/// The demo company and the stores serving it.
pub(super) struct Company {
    /// Every record (the unscoped truth the tests recompute from).
    pub data: CompanyDataset,
    /// Every passage indexed, as the ingest chunked it.
    pub docs: Vec<SearchDocument>,
    /// The data's "today".
    pub today: NaiveDate,
    stores: Stores,
}

static COMPANY: LazyLock<Company> = LazyLock::new(|| {
    // Built on a thread of its own: the index build is async and the tests' runtimes must
    // not block inside themselves.
    std::thread::spawn(build).join().unwrap()
});

fn build() -> Company {
    let today = NaiveDate::from_ymd_opt(2025, 5, 14).unwrap();
    let data = generate(&DemoConfig::new(7, today).with_accounts(16))
        .unwrap()
        .dataset;
    let docs = company_search_documents(&data).unwrap();
    let dir = index_dir();
    let embedder: Arc<dyn Embedder> = Arc::new(MiniLmEmbedder::load(&default_model_dir()).unwrap());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime
        .block_on(build_search_index(
            &dir,
            embedder.clone(),
            &docs,
            &mut |_, _| {},
        ))
        .unwrap();
    let index = EmbeddedIndex::open(&dir, embedder).unwrap();
    Company {
        stores: Stores {
            records: Arc::new(DatasetRecords::new(data.clone())),
            search: Arc::new(index),
        },
        data,
        docs,
        today,
    }
}

/// A fresh directory for this process's index, under the system's temporary directory.
/// A static fixture is never dropped, so the directories of earlier test processes that are
/// no longer running are removed here instead.
fn index_dir() -> PathBuf {
    let parent = std::env::temp_dir().join("revpulse-conversation-tests");
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

/// The shared company.
pub(super) fn company() -> &'static Company {
    &COMPANY
}

impl Company {
    /// A caller who sees everything.
    pub fn everything(&self) -> ToolContext {
        ToolContext::new(Scope::everything("cro"), self.today, self.stores.clone())
    }

    /// A caller granted one region only.
    pub fn region_vp(&self, region: &str) -> ToolContext {
        let scope = Scope::granted("vp", [region.to_owned()], [], []);
        ToolContext::new(scope, self.today, self.stores.clone())
    }

    /// The region of an account.
    pub fn region_of(&self, account_id: &str) -> &str {
        self.data
            .accounts
            .iter()
            .find(|a| a.id == account_id)
            .map_or("", |a| a.region_id.as_str())
    }

    /// A region other than `region`.
    pub fn other_region(&self, region: &str) -> String {
        let mut ids: Vec<&str> = self.data.regions.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.into_iter().find(|r| *r != region).unwrap().to_owned()
    }

    /// The passage with this id.
    pub fn doc(&self, chunk_id: &str) -> &SearchDocument {
        self.docs
            .iter()
            .find(|d| d.id == chunk_id)
            .unwrap_or_else(|| panic!("{chunk_id} is not an indexed chunk"))
    }

    /// The passages a filter admits, newest first, by a plain scan of the chunks.
    pub fn admitted(&self, filter: &SearchFilter) -> Vec<SearchDocument> {
        let mut out: Vec<SearchDocument> = self
            .docs
            .iter()
            .filter(|d| filter.matches(&d.metadata))
            .cloned()
            .collect();
        out.sort_by(newest_first);
        out
    }

    /// The account with the most call transcripts (ties by id).
    pub fn busiest_call_account(&self) -> String {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for t in &self.data.transcripts {
            let activity = self.data.activities.iter().find(|a| a.id == t.activity_id);
            if let Some(a) = activity {
                *counts.entry(a.account_id.as_str()).or_default() += 1;
            }
        }
        let best = counts
            .iter()
            .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)));
        best.unwrap().0.to_string()
    }
}

/// Runs tool `T` by name through the standard catalogue (as an agent would), decoding its
/// output.
pub(super) async fn call<T: Tool>(
    ctx: &ToolContext,
    args: serde_json::Value,
) -> Result<T::Output, ToolError> {
    let reply = Catalogue::standard().call(ctx, T::NAME, args).await?;
    Ok(serde_json::from_value(reply.output).unwrap())
}
