//! Graceful shutdown with an answer in flight, over real sockets, with the gateway ending the
//! way the `revpulse serve` process ends (its runtime dropped as soon as `serve` returns): the
//! shutdown signal stops the listener, `serve` waits for the answer and returns with none
//! left, and only then does the test read the subscription — which must hold every remaining
//! event and the `complete`, sent before the process went away.
//!
//! The answer is held mid-stream by the app database, not by a sleep or a test hook: the app
//! database is a real PostgreSQL, and the test holds `LOCK TABLE messages IN SHARE MODE` in an
//! open transaction. The service streams every step and paragraph before it stores the turn,
//! so the answer streams, then waits on the lock to insert its messages — in flight for as
//! long as the test holds the lock — and its `done` event cannot be sent before that.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use revpulse_gateway_store::local_postgres::LocalPostgres;
use revpulse_gateway_store::{AppStore, ConversationId};
use revpulse_graph::model::UserRole;
use serde_json::json;
use sqlx::{Connection, PgConnection};
use tokio::net::TcpStream;

use crate::fixture::{service_with, shared, user_with};
use crate::graphql_ws_client::{ASK_STREAM, GraphqlWsClient, StreamedAnswer};
use crate::running::{development, start_as_process};

/// Waits (up to a deadline) until connecting to `addr` is refused. A connection accepted or
/// reset meanwhile (the listener closing under it) means "not yet".
async fn until_connections_are_refused(addr: SocketAddr) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match TcpStream::connect(addr).await {
            Err(e) if e.kind() == ErrorKind::ConnectionRefused => return,
            Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
            Err(e) => panic!("connecting to {addr}: {e}"),
            Ok(_) => {}
        }
        assert!(
            Instant::now() < deadline,
            "{addr} still accepts connections after the shutdown signal"
        );
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_the_answer_streaming_before_serve_returns() {
    let cluster = tokio::task::spawn_blocking(LocalPostgres::start)
        .await
        .unwrap()
        .unwrap();
    let app = AppStore::connect(cluster.url()).await.unwrap();
    let service = service_with(app).await;
    let users = &shared().await.dataset.users;
    let cro = user_with(users, UserRole::Cro);

    let mut holder = PgConnection::connect(cluster.url()).await.unwrap();
    let mut held = holder.begin().await.unwrap();
    sqlx::query("LOCK TABLE messages IN SHARE MODE")
        .execute(&mut *held)
        .await
        .unwrap();

    let mut running = start_as_process(service.clone(), development()).await;
    let mut client = GraphqlWsClient::connect(&running.graphql_ws_url(), None).await;
    client
        .init_accepted(json!({ "Authorization": format!("Bearer dev:{}", cro.id) }))
        .await;
    let question = "Which deals are at risk this quarter?";
    client
        .subscribe("1", ASK_STREAM, json!({ "q": question }))
        .await;
    let first = client.message().await;
    assert_eq!(first["type"], "next", "{first}");
    assert_eq!(running.in_flight.current(), 1);

    running.signal_shutdown();
    until_connections_are_refused(running.addr).await;
    assert_eq!(
        running.in_flight.current(),
        1,
        "the answer is still waiting to be stored"
    );
    assert!(
        !running.has_returned(),
        "serve returned with an answer in flight"
    );

    held.rollback().await.unwrap();
    let grace = running.grace;
    let left = tokio::time::timeout(grace, running.served())
        .await
        .unwrap_or_else(|_| panic!("serve did not return within the grace period {grace:?}"))
        .unwrap();
    assert_eq!(left, 0, "answers left running");

    // The gateway's runtime is gone; what it sent before is all the client will get.
    let mut messages = vec![first];
    messages.extend(client.until_complete("1").await);
    let answer = StreamedAnswer::read(&messages);
    answer.assert_consistent();

    // Read back as the next process would: connections the gateway's runtime opened in the
    // shared pool died with it.
    let app = AppStore::connect(cluster.url()).await.unwrap();
    let id: ConversationId = answer.conversation_id().parse().unwrap();
    let stored = app.messages(id).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[1].text, answer.text());
    assert_eq!(stored[1].id.to_string(), answer.message_id());
    assert!(app.verify_audit_chain().await.unwrap().is_intact());
    drop(holder);
    tokio::task::spawn_blocking(move || drop(cluster))
        .await
        .unwrap();
}
