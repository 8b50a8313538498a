//! The graph-backed record source against a real Neo4j: what it serves follows the graph,
//! including a re-load that changes a property without changing any count.

use std::sync::Arc;

use chrono::NaiveDate;
use revpulse_graph::model::RecordScope;
use revpulse_graph::{GraphClient, GraphConfig};
use revpulse_ingest::bronze::SourceLines;
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_ingest::load_dataset;
use revpulse_local_neo4j::testing::exclusive_database;
use revpulse_tools::{GraphRecords, RecordSource};

#[tokio::test]
async fn cached_records_follow_a_reload_that_changes_only_a_property() {
    let today = NaiveDate::from_ymd_opt(2026, 5, 15).expect("a real day");
    let data = generate(&DemoConfig::new(11, today).with_accounts(24))
        .expect("demo company")
        .dataset;
    let db = exclusive_database().await.expect("test Neo4j");
    let client = GraphClient::connect(GraphConfig::new(db.uri.clone(), "neo4j", "test"))
        .await
        .expect("connect");
    client.delete_all_data().await.expect("wipe");
    let scratch = tempfile::tempdir().expect("scratch dir");
    load_dataset(
        &client,
        &data,
        &SourceLines::generated(scratch.path()),
        None,
    )
    .await
    .expect("load");
    let records = GraphRecords::new(client.clone());
    let everything = RecordScope::Everything;

    let first = records.company(&everything).await.expect("first read");
    let again = records.company(&everything).await.expect("second read");
    assert!(
        Arc::ptr_eq(&first, &again),
        "an unchanged graph is served from the cache"
    );

    let mut renamed = data.accounts.clone();
    let target = renamed[0].id.clone();
    renamed[0].name = format!("{} Holdings", renamed[0].name);
    let counts = client.counts().await.expect("counts");
    client
        .write_records(&renamed, None)
        .await
        .expect("re-write accounts");
    assert_eq!(
        client.counts().await.expect("counts"),
        counts,
        "no count moved"
    );

    let after = records
        .company(&everything)
        .await
        .expect("read after the change");
    let name = after
        .accounts
        .iter()
        .find(|a| a.id == target)
        .map(|a| a.name.clone());
    assert_eq!(
        name,
        Some(renamed[0].name.clone()),
        "the cache saw the new name"
    );
}
