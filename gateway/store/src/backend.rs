//! The two database backends behind [`crate::AppStore`], and the one macro that runs the same
//! SQL text on either.
//!
//! Every statement in this crate is written once, with `$1`-style placeholders (which SQLite
//! also understands), and expanded per backend by [`dispatch!`], so each arm is compiled against
//! a concrete pool and native column types (`TIMESTAMPTZ`, `JSONB` on PostgreSQL). What differs
//! between the backends — how a write transaction begins and how the audit chain is locked —
//! lives here as same-named inherent methods on [`SqliteDb`] and [`PostgresDb`].

use std::sync::Arc;

use sqlx::{Database, PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// Which database engine an [`crate::AppStore`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// A SQLite file (the default for a single gateway).
    Sqlite,
    /// A PostgreSQL server (for several gateway processes).
    Postgres,
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        })
    }
}

/// The open pool of either backend.
#[derive(Clone)]
pub(crate) enum Pools {
    Sqlite(SqliteDb),
    Postgres(PostgresDb),
}

/// Runs `$body` with `$db` bound to the concrete backend (`&SqliteDb` or `&PostgresDb`).
macro_rules! dispatch {
    ($pools:expr, $db:ident => $body:expr) => {
        match $pools {
            $crate::backend::Pools::Sqlite($db) => $body,
            $crate::backend::Pools::Postgres($db) => $body,
        }
    };
}
pub(crate) use dispatch;

/// A write transaction; on SQLite it also holds this process's writer gate.
pub(crate) struct WriteTx<DB: Database> {
    tx: Transaction<'static, DB>,
    _gate: Option<OwnedMutexGuard<()>>,
}

impl<DB: Database> WriteTx<DB> {
    /// The connection to run the transaction's statements on.
    pub(crate) fn conn(&mut self) -> &mut DB::Connection {
        &mut self.tx
    }

    /// Commits, then lets the next writer in.
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

/// A SQLite pool plus a gate that admits one writer of this process at a time.
///
/// SQLite allows one writer per file anyway; queueing writers here (fairly, in tokio) instead of
/// in SQLite's busy handler (sleep-and-retry) keeps many concurrent appends fast and their
/// order stable. `BEGIN IMMEDIATE` still guards against writers in other processes.
#[derive(Clone)]
pub(crate) struct SqliteDb {
    pool: SqlitePool,
    gate: Arc<Mutex<()>>,
}

impl SqliteDb {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        SqliteDb {
            pool,
            gate: Arc::new(Mutex::new(())),
        }
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Takes the writer gate, then `BEGIN IMMEDIATE` (the file's write lock up front, so a
    /// read-then-write transaction can never fail half-way on a lock upgrade).
    pub(crate) async fn begin_write(&self) -> Result<WriteTx<Sqlite>, sqlx::Error> {
        let gate = Arc::clone(&self.gate).lock_owned().await;
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(WriteTx {
            tx,
            _gate: Some(gate),
        })
    }

    /// Nothing more to do: `BEGIN IMMEDIATE` already made this the file's only writer.
    pub(crate) async fn lock_audit_chain(
        &self,
        _tx: &mut WriteTx<Sqlite>,
    ) -> Result<(), sqlx::Error> {
        Ok(())
    }
}

/// A PostgreSQL pool.
#[derive(Clone)]
pub(crate) struct PostgresDb {
    pool: PgPool,
}

/// The advisory-lock key that serialises audit appends across every gateway process
/// (the ASCII bytes of "rpaudit1").
const AUDIT_CHAIN_LOCK_KEY: i64 = 0x7270_6175_6469_7431;

impl PostgresDb {
    pub(crate) fn new(pool: PgPool) -> Self {
        PostgresDb { pool }
    }

    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }

    pub(crate) async fn begin_write(&self) -> Result<WriteTx<Postgres>, sqlx::Error> {
        let tx = self.pool.begin().await?;
        Ok(WriteTx { tx, _gate: None })
    }

    /// Takes the chain's transaction-level advisory lock, released by commit or rollback.
    pub(crate) async fn lock_audit_chain(
        &self,
        tx: &mut WriteTx<Postgres>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(AUDIT_CHAIN_LOCK_KEY)
            .execute(tx.conn())
            .await?;
        Ok(())
    }
}
