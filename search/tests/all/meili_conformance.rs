//! The conformance suite on a real Meilisearch server, when one is configured:
//! `MEILI_URL` (e.g. `http://127.0.0.1:7700`) and optionally `MEILI_KEY`. Each run uses a
//! fresh index, deleted afterwards. Without `MEILI_URL` the test says so and passes: no
//! Meilisearch server can be installed from the registries this project uses.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use revpulse_search::conformance::run_all;
use revpulse_search::embed::{MiniLmEmbedder, default_model_dir};
use revpulse_search::meili::{MeiliConfig, MeiliIndex};

#[tokio::test]
async fn meilisearch_passes_the_conformance_suite() {
    let Some(url) = std::env::var("MEILI_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    else {
        println!("meilisearch conformance skipped: MEILI_URL is not set");
        return;
    };
    let embedder = MiniLmEmbedder::load(&default_model_dir()).unwrap_or_else(|e| {
        panic!("the MiniLM model is needed for the Meilisearch conformance run ({e}); run scripts/setup")
    });
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let uid = format!("revpulse-conformance-{}-{nanos}", std::process::id());
    let mut config = MeiliConfig::new(url, uid.clone());
    config.api_key = std::env::var("MEILI_KEY").ok().filter(|k| !k.is_empty());
    let index = MeiliIndex::connect(config, Arc::new(embedder))
        .await
        .unwrap_or_else(|e| panic!("cannot prepare index `{uid}`: {e}"));
    let outcome = run_all(&index).await;
    let cleanup = index.delete_index().await;
    let report = outcome.unwrap_or_else(|e| panic!("{e}"));
    cleanup.unwrap_or_else(|e| panic!("conformance passed but deleting `{uid}` failed: {e}"));
    println!(
        "meilisearch conformance passed: {}",
        report.passed.join("; ")
    );
    assert_eq!(report.backend, "meilisearch");
}
