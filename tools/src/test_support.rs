//! Test support shared by the tool families: a demo company served to callers of any scope the
//! way the gateway would — through a `ToolContext` over in-memory records and an empty
//! conversation index — and a call through the standard catalogue.

use std::sync::Arc;

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_search::embed::{MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use tempfile::TempDir;

use crate::{Catalogue, DatasetRecords, Scope, Stores, ToolContext, ToolError};

/// A demo company and the stores serving it.
pub(crate) struct Company {
    /// Every record (the unscoped truth the tests recompute from).
    pub data: CompanyDataset,
    /// The data's "today".
    pub today: NaiveDate,
    stores: Stores,
    _index_dir: TempDir,
}

impl Company {
    /// The demo company of `seed` with `accounts` accounts ending on `today`.
    pub fn generate(seed: u64, today: NaiveDate, accounts: usize) -> Self {
        let data = generate(&DemoConfig::new(seed, today).with_accounts(accounts))
            .unwrap()
            .dataset;
        let index_dir = tempfile::tempdir().unwrap();
        let embedder = MiniLmEmbedder::load(&default_model_dir()).unwrap();
        let index = EmbeddedIndex::open(index_dir.path(), Arc::new(embedder)).unwrap();
        Self {
            stores: Stores {
                records: Arc::new(DatasetRecords::new(data.clone())),
                search: Arc::new(index),
            },
            data,
            today,
            _index_dir: index_dir,
        }
    }

    /// A caller who sees everything.
    pub fn everything(&self) -> ToolContext {
        ToolContext::new(Scope::everything("cro"), self.today, self.stores.clone())
    }

    /// A caller granted one region only.
    pub fn region_vp(&self, region: &str) -> ToolContext {
        let scope = Scope::granted("vp", [region.to_owned()], [], []);
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
pub(crate) async fn call<T: serde::de::DeserializeOwned>(
    ctx: &ToolContext,
    name: &str,
    args: serde_json::Value,
) -> Result<T, ToolError> {
    let reply = Catalogue::standard().call(ctx, name, args).await?;
    Ok(serde_json::from_value(reply.output).unwrap())
}
