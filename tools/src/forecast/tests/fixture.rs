//! The demo company served to the tools the way the gateway would: scoped records and an
//! (empty) conversation index, built once per test process.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_search::SearchIndex;
use revpulse_search::embed::MiniLmEmbedder;
use revpulse_search::embedded::EmbeddedIndex;

use crate::{DatasetRecords, Scope, Stores, ToolContext};

/// The demo company's "today".
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 14).unwrap()
}

struct Fixture {
    dataset: CompanyDataset,
    stores: Stores,
    _dir: tempfile::TempDir,
}

fn build(accounts: usize) -> Fixture {
    let dataset = generate(&DemoConfig::new(11, today()).with_accounts(accounts))
        .unwrap()
        .dataset;
    let dir = tempfile::tempdir().unwrap();
    let embedder = MiniLmEmbedder::load(&revpulse_search::embed::default_model_dir()).unwrap();
    let index = EmbeddedIndex::open(dir.path(), Arc::new(embedder)).unwrap();
    let search: Arc<dyn SearchIndex> = Arc::new(index);
    Fixture {
        stores: Stores {
            records: Arc::new(DatasetRecords::new(dataset.clone())),
            search,
        },
        dataset,
        _dir: dir,
    }
}

fn small() -> &'static Fixture {
    static SMALL: OnceLock<Fixture> = OnceLock::new();
    SMALL.get_or_init(|| build(120))
}

fn full() -> &'static Fixture {
    static FULL: OnceLock<Fixture> = OnceLock::new();
    FULL.get_or_init(|| build(600))
}

/// The 120-account company's records.
pub fn dataset() -> &'static CompanyDataset {
    &small().dataset
}

/// A context over the 120-account company for `scope`.
pub fn context(scope: Scope) -> ToolContext {
    ToolContext::new(scope, today(), small().stores.clone())
}

/// A context over the 600-account company (the default demo size) for everything.
pub fn full_context() -> ToolContext {
    ToolContext::new(Scope::everything("cro"), today(), full().stores.clone())
}

/// The 600-account company's records.
pub fn full_dataset() -> &'static CompanyDataset {
    &full().dataset
}
