//! One small demo company shared by the pipeline tests, served to callers of any scope the
//! way the gateway would: through a `ToolContext` over in-memory records and an empty
//! conversation index.

use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_search::embed::{MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use tempfile::TempDir;

use crate::{Catalogue, DatasetRecords, Scope, Stores, ToolContext};

/// The demo company and the stores serving it.
pub(super) struct Company {
    /// Every record (the unscoped truth the tests recompute from).
    pub data: CompanyDataset,
    /// The data's "today".
    pub today: NaiveDate,
    stores: Stores,
    _index_dir: TempDir,
}

static COMPANY: LazyLock<Company> = LazyLock::new(|| {
    let today = NaiveDate::from_ymd_opt(2026, 3, 18).unwrap();
    let data = generate(&DemoConfig::new(11, today).with_accounts(150))
        .unwrap()
        .dataset;
    let index_dir = tempfile::tempdir().unwrap();
    let embedder = MiniLmEmbedder::load(&default_model_dir()).unwrap();
    let index = EmbeddedIndex::open(index_dir.path(), Arc::new(embedder)).unwrap();
    Company {
        stores: Stores {
            records: Arc::new(DatasetRecords::new(data.clone())),
            search: Arc::new(index),
        },
        data,
        today,
        _index_dir: index_dir,
    }
});

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

    /// The region ids, sorted.
    pub fn regions(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.data.regions.iter().map(|r| r.id.clone()).collect();
        ids.sort();
        ids
    }

    /// The region of a deal's account.
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
