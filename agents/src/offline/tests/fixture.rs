//! One small demo company in memory (records served from the dataset, an empty conversation
//! index) and one offline brain, shared by the tests.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_tools::{Catalogue, DatasetRecords, Scope, Stores, ToolContext};
use tempfile::TempDir;

use crate::offline::OfflineBrain;
use crate::{Answer, Conversation, Coordinator, EventSink};

/// The company and its stores.
pub struct World {
    /// Every record.
    pub company: CompanyDataset,
    stores: Stores,
    today: NaiveDate,
    coordinator: Coordinator,
    _index_dir: TempDir,
}

impl World {
    /// A caller's context.
    pub fn ctx(&self, scope: Scope) -> ToolContext {
        ToolContext::new(scope, self.today, self.stores.clone())
    }
}

/// The shared world (built once; the brain embeds its examples on a thread of its own).
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        std::thread::spawn(build)
            .join()
            .expect("the test world builds")
    })
}

fn build() -> World {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("a date");
    let company = generate(&DemoConfig::new(11, today).with_accounts(30))
        .expect("the demo company")
        .dataset;
    let embedder: Arc<dyn Embedder> =
        Arc::new(MiniLmEmbedder::load(&default_model_dir()).expect("the MiniLM model"));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let index = EmbeddedIndex::open(dir.path(), embedder.clone()).expect("an empty index");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let brain = runtime
        .block_on(OfflineBrain::new(embedder))
        .expect("the offline brain");
    World {
        stores: Stores {
            records: Arc::new(DatasetRecords::new(company.clone())),
            search: Arc::new(index),
        },
        company,
        today,
        coordinator: Coordinator::new(Arc::new(brain), Catalogue::standard()),
        _index_dir: dir,
    }
}

/// Asks `question` as the next turn of `conversation`.
pub async fn ask(ctx: &ToolContext, conversation: &mut Conversation, question: &str) -> Answer {
    world()
        .coordinator
        .ask(ctx, conversation, question, &EventSink::discard())
        .await
        .expect("an answer")
}

/// Asks `question` in a new conversation.
pub async fn asked_in(ctx: &ToolContext, question: &str) -> Answer {
    ask(ctx, &mut Conversation::new(), question).await
}
