//! The demo company the directory tests run on, served to callers of any scope the way the
//! gateway would: through a `ToolContext` over in-memory records and an empty conversation
//! index (the directory tools never search).

use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_search::embed::{MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use serde_json::Value;
use tempfile::TempDir;

use crate::{Catalogue, DatasetRecords, Scope, Stores, ToolContext, ToolError};

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
    let today = NaiveDate::from_ymd_opt(2025, 11, 14).unwrap();
    let data = generate(&DemoConfig::new(23, today).with_accounts(120))
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
    args: Value,
) -> Result<T, ToolError> {
    let reply = Catalogue::standard().call(ctx, name, args).await?;
    Ok(serde_json::from_value(reply.output).unwrap())
}

/// A listing page as the tests read it: the total and the row ids.
pub(super) struct Ids {
    /// Matching rows before pagination.
    pub total: i64,
    /// Row ids of the page, in order.
    pub ids: Vec<String>,
}

/// Calls a directory tool and keeps the total and the row ids.
pub(super) async fn ids(ctx: &ToolContext, name: &str, args: Value) -> Result<Ids, ToolError> {
    let out: Value = call(ctx, name, args).await?;
    let total = out["total"].as_i64().unwrap();
    let rows = out["rows"].as_array().unwrap();
    let ids = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    Ok(Ids { total, ids })
}

/// Every matching row id of a directory tool, read page by page of 500, and the total.
pub(super) async fn all_ids(ctx: &ToolContext, name: &str, args: Value) -> Ids {
    let mut all = Vec::new();
    loop {
        let mut paged = args.clone();
        paged["limit"] = 500.into();
        paged["offset"] = all.len().into();
        let page = ids(ctx, name, paged).await.unwrap();
        let done = page.ids.is_empty();
        all.extend(page.ids);
        if done || i64::try_from(all.len()).unwrap() >= page.total {
            assert_eq!(i64::try_from(all.len()).unwrap(), page.total);
            return Ids {
                total: page.total,
                ids: all,
            };
        }
    }
}
