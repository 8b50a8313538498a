//! A small demo company served the way production serves one (records in memory, an embedded
//! search index in a temporary directory), and a helper that asks a brain one question.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_tools::{Catalogue, DatasetRecords, Scope, Stores, ToolContext};
use tempfile::TempDir;

use crate::{AgentError, AnswerEvent, Brain, Conversation, Draft, EventSink, TraceStep, Turn};

/// The caller's context over a demo company; the index directory lives as long as it.
pub struct DemoCompany {
    /// Everything visible, on the demo's "today".
    pub ctx: ToolContext,
    _index_dir: TempDir,
}

fn embedder() -> Arc<dyn Embedder> {
    static MODEL: OnceLock<Arc<MiniLmEmbedder>> = OnceLock::new();
    MODEL
        .get_or_init(|| Arc::new(MiniLmEmbedder::load(&default_model_dir()).unwrap()))
        .clone()
}

impl DemoCompany {
    /// A 30-account company generated from seed 42.
    pub fn new() -> Self {
        let today = NaiveDate::from_ymd_opt(2025, 11, 14).unwrap();
        let company = generate(&DemoConfig::new(42, today).with_accounts(30)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let index = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
        let stores = Stores {
            records: Arc::new(DatasetRecords::new(company.dataset)),
            search: Arc::new(index),
        };
        Self {
            ctx: ToolContext::new(Scope::everything("cro"), today, stores),
            _index_dir: dir,
        }
    }
}

/// What one question produced: the draft (or error) and the steps streamed meanwhile.
pub struct Asked {
    /// The draft.
    pub draft: Result<Draft, AgentError>,
    /// Steps announced on the event sink, in order.
    pub streamed: Vec<TraceStep>,
}

/// Asks `brain` `question` for the caller in `company` with `catalogue`.
pub async fn ask(
    brain: &dyn Brain,
    company: &DemoCompany,
    catalogue: &Catalogue,
    question: &str,
) -> Asked {
    let (events, mut receiver) = EventSink::channel();
    let conversation = Conversation::new();
    let turn = Turn {
        question,
        ctx: &company.ctx,
        conversation: &conversation,
        catalogue,
        events: &events,
    };
    let draft = brain.draft(turn).await;
    drop(events);
    let mut streamed = Vec::new();
    while let Some(event) = receiver.recv().await {
        if let AnswerEvent::Step(step) = event {
            streamed.push(step);
        }
    }
    Asked { draft, streamed }
}
