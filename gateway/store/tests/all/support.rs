//! Fixtures: a store on each backend, and raw SQL access to the same database for checking
//! what is stored and for tampering with it.

use std::sync::OnceLock;

use revpulse_gateway_store::AppStore;
use revpulse_gateway_store::local_postgres::LocalPostgres;
use sqlx::{PgPool, SqlitePool};
use tempfile::TempDir;

/// Declares, for each `name => check`, a module `name` with two tests, `sqlite` and
/// `postgres`, each running `check(&TestDb)` against a fresh database of that backend.
macro_rules! on_both_backends {
    ($($name:ident => $check:ident;)*) => {
        $(mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::support::TestDb::sqlite().await;
                super::$check(&db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::support::TestDb::postgres().await;
                super::$check(&db).await;
            }
        })*
    };
}

/// The one cluster this test binary shares (its server dies with the process).
fn cluster() -> &'static LocalPostgres {
    static CLUSTER: OnceLock<Result<LocalPostgres, String>> = OnceLock::new();
    CLUSTER
        .get_or_init(|| LocalPostgres::start().map_err(|error| error.to_string()))
        .as_ref()
        .unwrap_or_else(|error| panic!("{error}"))
}

/// A URL of a fresh, empty PostgreSQL database.
pub async fn fresh_postgres_url() -> String {
    tokio::task::spawn_blocking(|| cluster().create_database().unwrap())
        .await
        .unwrap()
}

/// A store on a fresh database, and where that database is.
pub struct TestDb {
    pub store: AppStore,
    pub url: String,
    /// Keeps the SQLite file's folder alive.
    pub dir: Option<TempDir>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("app.db").display());
        let store = AppStore::connect(&url).await.unwrap();
        TestDb {
            store,
            url,
            dir: Some(dir),
        }
    }

    pub async fn postgres() -> TestDb {
        let url = fresh_postgres_url().await;
        let store = AppStore::connect(&url).await.unwrap();
        TestDb {
            store,
            url,
            dir: None,
        }
    }

    /// A separate connection pool to the same database, bypassing the store.
    pub async fn raw(&self) -> Raw {
        if self.dir.is_some() {
            Raw::Sqlite(SqlitePool::connect(&self.url).await.unwrap())
        } else {
            Raw::Postgres(PgPool::connect(&self.url).await.unwrap())
        }
    }
}

/// Direct SQL on the test database (fixed statements; `$n` placeholders work on both).
pub enum Raw {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Raw {
    /// Runs a statement with text and integer parameters; returns the rows it affected.
    pub async fn execute(&self, sql: &'static str, texts: &[&str], numbers: &[i64]) -> u64 {
        match self {
            Raw::Sqlite(pool) => {
                let mut query = sqlx::query(sql);
                for text in texts {
                    query = query.bind(*text);
                }
                for number in numbers {
                    query = query.bind(*number);
                }
                query.execute(pool).await.unwrap().rows_affected()
            }
            Raw::Postgres(pool) => {
                let mut query = sqlx::query(sql);
                for text in texts {
                    query = query.bind(*text);
                }
                for number in numbers {
                    query = query.bind(*number);
                }
                query.execute(pool).await.unwrap().rows_affected()
            }
        }
    }

    /// The first column of every row of a query without parameters, as text.
    pub async fn strings(&self, sql: &'static str) -> Vec<String> {
        match self {
            Raw::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
            Raw::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
        }
    }

    /// The first column of the single row of a query with one integer parameter.
    pub async fn text_at(&self, sql: &'static str, number: i64) -> String {
        match self {
            Raw::Sqlite(pool) => sqlx::query_scalar(sql)
                .bind(number)
                .fetch_one(pool)
                .await
                .unwrap(),
            Raw::Postgres(pool) => sqlx::query_scalar(sql)
                .bind(number)
                .fetch_one(pool)
                .await
                .unwrap(),
        }
    }
}
