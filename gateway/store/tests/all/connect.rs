//! Connecting: URLs, file creation, WAL, idempotent migrations, readiness and clear errors.

use revpulse_gateway_store::{AppStore, Backend, StoreError};
use sqlx::Connection;

use crate::support::{TestDb, fresh_postgres_url};

#[tokio::test]
async fn sqlite_file_is_created_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let url = format!("sqlite://{}", path.display());
    let store = AppStore::connect(&url).await.unwrap();
    assert!(path.is_file());
    assert_eq!(store.backend(), Backend::Sqlite);
    assert_eq!(store.url(), url);
    store.ping().await.unwrap();

    let mut raw = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}

async fn migrations_are_idempotent(db: &TestDb) {
    db.store
        .create_conversation("sub-1", "cli", "kept")
        .await
        .unwrap();
    let again = AppStore::connect(&db.url).await.unwrap();
    let third = AppStore::connect(&db.url).await.unwrap();
    assert_eq!(
        again.conversations_of("sub-1", 5).await.unwrap().len(),
        1,
        "data survives reconnecting"
    );
    third.ping().await.unwrap();
    let applied = db
        .raw()
        .await
        .strings("SELECT CAST(version AS TEXT) FROM _sqlx_migrations")
        .await;
    assert_eq!(applied, ["1"]);
}

async fn closed_stores_refuse_work(db: &TestDb) {
    db.store.ping().await.unwrap();
    db.store.close().await;
    let error = db.store.ping().await.unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::Query {
                action: "answering a ping",
                ..
            }
        ),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with(&format!("app database `{}`", db.url)),
        "{error}"
    );
}

on_both_backends! {
    connecting_again_changes_nothing => migrations_are_idempotent;
    close_ends_the_pool => closed_stores_refuse_work;
}

#[tokio::test]
async fn postgres_urls_select_postgres() {
    let url = fresh_postgres_url().await;
    let store = AppStore::connect(&url).await.unwrap();
    assert_eq!(store.backend(), Backend::Postgres);
    let also = AppStore::connect(&url.replace("postgres://", "postgresql://"))
        .await
        .unwrap();
    assert_eq!(also.backend(), Backend::Postgres);
}

#[tokio::test]
async fn bad_urls_are_reported_without_passwords() {
    let unsupported = AppStore::connect("mysql://root:hunter2@db/app")
        .await
        .unwrap_err();
    assert!(matches!(unsupported, StoreError::UnsupportedUrl { .. }));
    assert!(
        unsupported
            .to_string()
            .contains("`mysql://root:***@db/app`"),
        "{unsupported}"
    );

    // Port 1 on loopback refuses at once.
    let refused = AppStore::connect("postgres://app:hunter2@127.0.0.1:1/app")
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::Connect { .. }), "{refused}");
    assert!(
        refused
            .to_string()
            .starts_with("app database `postgres://app:***@127.0.0.1:1/app`: cannot connect"),
        "{refused}"
    );
    assert!(!format!("{refused} {refused:?}").contains("hunter2"));

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/no/such/folder/app.db", dir.path().display());
    let missing = AppStore::connect(&url).await.unwrap_err();
    assert!(matches!(missing, StoreError::Connect { .. }), "{missing}");
    assert!(missing.to_string().contains(&url), "{missing}");
}
