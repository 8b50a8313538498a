//! The throwaway cluster itself: it serves, makes more databases, and leaves nothing behind.

use std::net::TcpStream;

use revpulse_gateway_store::local_postgres::LocalPostgres;
use sqlx::Connection;

#[tokio::test]
async fn a_cluster_serves_and_cleans_up_after_itself() {
    let cluster = tokio::task::spawn_blocking(LocalPostgres::start)
        .await
        .unwrap()
        .unwrap();
    let root = cluster.root().to_path_buf();
    let port = cluster.port();
    assert!(root.join("data").join("PG_VERSION").is_file());
    assert_eq!(
        cluster.url(),
        format!("postgres://postgres@127.0.0.1:{port}/revpulse")
    );

    let mut first = sqlx::PgConnection::connect(cluster.url()).await.unwrap();
    let name: String = sqlx::query_scalar("SELECT current_database()")
        .fetch_one(&mut first)
        .await
        .unwrap();
    assert_eq!(name, "revpulse");
    let second_url = cluster.create_database().unwrap();
    let mut second = sqlx::PgConnection::connect(&second_url).await.unwrap();
    let name: String = sqlx::query_scalar("SELECT current_database()")
        .fetch_one(&mut second)
        .await
        .unwrap();
    assert_eq!(name, "revpulse_1");
    drop((first, second));

    tokio::task::spawn_blocking(move || drop(cluster))
        .await
        .unwrap();
    assert!(!root.exists(), "files are deleted");
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "server is stopped"
    );
}
