//! Tests of the marketing tools against the deterministic demo company: expected numbers are
//! recomputed from the records by plain loops over the current fields (the data's "today" is
//! the tools' today, so current values are the as-of values), scoping is checked with a
//! region-granted caller, and every call is repeated to check determinism.

mod attribution;
mod campaign_roi;
mod content_influence;
mod funnel;

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use revpulse_graph::model::{CompanyDataset, Stage};
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use tempfile::TempDir;

use crate::{DatasetRecords, DateRange, Scope, Stores, Tool, ToolContext};

/// The demo company's last day, used as the tools' today.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 14).unwrap()
}

/// The demo company (generated once per test process).
fn company() -> &'static CompanyDataset {
    static COMPANY: OnceLock<CompanyDataset> = OnceLock::new();
    COMPANY.get_or_init(|| {
        generate(&DemoConfig::new(20_250_514, today()).with_accounts(160))
            .unwrap()
            .dataset
    })
}

fn embedder() -> Arc<dyn Embedder> {
    static MODEL: OnceLock<Arc<MiniLmEmbedder>> = OnceLock::new();
    MODEL
        .get_or_init(|| Arc::new(MiniLmEmbedder::load(&default_model_dir()).unwrap()))
        .clone()
}

/// A caller's context over the demo company (an empty conversation index: these tools do
/// not search). Keep the directory alive for as long as the context.
struct Caller {
    _index_dir: TempDir,
    ctx: ToolContext,
}

impl Caller {
    fn new(scope: Scope) -> Self {
        Self::over(company().clone(), scope)
    }

    /// A caller over another company (a variant of the demo company).
    fn over(records: CompanyDataset, scope: Scope) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let index = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
        let stores = Stores {
            records: Arc::new(DatasetRecords::new(records)),
            search: Arc::new(index),
        };
        Self {
            _index_dir: dir,
            ctx: ToolContext::new(scope, today(), stores),
        }
    }

    fn everything() -> Self {
        Self::new(Scope::everything("cmo"))
    }

    /// A regional VP who sees one region.
    fn region(region_id: &str) -> Self {
        Self::new(Scope::granted(
            "vp",
            [region_id.to_owned()],
            Vec::new(),
            Vec::new(),
        ))
    }

    /// The same caller on an earlier day.
    fn on(mut self, day: NaiveDate) -> Self {
        self.ctx = self.ctx.on(day);
        self
    }

    async fn call<T: Tool>(&self, tool: T, args: serde_json::Value) -> T::Output {
        let args: T::Args = serde_json::from_value(args).unwrap();
        tool.call(&self.ctx, args).await.unwrap()
    }

    async fn fail<T: Tool>(&self, tool: T, args: serde_json::Value) -> crate::ToolError {
        let args: T::Args = serde_json::from_value(args).unwrap();
        match tool.call(&self.ctx, args).await {
            Ok(_) => panic!("expected {} to fail", T::NAME),
            Err(e) => e,
        }
    }
}

/// The region of an account, from the records.
fn region_of_account(ds: &CompanyDataset, account_id: &str) -> String {
    ds.accounts
        .iter()
        .find(|a| a.id == account_id)
        .map(|a| a.region_id.clone())
        .unwrap()
}

/// The region with the most accounts (ties by id): a region with plenty of data.
fn busiest_region(ds: &CompanyDataset) -> String {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for a in &ds.accounts {
        *counts.entry(a.region_id.as_str()).or_default() += 1;
    }
    let best = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
    best.unwrap().0.to_string()
}

/// Won revenue of deals whose close date falls in `period`, by a plain loop, optionally in
/// one region.
fn naive_won_revenue(ds: &CompanyDataset, period: DateRange, region: Option<&str>) -> (u64, i64) {
    let mut deals = 0;
    let mut revenue = 0;
    for deal in &ds.opportunities {
        let in_region = region.is_none_or(|r| region_of_account(ds, &deal.account_id) == r);
        if deal.stage == Stage::ClosedWon && period.contains(deal.close_date) && in_region {
            deals += 1;
            revenue += deal.amount;
        }
    }
    (deals, revenue)
}

#[tokio::test]
async fn the_four_tools_are_in_the_catalogue_and_callable_by_name_with_defaults() {
    let catalogue = crate::Catalogue::standard();
    for name in ["attribution", "funnel", "campaign_roi", "content_influence"] {
        assert!(catalogue.contains(name), "{name}");
    }
    let described = catalogue.describe();
    let attribution = described.iter().find(|d| d.name == "attribution").unwrap();
    let properties = &attribution.args_schema["properties"];
    for field in ["period", "models", "limit"] {
        assert!(properties.get(field).is_some(), "{field}");
    }
    let caller = Caller::everything();
    let reply = catalogue
        .call(&caller.ctx, "content_influence", serde_json::Value::Null)
        .await
        .unwrap();
    assert_eq!(reply.output["period"]["to"], serde_json::json!(today()));
    assert!(!reply.sources.is_empty());
    let refused = catalogue
        .call(
            &caller.ctx,
            "funnel",
            serde_json::json!({ "quarter": "Q1" }),
        )
        .await;
    assert!(matches!(refused, Err(crate::ToolError::InvalidArgs { .. })));
}
