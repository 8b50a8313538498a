//! Schema bootstrap, idempotent writes, constraint violations and an unreachable server.

use neo4rs::query;
use revpulse_graph::{GraphClient, GraphConfig, GraphError, bootstrap_schema, constraint_names};

use crate::fixture::{empty_graph, tiny, write_tiny};

#[tokio::test]
async fn schema_bootstrap_is_idempotent_and_complete() {
    let (_db, client) = empty_graph().await;
    let first = bootstrap_schema(&client).await.unwrap();
    let second = bootstrap_schema(&client).await.unwrap();
    assert_eq!(first, second);
    let graph = neo4rs::Graph::new(client.config().uri.as_str(), "neo4j", "test").unwrap();
    let mut rows = graph
        .execute(query("SHOW CONSTRAINTS YIELD name RETURN name"))
        .await
        .unwrap();
    let mut present = Vec::new();
    while let Some(row) = rows.next().await.unwrap() {
        present.push(row.get::<String>("name").unwrap());
    }
    for name in constraint_names() {
        assert!(
            present.iter().any(|p| p == name),
            "constraint {name} missing: {present:?}"
        );
    }
    assert_eq!(
        present.len(),
        constraint_names().count(),
        "exactly RevPulse's constraints: {present:?}"
    );
}

#[tokio::test]
async fn writing_the_same_records_twice_changes_nothing() {
    let (_db, client) = empty_graph().await;
    let t = tiny();
    write_tiny(&client, &t).await;
    let once = client.counts().await.unwrap();
    write_tiny(&client, &t).await;
    let twice = client.counts().await.unwrap();
    assert_eq!(once, twice);
    assert_eq!(once.nodes.get("Opportunity"), Some(&1));
    assert_eq!(
        once.nodes.get("StageChange"),
        Some(&(t.stages.len() as i64))
    );
    assert_eq!(
        once.relationships.get("HAD_CLOSE_DATE"),
        Some(&(t.close_dates.len() as i64))
    );
    assert_eq!(once.relationships.get("REPORTS_TO"), Some(&1));
}

#[tokio::test]
async fn small_batches_give_the_same_graph_as_large_ones() {
    let (_db, client) = empty_graph().await;
    let t = tiny();
    let one_by_one = revpulse_graph::WriteConfig {
        batch_size: 1,
        ..Default::default()
    };
    client
        .write_records_with(&t.regions, &one_by_one, None)
        .await
        .unwrap();
    client
        .write_records_with(&t.users, &one_by_one, None)
        .await
        .unwrap();
    let stats = client
        .write_records_with(&t.users, &one_by_one, None)
        .await
        .unwrap();
    assert_eq!(stats.batches, t.users.len());
    let counts = client.counts().await.unwrap();
    assert_eq!(counts.nodes.get("User"), Some(&(t.users.len() as i64)));
}

#[tokio::test]
async fn a_constraint_violation_is_named_and_its_batch_rolled_back() {
    let (_db, client) = empty_graph().await;
    let mut t = tiny();
    t.users[1].email = t.users[0].email.clone();
    let err = client.write_records(&t.users, None).await.unwrap_err();
    match &err {
        GraphError::ConstraintViolation { record, batch, .. } => {
            assert_eq!(*record, "User");
            assert_eq!(*batch, 0);
        }
        other => panic!("expected a constraint violation, got {other:?}"),
    }
    assert!(
        err.to_string()
            .contains("nothing from this batch was written")
    );
    let counts = client.counts().await.unwrap();
    assert_eq!(
        counts.nodes.get("User"),
        None,
        "the failed batch left users behind"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_a_clear_error_not_a_panic() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let uri = format!("bolt://127.0.0.1:{port}");
    let err = GraphClient::connect(GraphConfig::new(uri.clone(), "neo4j", "x"))
        .await
        .unwrap_err();
    assert!(matches!(err, GraphError::Unreachable { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains(&uri) && message.contains("cannot reach Neo4j"),
        "{message}"
    );
}

#[tokio::test]
async fn a_zero_batch_size_is_rejected_before_connecting() {
    let mut config = GraphConfig::new("bolt://127.0.0.1:1", "neo4j", "x");
    config.write.batch_size = 0;
    let err = GraphClient::connect(config).await.unwrap_err();
    assert!(matches!(err, GraphError::Config(_)), "{err:?}");
}

#[tokio::test]
async fn rewriting_a_deal_with_a_new_owner_replaces_the_old_ownership() {
    let (_db, client) = empty_graph().await;
    let mut t = tiny();
    write_tiny(&client, &t).await;
    t.opportunities[0].owner_id = "U1".into();
    client.write_records(&t.opportunities, None).await.unwrap();
    let detail = client
        .opportunity_detail("OPP-1", 5)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.owner_id, "U1");
    let counts = client.counts().await.unwrap();
    assert_eq!(
        counts.relationships.get("OWNS"),
        Some(&1),
        "exactly one owner after the change"
    );
}

#[tokio::test]
async fn every_write_moves_the_data_stamp_and_reads_leave_it() {
    let (_db, client) = empty_graph().await;
    let wiped = client.data_stamp().await.unwrap();
    assert!(wiped.as_str().is_some(), "a wipe stamps the graph");
    let t = tiny();
    write_tiny(&client, &t).await;
    let loaded = client.data_stamp().await.unwrap();
    assert_ne!(loaded, wiped, "a load moves the stamp");
    client.counts().await.unwrap();
    assert_eq!(client.data_stamp().await.unwrap(), loaded, "reads leave it");
    // Re-writing a record with a changed property keeps every count but must move the stamp.
    let mut renamed = t.accounts.clone();
    renamed[0].name.push_str(" (renamed)");
    let before = client.counts().await.unwrap();
    client.write_records(&renamed, None).await.unwrap();
    assert_eq!(client.counts().await.unwrap(), before);
    assert_ne!(client.data_stamp().await.unwrap(), loaded);
    // Writing nothing changes nothing.
    let now = client.data_stamp().await.unwrap();
    client
        .write_records::<revpulse_graph::model::Account>(&[], None)
        .await
        .unwrap();
    assert_eq!(client.data_stamp().await.unwrap(), now);
}

#[tokio::test]
async fn the_data_stamp_is_not_counted_as_data() {
    let (_db, client) = empty_graph().await;
    assert!(client.data_stamp().await.unwrap().as_str().is_some());
    assert_eq!(client.counts().await.unwrap().total_nodes(), 0);
}
