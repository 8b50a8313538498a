//! A small demo company shared by the tests, and a connected, emptied graph.

use chrono::NaiveDate;
use revpulse_graph::{GraphClient, GraphConfig};
use revpulse_ingest::demo::{DemoCompany, DemoConfig, generate};
use revpulse_local_neo4j::testing::{TestDatabase, exclusive_database};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

pub fn small_company(seed: u64) -> DemoCompany {
    generate(&DemoConfig::new(seed, today()).with_accounts(40)).unwrap()
}

pub async fn empty_graph() -> (TestDatabase, GraphClient) {
    let db = exclusive_database().await.expect("test Neo4j");
    let client = GraphClient::connect(GraphConfig::new(db.uri.clone(), "neo4j", "test"))
        .await
        .unwrap();
    client.delete_all_data().await.unwrap();
    (db, client)
}
