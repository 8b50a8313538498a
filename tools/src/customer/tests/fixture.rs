//! The demo companies the customer tests run on, served to callers of any scope the way the
//! gateway would: through a `ToolContext` over in-memory records and an empty conversation
//! index. The small company backs the behaviour tests; the default 600-account one backs the
//! timing and recovery checks.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_ingest::demo::{DemoConfig, GroundTruth, generate};
use revpulse_search::embed::{MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use tempfile::TempDir;

use crate::{Catalogue, DatasetRecords, Scope, Stores, ToolContext};

/// One demo company and the stores serving it.
pub(super) struct Company {
    /// Every record (the unscoped truth the tests recompute from).
    pub data: CompanyDataset,
    /// The generator's planted facts.
    pub truth: GroundTruth,
    /// The data's "today".
    pub today: NaiveDate,
    stores: Stores,
    _index_dir: TempDir,
}

fn build(accounts: usize) -> Company {
    let today = NaiveDate::from_ymd_opt(2025, 11, 14).unwrap();
    let demo = generate(&DemoConfig::new(11, today).with_accounts(accounts)).unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let embedder = MiniLmEmbedder::load(&default_model_dir()).unwrap();
    let index = EmbeddedIndex::open(index_dir.path(), Arc::new(embedder)).unwrap();
    Company {
        stores: Stores {
            records: Arc::new(DatasetRecords::new(demo.dataset.clone())),
            search: Arc::new(index),
        },
        data: demo.dataset,
        truth: demo.truth,
        today,
        _index_dir: index_dir,
    }
}

/// The 160-account company.
pub(super) fn company() -> &'static Company {
    static SMALL: OnceLock<Company> = OnceLock::new();
    SMALL.get_or_init(|| build(160))
}

/// The default 600-account demo company.
pub(super) fn full_company() -> &'static Company {
    static FULL: OnceLock<Company> = OnceLock::new();
    FULL.get_or_init(|| build(600))
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

    /// A caller granted a few accounts only.
    pub fn account_manager(&self, accounts: &[&str]) -> ToolContext {
        let ids = accounts.iter().map(|a| (*a).to_owned());
        let scope = Scope::granted("am", [], [], ids);
        ToolContext::new(scope, self.today, self.stores.clone())
    }

    /// The region ids, sorted.
    pub fn regions(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.data.regions.iter().map(|r| r.id.clone()).collect();
        ids.sort();
        ids
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

/// Runs tool `name` for `ctx` through the standard catalogue, as an agent would.
pub(super) async fn call<T: serde::de::DeserializeOwned>(
    ctx: &ToolContext,
    name: &str,
    args: serde_json::Value,
) -> Result<T, crate::ToolError> {
    let reply = Catalogue::standard().call(ctx, name, args).await?;
    Ok(serde_json::from_value(reply.output).unwrap())
}
