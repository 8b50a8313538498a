//! The real round trip: the LLM brain talks to a local model (Gemma 3 270M, GGUF) served by
//! llama-cpp-python's OpenAI-compatible server, started here on a free port and stopped at the
//! end. Installed by `agents/install-llm.sh`; skipped, saying so, where it is not installed.
//!
//! The server runs with `--chat_format gemma` (the GGUF carries no chat template, and
//! llama-cpp-python would otherwise guess `llama-2`). llama-cpp-python 0.3.36 cannot complete
//! a native tool-calling round trip with this model: the plain formats ignore `tools` unless
//! one tool is forced, and `chatml-function-calling` (set `REVPULSE_LLM_CHAT_FORMAT` to try it)
//! does emit grammar-constrained tool calls, but answers every text turn with empty content and
//! leaves `tool` messages out of the prompt, so the model never sees a result and calls again
//! until the brain's turn limit stops it (each call the brain rejected or ran, as it should). So
//! this test checks the plain completion round trip, that the request offered the
//! coordinator's tools, and that any tool call a model made was executed through the catalogue
//! or rejected.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use revpulse_agents::llm::{LlmBrain, LlmConfig, Provider};
use revpulse_agents::{AnswerEvent, Brain, Conversation, EventSink, Outcome, StepKind, Turn};
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_search::embed::{MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_tools::{Catalogue, DatasetRecords, Scope, Stores, ToolContext};
use rig_core::http_client::{HeaderMap, HttpMiddleware, Method, Uri};
use rig_core::wasm_compat::WasmBoxedFuture;
use serde_json::Value;
use tokio::process::{Child, Command};

/// How long the server may take to load the model and answer `/v1/models`.
const STARTUP: Duration = Duration::from_secs(180);
const COORDINATOR_TOOLS: [&str; 4] = [
    "ask_sales_agent",
    "ask_marketing_agent",
    "ask_finance_agent",
    "ask_customer_agent",
];

/// Where install-llm.sh put the venv and the model (or where the environment says they are).
fn installed() -> Option<(PathBuf, PathBuf)> {
    let cache = std::env::var_os("REVPULSE_CACHE")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache/revpulse"))
        })?;
    let venv = std::env::var_os("REVPULSE_LLM_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| cache.join("llm-venv"));
    let model = std::env::var_os("REVPULSE_LLM_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| cache.join("models/gemma3-270m/gemma-3-270m-q4_k_m.gguf"));
    let python = venv.join("bin/python");
    (python.is_file() && model.is_file()).then_some((python, model))
}

/// The server's chat format: `gemma` unless `REVPULSE_LLM_CHAT_FORMAT` names another.
fn chat_format() -> String {
    std::env::var("REVPULSE_LLM_CHAT_FORMAT").unwrap_or_else(|_| "gemma".to_owned())
}

/// The server process; killed when dropped, so a failing assertion does not leak it.
struct LocalServer {
    child: Child,
    base_url: String,
    log: PathBuf,
}

impl LocalServer {
    async fn start(python: &PathBuf, model: &PathBuf, dir: &std::path::Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .unwrap()
            .port();
        let log = dir.join("llama-server.log");
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new(python)
            .args(["-m", "llama_cpp.server", "--model"])
            .arg(model)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args([
                "--n_ctx",
                "4096",
                "--chat_format",
                &chat_format(),
                "--model_alias",
                "gemma-3-270m",
            ])
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let server = Self {
            child,
            base_url: format!("http://127.0.0.1:{port}/v1"),
            log,
        };
        server.wait_until_ready().await;
        server
    }

    /// Polls `/v1/models` until it answers, the process dies, or [`STARTUP`] passes.
    async fn wait_until_ready(&self) {
        let client = rig_reqwest::reqwest::Client::new();
        let url = format!("{}/models", self.base_url);
        let started = Instant::now();
        let mut ticks = tokio::time::interval(Duration::from_millis(250));
        loop {
            ticks.tick().await;
            let answered = client
                .get(&url)
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .is_ok_and(|response| response.status().is_success());
            if answered {
                return;
            }
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            assert!(
                started.elapsed() < STARTUP,
                "the server did not start:\n{log}"
            );
        }
    }

    async fn stop(mut self) {
        self.child.kill().await.unwrap();
    }
}

/// Keeps every request body the brain sends.
#[derive(Clone, Default)]
struct RequestLog(Arc<Mutex<Vec<Value>>>);

impl RequestLog {
    fn bodies(&self) -> Vec<Value> {
        self.0.lock().unwrap().clone()
    }
}

impl HttpMiddleware for RequestLog {
    fn before_request_body<'a>(
        &'a self,
        _method: &'a Method,
        _uri: &'a Uri,
        _headers: &'a HeaderMap,
        body: bytes::Bytes,
    ) -> WasmBoxedFuture<'a, rig_core::http_client::Result<bytes::Bytes>> {
        if let Ok(json) = serde_json::from_slice(&body) {
            self.0.lock().unwrap().push(json);
        }
        Box::pin(async move { Ok(body) })
    }
}

fn demo_context(dir: &std::path::Path) -> ToolContext {
    let today = NaiveDate::from_ymd_opt(2025, 11, 14).unwrap();
    let company = generate(&DemoConfig::new(42, today).with_accounts(30)).unwrap();
    let embedder = Arc::new(MiniLmEmbedder::load(&default_model_dir()).unwrap());
    let index = EmbeddedIndex::open(&dir.join("index"), embedder).unwrap();
    let stores = Stores {
        records: Arc::new(DatasetRecords::new(company.dataset)),
        search: Arc::new(index),
    };
    ToolContext::new(Scope::everything("cro"), today, stores)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_llm_brain_round_trips_through_a_local_model() {
    let Some((python, model)) = installed() else {
        println!("SKIPPED: local LLM not installed (run agents/install-llm.sh)");
        return;
    };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let server = LocalServer::start(&python, &model, dir.path()).await;
    let ready = started.elapsed();

    let provider = Provider::OpenAiCompatible {
        base_url: server.base_url.clone(),
    };
    let config = LlmConfig::new(provider, "gemma-3-270m")
        .with_seed(42)
        .with_max_turns(4)
        .with_max_output_tokens(96);
    let requests = RequestLog::default();
    let http = rig_reqwest::shared().with_middleware(requests.clone());
    let brain = LlmBrain::from_config_over(&config, http).unwrap();
    let ctx = demo_context(dir.path());
    let catalogue = Catalogue::standard();
    let conversation = Conversation::new();
    let (events, mut streamed) = EventSink::channel();
    let turn = Turn {
        question: "What is our revenue forecast for this quarter? Answer in one sentence.",
        ctx: &ctx,
        conversation: &conversation,
        catalogue: &catalogue,
        events: &events,
    };

    let asked = Instant::now();
    let drafted = brain.draft(turn).await;
    let answer_time = asked.elapsed();
    let log = std::fs::read_to_string(&server.log).unwrap_or_default();
    server.stop().await;
    drop(events);
    while let Some(event) = streamed.recv().await {
        if let AnswerEvent::Step(step) = event {
            println!("step: {:?} {:?}", step.agent, step.kind);
        }
    }
    let draft = drafted.unwrap_or_else(|error| panic!("the round trip failed: {error}\n{log}"));

    println!(
        "local LLM: server ready in {:.1} s, answered in {:.1} s: {:?}",
        ready.as_secs_f64(),
        answer_time.as_secs_f64(),
        draft.text
    );
    assert_eq!(draft.outcome, Outcome::Answered);
    let bodies = requests.bodies();
    assert!(!bodies.is_empty());
    let offered: Vec<&str> = bodies[0]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|tool| tool["function"]["name"].as_str())
        .collect();
    assert_eq!(offered, COORDINATOR_TOOLS);
    assert_eq!(bodies[0]["seed"], 42);
    assert_eq!(bodies[0]["temperature"], 0.0);
    assert_eq!(bodies[0]["tool_choice"], "auto");
    // Every tool call the models made ran through the catalogue or was rejected with a reason.
    for step in &draft.steps {
        if let StepKind::ToolCall { tool, error, .. } = &step.kind {
            let ran = draft
                .replies
                .iter()
                .any(|reply| reply.tool == tool.as_str());
            assert!(
                ran || error.is_some(),
                "tool call {tool} neither ran nor was rejected"
            );
        }
    }
    let completions = draft
        .steps
        .iter()
        .filter(|step| matches!(step.kind, StepKind::Completion { .. }))
        .count();
    assert_eq!(
        completions,
        bodies.len(),
        "every completion reported its usage"
    );
}
