//! The embedded backend: the conformance suite, persistence across reopen, crash safety of
//! incremental writes (a writer killed mid-run), interrupted rebuilds and corruption.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};

use revpulse_search::conformance::{corpus, run_all};
use revpulse_search::embed::{Embedder, MiniLmEmbedder, default_model_dir};
use revpulse_search::embedded::EmbeddedIndex;
use revpulse_search::{RetrievalScope, SearchDocument, SearchIndex, SearchMode, SearchRequest};

fn embedder() -> Arc<dyn Embedder> {
    static MODEL: OnceLock<Arc<MiniLmEmbedder>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            Arc::new(
                MiniLmEmbedder::load(&default_model_dir()).unwrap_or_else(|e| {
                    panic!("the MiniLM model is needed for search tests ({e}); run scripts/setup")
                }),
            )
        })
        .clone()
}

async fn all_ids(index: &EmbeddedIndex) -> Vec<String> {
    let request = SearchRequest::new("customer", RetrievalScope::Unrestricted)
        .mode(SearchMode::Semantic)
        .limit(revpulse_search::MAX_LIMIT);
    let mut ids: Vec<String> = index
        .search(&request)
        .await
        .unwrap()
        .into_iter()
        .map(|h| h.chunk_id)
        .collect();
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_index_passes_the_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    let index = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
    let report = run_all(&index).await.unwrap_or_else(|e| panic!("{e}"));
    println!(
        "conformance on {}: {} checks passed",
        report.backend,
        report.passed.len()
    );
    assert_eq!(report.passed.len(), 13);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_reopens_with_the_same_contents_after_many_small_commits() {
    let dir = tempfile::tempdir().unwrap();
    let docs = corpus();
    {
        let index = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
        // One commit per document: enough to trigger compaction of the vector segments.
        for doc in &docs {
            index.upsert(std::slice::from_ref(doc)).await.unwrap();
        }
        index.delete(&[docs[0].id.clone()]).await.unwrap();
    }
    let reopened = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
    assert_eq!(reopened.count().await.unwrap(), docs.len() - 1);
    let mut expected: Vec<String> = docs[1..].iter().map(|d| d.id.clone()).collect();
    expected.sort();
    assert_eq!(all_ids(&reopened).await, expected);
    let segments = std::fs::read_dir(reopened.generation_dir().join("vectors"))
        .unwrap()
        .count();
    assert!(
        segments <= 25,
        "{segments} vector segments were not compacted"
    );
}

const CHILD_ENV: &str = "REVPULSE_SEARCH_CRASH_CHILD_DIR";
const BATCH: usize = 6;

/// Not a test of its own: the writer process the crash test starts and kills. It indexes
/// batches forever, printing a line after each commit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_child_writer() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let index = EmbeddedIndex::open(Path::new(&dir), embedder()).unwrap();
    let template = corpus();
    for batch in 0.. {
        let docs: Vec<SearchDocument> = (0..BATCH)
            .map(|i| {
                let mut d = template[(batch * BATCH + i) % template.len()].clone();
                d.id = format!("crash-{batch:04}#{i}-{i}");
                d
            })
            .collect();
        index.upsert(&docs).await.unwrap();
        println!("committed {}", batch + 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_writer_killed_mid_run_leaves_a_consistent_usable_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "embedded_index::crash_child_writer",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(CHILD_ENV, dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut committed = 0;
    for line in stdout.lines() {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("committed ") {
            committed = n.trim().parse::<usize>().unwrap();
            if committed >= 4 {
                break;
            }
        }
    }
    // Killed while it is embedding or writing the next batch.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(committed >= 4, "the writer never committed");

    let index = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
    let count = index.count().await.unwrap();
    assert_eq!(
        count % BATCH,
        0,
        "a partial batch is visible: {count} passages"
    );
    assert!(
        count >= committed * BATCH,
        "committed batches lost: {count} passages"
    );
    assert_eq!(
        all_ids(&index).await.len(),
        count.min(revpulse_search::MAX_LIMIT)
    );
    // Still writable, and leftovers of the interrupted write do not resurface.
    let mut extra = corpus()[0].clone();
    extra.id = "after-crash#0-0".into();
    index.upsert(&[extra]).await.unwrap();
    drop(index);
    let reopened = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
    assert_eq!(reopened.count().await.unwrap(), count + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unpublished_rebuild_leaves_the_live_index_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let docs = corpus();
    let live = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
    live.upsert(&docs[..10]).await.unwrap();
    drop(live);

    let staged = EmbeddedIndex::stage(dir.path(), embedder()).unwrap();
    staged.upsert(&docs[10..]).await.unwrap();
    drop(staged); // interrupted: never published

    let reopened = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
    assert_eq!(reopened.count().await.unwrap(), 10);
    assert_eq!(
        EmbeddedIndex::published_fingerprint(dir.path(), &*embedder()),
        None
    );

    let staged = EmbeddedIndex::stage(dir.path(), embedder()).unwrap();
    staged.upsert(&docs[10..]).await.unwrap();
    staged.publish("fingerprint-1").unwrap();
    let reopened = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
    assert_eq!(reopened.count().await.unwrap(), docs.len() - 10);
    assert_eq!(
        EmbeddedIndex::published_fingerprint(dir.path(), &*embedder()).as_deref(),
        Some("fingerprint-1")
    );
    let generations = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("gen-")
        })
        .count();
    assert_eq!(generations, 1, "old generations are removed on publish");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damage_is_detected_and_reported_as_needing_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let index = EmbeddedIndex::open(dir.path(), embedder()).unwrap();
    index.upsert(&corpus()[..4]).await.unwrap();
    let generation = index.generation_dir().to_path_buf();
    drop(index);

    // A flipped byte in a vector segment.
    let segment = std::fs::read_dir(generation.join("vectors"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&segment).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&segment, &bytes).unwrap();
    let err = EmbeddedIndex::open(dir.path(), embedder()).unwrap_err();
    assert!(err.needs_rebuild(), "{err}");
    assert!(err.to_string().contains("rebuild"), "{err}");

    // The keyword index's files deleted.
    std::fs::remove_dir_all(generation.join("text")).unwrap();
    std::fs::create_dir(generation.join("text")).unwrap();
    assert!(
        EmbeddedIndex::open(dir.path(), embedder())
            .unwrap_err()
            .needs_rebuild()
    );

    // A dangling CURRENT pointer.
    std::fs::write(dir.path().join("CURRENT"), "gen-9999999999").unwrap();
    assert!(
        EmbeddedIndex::open(dir.path(), embedder())
            .unwrap_err()
            .needs_rebuild()
    );

    // A directory of someone else's files is not silently overwritten.
    let foreign = tempfile::tempdir().unwrap();
    std::fs::write(foreign.path().join("notes.txt"), "mine").unwrap();
    assert!(
        EmbeddedIndex::open(foreign.path(), embedder())
            .unwrap_err()
            .needs_rebuild()
    );
    assert!(foreign.path().join("notes.txt").exists());
}
