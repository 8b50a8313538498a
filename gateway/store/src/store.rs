//! [`AppStore`]: opening the app database (SQLite file or PostgreSQL server), running the
//! checked-in migrations, readiness and shutdown.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Connection, PgConnection, SqliteConnection};

use crate::backend::{Backend, Pools, PostgresDb, SqliteDb, dispatch};
use crate::error::StoreError;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Connections per pool: enough for concurrent requests, few enough for a small PostgreSQL.
const MAX_CONNECTIONS: u32 = 10;
/// How long a request waits for a free connection (or a locked SQLite file) before failing.
const WAIT_LIMIT: Duration = Duration::from_secs(15);

/// The gateway's app database. Cloning is cheap and shares the pool.
#[derive(Clone)]
pub struct AppStore {
    pub(crate) pools: Pools,
    /// The URL with any password removed, for messages.
    url: Arc<str>,
}

impl std::fmt::Debug for AppStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppStore")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl AppStore {
    /// Opens the database at `url` and brings its schema up to date.
    ///
    /// `sqlite://PATH` (or `sqlite:PATH`) creates the file if it is missing (not its folder) and
    /// turns on WAL and foreign keys; `sqlite::memory:` is a private in-memory database;
    /// `postgres://…` / `postgresql://…` connects to a server. Running it again on an
    /// up-to-date database changes nothing.
    pub async fn connect(url: &str) -> Result<AppStore, StoreError> {
        let shown: Arc<str> = redact_password(url).into();
        let pools = if url.starts_with("sqlite:") {
            Pools::Sqlite(SqliteDb::new(open_sqlite(url, &shown).await?))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Pools::Postgres(PostgresDb::new(open_postgres(url, &shown).await?))
        } else {
            return Err(StoreError::UnsupportedUrl {
                url: shown.to_string(),
            });
        };
        let store = AppStore { pools, url: shown };
        store.migrate().await?;
        tracing::debug!(url = %store.url, backend = %store.backend(), "app database ready");
        Ok(store)
    }

    /// Which engine this store talks to.
    pub fn backend(&self) -> Backend {
        match self.pools {
            Pools::Sqlite(_) => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// The URL this store was opened with, password removed.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Checks that the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        dispatch!(&self.pools, db => sqlx::query("SELECT 1").execute(db.pool()).await.map(drop))
            .map_err(self.failed("answering a ping"))
    }

    /// Closes every connection, waiting for those in use to be returned.
    pub async fn close(&self) {
        dispatch!(&self.pools, db => db.pool().close().await);
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let outcome = match &self.pools {
            Pools::Sqlite(db) => SQLITE_MIGRATIONS.run(db.pool()).await,
            Pools::Postgres(db) => POSTGRES_MIGRATIONS.run(db.pool()).await,
        };
        outcome.map_err(|source| StoreError::Migrate {
            url: self.url.to_string(),
            source,
        })
    }

    /// Maps a sqlx error from `action` to a [`StoreError::Query`] naming this database.
    pub(crate) fn failed(
        &self,
        action: &'static str,
    ) -> impl FnOnce(sqlx::Error) -> StoreError + '_ {
        move |source| StoreError::Query {
            url: self.url.to_string(),
            action,
            source,
        }
    }

    /// A [`StoreError::Corrupt`] for record `what`.
    pub(crate) fn corrupt(&self, what: String, detail: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt {
            url: self.url.to_string(),
            what,
            detail: detail.to_string(),
        }
    }
}

async fn open_sqlite(url: &str, shown: &str) -> Result<sqlx::SqlitePool, StoreError> {
    let connect_error = |source| StoreError::Connect {
        url: shown.to_string(),
        source,
    };
    let options = SqliteConnectOptions::from_str(url)
        .map_err(connect_error)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(WAIT_LIMIT);
    // One connection first: an unusable database then fails start-up at once, where a pool
    // would keep retrying until its acquire timeout.
    let probe = SqliteConnection::connect_with(&options)
        .await
        .map_err(connect_error)?;
    probe.close().await.map_err(connect_error)?;
    SqlitePoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(WAIT_LIMIT)
        .connect_with(options)
        .await
        .map_err(connect_error)
}

async fn open_postgres(url: &str, shown: &str) -> Result<sqlx::PgPool, StoreError> {
    let connect_error = |source| StoreError::Connect {
        url: shown.to_string(),
        source,
    };
    let options = PgConnectOptions::from_str(url).map_err(connect_error)?;
    let probe = PgConnection::connect_with(&options)
        .await
        .map_err(connect_error)?;
    probe.close().await.map_err(connect_error)?;
    PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(WAIT_LIMIT)
        .connect_with(options)
        .await
        .map_err(connect_error)
}

/// `scheme://user:secret@host/db` → `scheme://user:***@host/db`; anything else unchanged.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some((user_info, host)) = authority.rsplit_once('@') else {
        return url.to_string();
    };
    match user_info.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{AppStore, Pools, redact_password};

    #[tokio::test]
    async fn sqlite_connections_enforce_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = AppStore::connect(&format!("sqlite://{}", dir.path().join("fk.db").display()))
            .await
            .unwrap();
        let Pools::Sqlite(db) = &store.pools else {
            panic!("expected SQLite")
        };
        let enforced: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(enforced, 1);
        let orphan = sqlx::query(
            "INSERT INTO messages (conversation_id, position, role, text, created_at) \
             VALUES (404, 1, 'user', 'x', '2025-01-01T00:00:00.000000Z')",
        )
        .execute(db.pool())
        .await;
        assert!(
            orphan.is_err(),
            "a message of a missing conversation is refused"
        );
    }

    #[test]
    fn passwords_are_removed_from_urls() {
        assert_eq!(
            redact_password("postgres://app:s3cr@t@db:5432/rp"),
            "postgres://app:***@db:5432/rp"
        );
        assert_eq!(
            redact_password("postgres://app@db/rp"),
            "postgres://app@db/rp"
        );
        assert_eq!(
            redact_password("sqlite:///var/app.db"),
            "sqlite:///var/app.db"
        );
        assert_eq!(redact_password("sqlite::memory:"), "sqlite::memory:");
    }
}
