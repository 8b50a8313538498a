//! The Meilisearch backend against a recorded-payload responder on loopback (no Meilisearch server installs from the registries here): a hand-written HTTP/1.1
//! responder replaying payloads from Meilisearch's documentation (tests/fixtures/meili/) and
//! recording every request, so the wire protocol is checked without a real server.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{TimeZone, Utc};
use revpulse_search::embed::{EmbedError, Embedder, Embedding};
use revpulse_search::meili::{MeiliConfig, MeiliIndex};
use revpulse_search::{
    BrowseRequest, DocumentMetadata, FilterField, RetrievalScope, SearchDocument, SearchFilter,
    SearchIndex, SearchMode, SearchRequest,
};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

// ---------------------------------------------------------------------------------------
// Fixtures

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/meili/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The documented "enqueued" summary, renumbered.
fn enqueued(uid: u32) -> Value {
    let mut task = fixture("task_enqueued.json");
    task["taskUid"] = json!(uid);
    task
}

/// The documented succeeded task, renumbered.
fn succeeded(uid: u32) -> Value {
    let mut task = fixture("task_succeeded.json");
    task["uid"] = json!(uid);
    task
}

/// The documented failed task, renumbered.
fn failed(uid: u32) -> Value {
    let mut task = fixture("task_failed.json");
    task["uid"] = json!(uid);
    task
}

/// The succeeded task turned back into a task still being processed.
fn processing(uid: u32) -> Value {
    let mut task = succeeded(uid);
    let object = task.as_object_mut().unwrap();
    object.insert("status".into(), json!("processing"));
    object.remove("duration");
    object.remove("finishedAt");
    task
}

// ---------------------------------------------------------------------------------------
// The recorded-payload responder

#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    /// Path and query string.
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Recorded {
    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{}: {e}: {}", self.target, self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Reply {
    status: u16,
    body: Value,
    delay: Duration,
}

fn reply(status: u16, body: Value) -> Reply {
    Reply {
        status,
        body,
        delay: Duration::ZERO,
    }
}

type Handler = Arc<dyn Fn(&Recorded) -> Reply + Send + Sync>;

struct RecordedMeili {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Recorded>>>,
    server: tokio::task::JoinHandle<()>,
}

impl RecordedMeili {
    async fn start(handler: Handler) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let server_log = log.clone();
        let server = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, handler.clone(), server_log.clone()));
            }
        });
        Self { addr, log, server }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<Recorded> {
        self.log.lock().unwrap().clone()
    }

    fn lines(&self) -> Vec<String> {
        self.requests()
            .iter()
            .map(|r| format!("{} {}", r.method, r.target))
            .collect()
    }

    fn to(&self, method: &str, path: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == method && r.path() == path)
            .collect()
    }
}

impl Drop for RecordedMeili {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Reads one request (Content-Length or chunked body), records it, answers and closes.
async fn serve(socket: TcpStream, handler: Handler, log: Arc<Mutex<Vec<Recorded>>>) {
    let mut reader = BufReader::new(socket);
    let mut line = String::new();
    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    let find = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if find("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            line.clear();
            reader.read_line(&mut line).await.unwrap();
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap(), 16).unwrap();
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).await.unwrap();
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = find("content-length") {
        let mut chunk = vec![0; length.parse().unwrap()];
        reader.read_exact(&mut chunk).await.unwrap();
        body = chunk;
    }
    let request = Recorded {
        method,
        target,
        headers,
        body: String::from_utf8(body).unwrap(),
    };
    log.lock().unwrap().push(request.clone());
    let Reply {
        status,
        body,
        delay,
    } = handler(&request);
    tokio::time::sleep(delay).await;
    let body = body.to_string();
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut socket = reader.into_inner();
    let _ = socket.write_all(head.as_bytes()).await;
    let _ = socket.write_all(body.as_bytes()).await;
    let _ = socket.shutdown().await;
}

/// A server behaving like Meilisearch for index `passages`. Every enqueuing request gets
/// the next task uid; tasks in `failing` fail, tasks in `stuck` never finish; the search
/// answers the documented-shape response.
#[derive(Clone, Default)]
struct Behaviour {
    index_exists: bool,
    primary_key: Option<&'static str>,
    failing: Arc<Mutex<HashSet<u32>>>,
    stuck: Arc<Mutex<HashSet<u32>>>,
    next_task: Arc<AtomicU32>,
}

impl Behaviour {
    fn handler(self) -> Handler {
        Arc::new(move |r: &Recorded| self.answer(r))
    }

    fn answer(&self, r: &Recorded) -> Reply {
        let enqueue = || reply(202, enqueued(self.next_task.fetch_add(1, Ordering::SeqCst)));
        match (r.method.as_str(), r.path()) {
            ("GET", "/indexes/passages") if self.index_exists => {
                let mut index = fixture("index.json");
                index["uid"] = json!("passages");
                index["primaryKey"] = json!(self.primary_key);
                reply(200, index)
            }
            ("GET", "/indexes/passages") => reply(404, fixture("error_index_not_found.json")),
            ("POST", "/indexes")
            | ("PATCH", "/indexes/passages/settings")
            | ("POST", "/indexes/passages/documents")
            | ("POST", "/indexes/passages/documents/delete-batch")
            | ("DELETE", "/indexes/passages/documents") => enqueue(),
            ("GET", "/indexes/passages/documents") => reply(
                200,
                json!({"results": [{"id": "a"}], "offset": 0, "limit": 1, "total": 42}),
            ),
            ("POST", "/indexes/passages/search") if r.json()["q"] == "" => {
                reply(200, fixture("browse_response.json"))
            }
            ("POST", "/indexes/passages/search") => reply(200, fixture("search_response.json")),
            ("GET", path) if path.starts_with("/tasks/") => {
                let uid: u32 = path["/tasks/".len()..].parse().unwrap();
                if self.failing.lock().unwrap().contains(&uid) {
                    reply(200, failed(uid))
                } else if self.stuck.lock().unwrap().contains(&uid) {
                    reply(200, processing(uid))
                } else {
                    reply(200, succeeded(uid))
                }
            }
            _ => reply(
                404,
                json!({"message": "no route", "code": "not_found", "type": "invalid_request", "link": "https://docs.meilisearch.com/errors#not_found"}),
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Embedder and documents

/// Deterministic 4-float vectors; counts the texts it embedded.
#[derive(Debug, Default)]
struct CountingEmbedder {
    texts: AtomicU32,
}

#[async_trait]
impl Embedder for CountingEmbedder {
    fn model_id(&self) -> &str {
        "fake-4"
    }

    fn dimension(&self) -> usize {
        4
    }

    async fn embed(&self, texts: &[String]) -> Result<Vec<Embedding>, EmbedError> {
        self.texts
            .fetch_add(u32::try_from(texts.len()).unwrap(), Ordering::SeqCst);
        Ok(texts.iter().map(|t| vector(t)).collect())
    }
}

fn vector(text: &str) -> Embedding {
    let len = text.len() as f32;
    vec![0.5, -0.5, len / 1000.0, 0.25]
}

fn document(id: &str, text: &str) -> SearchDocument {
    SearchDocument {
        id: id.into(),
        text: text.into(),
        metadata: DocumentMetadata {
            deal_id: Some("D-1".into()),
            account_id: "acc-1".into(),
            stage: Some("negotiation".into()),
            region: "emea".into(),
            product_line: None,
            sales_rep: "u-7".into(),
            competitor_mentioned: vec!["globex".into()],
            source_type: "call_transcript".into(),
            timestamp: Utc.with_ymd_and_hms(2024, 3, 5, 14, 0, 0).unwrap(),
        },
    }
}

fn config(server: &RecordedMeili) -> MeiliConfig {
    let mut config = MeiliConfig::new(server.url(), "passages");
    config.request_timeout = Duration::from_secs(5);
    config.retry_backoff = Duration::from_millis(10);
    config.task_poll_interval = Duration::from_millis(1);
    config
}

async fn connected(behaviour: Behaviour) -> (RecordedMeili, MeiliIndex, Arc<CountingEmbedder>) {
    let server = RecordedMeili::start(behaviour.handler()).await;
    let embedder = Arc::new(CountingEmbedder::default());
    let index = MeiliIndex::connect(config(&server), embedder.clone())
        .await
        .unwrap();
    (server, index, embedder)
}

fn existing() -> Behaviour {
    Behaviour {
        index_exists: true,
        primary_key: Some("id"),
        ..Behaviour::default()
    }
}

// ---------------------------------------------------------------------------------------
// Connecting

#[tokio::test]
async fn connect_creates_the_index_then_applies_the_settings_and_waits_for_both() {
    let server = RecordedMeili::start(Behaviour::default().handler()).await;
    let config = config(&server).api_key("test-key-123");
    MeiliIndex::connect(config, Arc::new(CountingEmbedder::default()))
        .await
        .unwrap();
    assert_eq!(
        server.lines(),
        [
            "GET /indexes/passages",
            "POST /indexes",
            "GET /tasks/0",
            "PATCH /indexes/passages/settings",
            "GET /tasks/1",
        ]
    );
    let requests = server.requests();
    assert_eq!(
        requests[1].json(),
        json!({"uid": "passages", "primaryKey": "id"})
    );
    assert_eq!(
        requests[3].json(),
        json!({
            "filterableAttributes": [
                "deal_id", "account_id", "stage", "region", "product_line", "sales_rep",
                "competitor_mentioned", "source_type", "timestamp", "timestamp_nanos"
            ],
            "searchableAttributes": ["text"],
            "sortableAttributes": ["timestamp", "timestamp_nanos", "chunk_order"],
            "pagination": {"maxTotalHits": 10000},
            "embedders": {"minilm": {"source": "userProvided", "dimensions": 4}}
        })
    );
    assert!(
        requests
            .iter()
            .all(|r| r.header("authorization") == Some("Bearer test-key-123"))
    );
}

#[tokio::test]
async fn an_existing_index_is_reused() {
    let (server, index, _) = connected(existing()).await;
    assert_eq!(
        server.lines(),
        [
            "GET /indexes/passages",
            "PATCH /indexes/passages/settings",
            "GET /tasks/0"
        ]
    );
    assert_eq!(index.backend(), "meilisearch");
}

#[tokio::test]
async fn an_index_keyed_by_another_field_is_refused() {
    let behaviour = Behaviour {
        primary_key: Some("uuid"),
        ..existing()
    };
    let server = RecordedMeili::start(behaviour.handler()).await;
    let err = MeiliIndex::connect(config(&server), Arc::new(CountingEmbedder::default()))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("primary key `uuid`"), "{err}");
    assert!(server.to("PATCH", "/indexes/passages/settings").is_empty());
}

#[tokio::test]
async fn a_failed_settings_task_reports_meilisearchs_message_and_code() {
    let behaviour = existing();
    behaviour.failing.lock().unwrap().insert(0);
    let server = RecordedMeili::start(behaviour.handler()).await;
    let err = MeiliIndex::connect(config(&server), Arc::new(CountingEmbedder::default()))
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "search server meilisearch: applying the settings of index `passages`: task 0 failed: \
         Index `movie` not found. (code `index_not_found`)"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_named() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let mut config = MeiliConfig::new(url, "passages");
    config.max_retries = 1;
    config.retry_backoff = Duration::from_millis(1);
    let err = MeiliIndex::connect(config, Arc::new(CountingEmbedder::default()))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("reading index `passages` (after 2 attempts)"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// Writing

#[tokio::test]
async fn upserts_go_in_batches_carrying_the_vectors() {
    let server = RecordedMeili::start(existing().handler()).await;
    let embedder = Arc::new(CountingEmbedder::default());
    let index = MeiliIndex::connect(config(&server).batch_size(2), embedder.clone())
        .await
        .unwrap();
    let docs: Vec<SearchDocument> = (0..5)
        .map(|i| document(&format!("tr-{i}#0-1"), &format!("passage number {i}")))
        .collect();
    index.upsert(&docs).await.unwrap();

    let batches = server.to("POST", "/indexes/passages/documents");
    assert_eq!(batches.len(), 3);
    assert!(batches.iter().all(|b| b.target.ends_with("?primaryKey=id")));
    let sizes: Vec<usize> = batches
        .iter()
        .map(|b| b.json().as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [2, 2, 1]);
    let sent: Vec<Value> = batches
        .iter()
        .flat_map(|b| b.json().as_array().unwrap().clone())
        .collect();
    for (doc, body) in docs.iter().zip(&sent) {
        assert_eq!(body["chunk_id"], doc.id.as_str());
        assert_eq!(body["id"], doc.id.replace('#', "_23"));
        let sent: Vec<f32> = serde_json::from_value(body["_vectors"]["minilm"].clone()).unwrap();
        assert_eq!(sent, vector(&doc.text));
        assert_eq!(body["region"], "emea");
        assert_eq!(body["deal_id"], "~44-1");
        assert_eq!(body["timestamp"], 1_709_647_200);
        assert_eq!(body["metadata"]["deal_id"], "D-1");
    }
    // Each batch is awaited before the next one is sent.
    let lines = server.lines();
    let posts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("POST"))
        .map(|(i, _)| i)
        .collect();
    for pair in posts.windows(2) {
        assert!(lines[pair[0] + 1].starts_with("GET /tasks/"), "{lines:?}");
        assert!(pair[1] > pair[0] + 1);
    }
    assert_eq!(embedder.texts.load(Ordering::SeqCst), 5);
}

#[tokio::test]
async fn an_invalid_batch_writes_and_embeds_nothing() {
    let (server, index, embedder) = connected(existing()).await;
    let docs = [
        document("a", "one"),
        document("b", "two"),
        document("a", "three"),
    ];
    let err = index.upsert(&docs).await.unwrap_err().to_string();
    assert!(err.contains("appears twice"), "{err}");
    let mut long = document("c", "four");
    long.metadata.account_id = "X".repeat(200);
    let err = index
        .upsert(&[document("d", "ok"), long])
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("`account_id`"), "{err}");
    assert!(server.to("POST", "/indexes/passages/documents").is_empty());
    assert_eq!(embedder.texts.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_failed_indexing_task_is_a_clear_error() {
    let behaviour = existing();
    // Task 0 is the settings update; task 1 the first document batch.
    behaviour.failing.lock().unwrap().insert(1);
    let (_server, index, _) = connected(behaviour).await;
    let err = index
        .upsert(&[document("a", "one")])
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("indexing documents 1..1 of 1 into `passages`"),
        "{err}"
    );
    assert!(
        err.contains("task 1 failed: Index `movie` not found. (code `index_not_found`)"),
        "{err}"
    );
}

#[tokio::test]
async fn a_task_that_never_finishes_times_out() {
    let behaviour = existing();
    behaviour.stuck.lock().unwrap().insert(1);
    let server = RecordedMeili::start(behaviour.handler()).await;
    let mut config = config(&server);
    config.task_timeout = Duration::from_millis(300);
    let index = MeiliIndex::connect(config, Arc::new(CountingEmbedder::default()))
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let err = index.clear().await.unwrap_err().to_string();
    assert!(err.contains("task 1 did not finish within 300ms"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(server.to("GET", "/tasks/1").len() >= 2, "it polled");
}

#[tokio::test]
async fn delete_clear_and_count_use_their_routes() {
    let (server, index, _) = connected(existing()).await;
    index
        .delete(&["tr-1#0-1".to_string(), "plain-id".to_string()])
        .await
        .unwrap();
    let deletes = server.to("POST", "/indexes/passages/documents/delete-batch");
    assert_eq!(deletes.len(), 1);
    assert_eq!(deletes[0].json(), json!(["tr-1_230-1", "plain-id"]));
    index.clear().await.unwrap();
    assert_eq!(server.to("DELETE", "/indexes/passages/documents").len(), 1);
    assert_eq!(index.count().await.unwrap(), 42);
    let count = &server.to("GET", "/indexes/passages/documents")[0];
    assert!(count.target.contains("limit=1"), "{}", count.target);
}

// ---------------------------------------------------------------------------------------
// Searching

fn scoped_request(mode: SearchMode) -> SearchRequest {
    let scope = RetrievalScope::Restricted {
        regions: vec!["emea".into()],
        sales_reps: Vec::new(),
        accounts: vec!["acc-1".into()],
    };
    SearchRequest::new("globex price", scope)
        .mode(mode)
        .filter(SearchFilter::any().with(FilterField::CompetitorMentioned, ["globex"]))
        .limit(10)
}

#[tokio::test]
async fn semantic_search_sends_the_filter_the_embedder_and_the_query_vector() {
    let (server, index, _) = connected(existing()).await;
    index
        .search(&scoped_request(SearchMode::Semantic))
        .await
        .unwrap();
    let body = server.to("POST", "/indexes/passages/search")[0].json();
    assert_eq!(body["q"], "globex price");
    assert_eq!(body["limit"], 10);
    assert_eq!(
        body["filter"],
        r#"competitor_mentioned IN ["globex"] AND (region IN ["emea"] OR account_id IN ["acc-1"])"#
    );
    assert_eq!(
        body["hybrid"],
        json!({"embedder": "minilm", "semanticRatio": 1.0})
    );
    let sent: Vec<f32> = serde_json::from_value(body["vector"].clone()).unwrap();
    assert_eq!(sent, vector("globex price"));
    assert_eq!(body["showRankingScore"], true);
}

#[tokio::test]
async fn keyword_search_is_a_plain_query_and_hybrid_uses_the_configured_ratio() {
    let (server, index, embedder) = connected(existing()).await;
    index
        .search(&scoped_request(SearchMode::Keyword))
        .await
        .unwrap();
    assert_eq!(
        embedder.texts.load(Ordering::SeqCst),
        0,
        "keyword search embeds nothing"
    );
    index
        .search(&scoped_request(SearchMode::Hybrid))
        .await
        .unwrap();
    let bodies: Vec<Value> = server
        .to("POST", "/indexes/passages/search")
        .iter()
        .map(Recorded::json)
        .collect();
    assert!(bodies[0].get("hybrid").is_none() && bodies[0].get("vector").is_none());
    assert_eq!(
        bodies[1]["hybrid"],
        json!({"embedder": "minilm", "semanticRatio": 0.5})
    );
    assert!(bodies[1]["vector"].is_array());
}

#[tokio::test]
async fn hits_carry_scores_metadata_and_byte_exact_highlights() {
    let (_server, index, _) = connected(existing()).await;
    let hits = index
        .search(&scoped_request(SearchMode::Hybrid))
        .await
        .unwrap();
    assert_eq!(hits.len(), 2);
    let ids: Vec<&str> = hits.iter().map(|h| h.chunk_id.as_str()).collect();
    assert_eq!(ids, ["tr-000123#4-7", "em-77#0"]);
    assert!((hits[0].score - 0.9712).abs() < 1e-6);
    assert!((hits[1].score - 0.5123).abs() < 1e-6);
    assert_eq!(hits[0].metadata.deal_id.as_deref(), Some("D-1"));
    assert_eq!(hits[1].metadata.timestamp.timestamp_subsec_millis(), 250);
    let words = |i: usize| -> Vec<String> {
        let s = &hits[i].snippet;
        s.highlights
            .iter()
            .map(|h| s.text[h.start..h.end].to_string())
            .collect()
    };
    // From the highlight tags in `_formatted`.
    assert_eq!(words(0), ["Globex", "price"]);
    // From `_matchesPosition` (byte offsets past multi-byte characters).
    assert_eq!(words(1), ["Preis", "Globex"]);
}

#[tokio::test]
async fn a_hit_outside_the_scope_never_leaves_the_backend() {
    let (_server, index, _) = connected(existing()).await;
    // The fixture's hits belong to acc-1/u-7 and acc-2/u-8, both in emea; a scope granting
    // only account acc-1 admits the first alone, whatever the server answers.
    let request = SearchRequest::new(
        "globex",
        RetrievalScope::Restricted {
            regions: Vec::new(),
            sales_reps: Vec::new(),
            accounts: vec!["acc-1".into()],
        },
    );
    let hits = index.search(&request).await.unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.chunk_id.as_str()).collect();
    assert_eq!(ids, ["tr-000123#4-7"]);
}

#[tokio::test]
async fn an_empty_scope_or_filter_returns_nothing_without_asking() {
    let (server, index, _) = connected(existing()).await;
    let nothing = SearchRequest::new("globex", RetrievalScope::nothing());
    assert!(index.search(&nothing).await.unwrap().is_empty());
    let empty_condition = SearchRequest::new("globex", RetrievalScope::Unrestricted)
        .filter(SearchFilter::any().with(FilterField::Stage, Vec::<String>::new()));
    assert!(index.search(&empty_condition).await.unwrap().is_empty());
    assert!(server.to("POST", "/indexes/passages/search").is_empty());
}

// ---------------------------------------------------------------------------------------
// Browsing

fn browse_request() -> BrowseRequest {
    let scope = RetrievalScope::Restricted {
        regions: vec!["emea".into()],
        sales_reps: Vec::new(),
        accounts: vec!["acc-1".into()],
    };
    BrowseRequest::new(scope)
        .filter(SearchFilter::any().with(FilterField::DealId, ["D-1"]))
        .limit(250)
}

#[tokio::test]
async fn browse_sends_an_empty_query_with_the_filter_and_the_newest_first_sort() {
    let (server, index, embedder) = connected(existing()).await;
    index.browse(&browse_request()).await.unwrap();
    let sent = server.to("POST", "/indexes/passages/search");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].json(),
        json!({
            "q": "",
            "limit": 250,
            "filter": r#"deal_id IN ["~44-1"] AND (region IN ["emea"] OR account_id IN ["acc-1"])"#,
            "sort": ["timestamp:desc", "timestamp_nanos:desc", "chunk_order:asc"],
            "attributesToRetrieve": ["chunk_id", "text", "metadata"]
        })
    );
    assert_eq!(
        embedder.texts.load(Ordering::SeqCst),
        0,
        "browsing embeds nothing"
    );
}

#[tokio::test]
async fn browsed_passages_are_whole_documents_in_order_and_never_outside_the_scope() {
    let (_server, index, _) = connected(existing()).await;
    let documents = index.browse(&browse_request()).await.unwrap();
    let ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    // The recorded answer also holds an APAC passage of another account: dropped.
    assert_eq!(ids, ["tr-000200#0-5", "em-98#0-0"]);
    assert_eq!(
        documents[0].text,
        "Ana: Let's review the rollout plan.\nBen: We need the SSO settings first."
    );
    assert_eq!(documents[1].metadata.competitor_mentioned, ["globex"]);
    assert_eq!(
        documents[1].metadata.timestamp.timestamp_subsec_millis(),
        500
    );
}

#[tokio::test]
async fn an_empty_browse_scope_or_a_bad_limit_asks_nothing() {
    let (server, index, _) = connected(existing()).await;
    let nothing = BrowseRequest::new(RetrievalScope::nothing());
    assert!(index.browse(&nothing).await.unwrap().is_empty());
    let zero = BrowseRequest::new(RetrievalScope::Unrestricted).limit(0);
    assert!(index.browse(&zero).await.is_err());
    assert!(server.to("POST", "/indexes/passages/search").is_empty());
}

// ---------------------------------------------------------------------------------------
// Retries and timeouts

/// `existing()`, except that the first `failures` searches answer `status` after `delay`.
fn flaky_search(failures: u32, status: u16, delay: Duration) -> Handler {
    let base = existing();
    let seen = Arc::new(AtomicU32::new(0));
    Arc::new(move |r: &Recorded| {
        if r.path() == "/indexes/passages/search" && seen.fetch_add(1, Ordering::SeqCst) < failures
        {
            let body = if status == 400 {
                json!({"message": "Attribute `x` is not filterable.", "code": "invalid_search_filter", "type": "invalid_request", "link": "https://docs.meilisearch.com/errors#invalid_search_filter"})
            } else {
                json!("upstream unavailable")
            };
            return Reply {
                status,
                body,
                delay,
            };
        }
        base.answer(r)
    })
}

async fn flaky_index(
    handler: Handler,
    max_retries: u32,
    timeout: Duration,
) -> (RecordedMeili, MeiliIndex) {
    let server = RecordedMeili::start(handler).await;
    let mut config = config(&server);
    config.max_retries = max_retries;
    config.request_timeout = timeout;
    let index = MeiliIndex::connect(config, Arc::new(CountingEmbedder::default()))
        .await
        .unwrap();
    (server, index)
}

#[tokio::test]
async fn server_errors_are_retried_until_an_answer_comes() {
    let (server, index) = flaky_index(
        flaky_search(2, 503, Duration::ZERO),
        3,
        Duration::from_secs(5),
    )
    .await;
    let hits = index
        .search(&scoped_request(SearchMode::Keyword))
        .await
        .unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(server.to("POST", "/indexes/passages/search").len(), 3);
}

#[tokio::test]
async fn retries_are_bounded() {
    let (server, index) = flaky_index(
        flaky_search(10, 503, Duration::ZERO),
        1,
        Duration::from_secs(5),
    )
    .await;
    let err = index
        .search(&scoped_request(SearchMode::Keyword))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("(after 2 attempts)") && err.contains("503"),
        "{err}"
    );
    assert_eq!(server.to("POST", "/indexes/passages/search").len(), 2);
}

#[tokio::test]
async fn request_errors_are_not_retried() {
    let (server, index) = flaky_index(
        flaky_search(10, 400, Duration::ZERO),
        3,
        Duration::from_secs(5),
    )
    .await;
    let err = index
        .search(&scoped_request(SearchMode::Keyword))
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Attribute `x` is not filterable. (code `invalid_search_filter`)"),
        "{err}"
    );
    assert_eq!(server.to("POST", "/indexes/passages/search").len(), 1);
}

#[tokio::test]
async fn a_slow_answer_times_out_and_is_retried() {
    let slow = Duration::from_secs(3);
    let (server, index) =
        flaky_index(flaky_search(1, 200, slow), 1, Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    let hits = index
        .search(&scoped_request(SearchMode::Keyword))
        .await
        .unwrap();
    assert_eq!(hits.len(), 2);
    assert!(started.elapsed() < slow, "the slow answer was not awaited");
    assert_eq!(server.to("POST", "/indexes/passages/search").len(), 2);

    let (_server, index) =
        flaky_index(flaky_search(10, 200, slow), 0, Duration::from_millis(200)).await;
    let err = index
        .search(&scoped_request(SearchMode::Keyword))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("no answer within 200ms"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Payloads from the documentation

#[test]
fn documented_match_positions_are_byte_ranges() {
    use meilisearch_sdk::search::SearchResult;
    use revpulse_search::meili::snippet::ranges_from_positions;
    let hit: SearchResult<Value> =
        serde_json::from_value(fixture("docs_hit_matches_position.json")).unwrap();
    let overview = hit.result["overview"].as_str().unwrap();
    let positions = &hit.matches_position.as_ref().unwrap()["overview"];
    let words: Vec<&str> = ranges_from_positions(overview, positions)
        .into_iter()
        .map(|r| &overview[r])
        .collect();
    assert_eq!(words, ["Winter", "Feast", "Winter", "Feast"]);
}

#[test]
fn documented_highlights_are_read_from_the_tags() {
    use revpulse_search::meili::snippet::{ranges_from_formatted, snippet};
    let hit = fixture("docs_hit_highlight.json");
    let overview = hit["overview"].as_str().unwrap();
    let formatted = hit["_formatted"]["overview"].as_str().unwrap();
    let ranges = ranges_from_formatted(overview, formatted, "<em>", "</em>").unwrap();
    let words: Vec<&str> = ranges.iter().map(|r| &overview[r.clone()]).collect();
    assert_eq!(words, ["Winter Feast", "Winter Feast"]);
    let s = snippet(overview, &ranges);
    assert!(overview.contains(&s.text));
    assert_eq!(
        &s.text[s.highlights[0].start..s.highlights[0].end],
        "Winter Feast"
    );
}
