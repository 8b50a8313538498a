//! One local Neo4j per test process, shared by its tests one at a time.
//!
//! Test binaries run their tests on many threads, each `#[tokio::test]` on its own runtime.
//! The database therefore lives on a dedicated thread with its own runtime for the whole
//! process; when the process ends its stdin pipe closes and the launcher shuts Neo4j down.
//! Community edition has a single user database, so tests take an exclusive lease.

use std::path::PathBuf;
use std::sync::OnceLock;

use tokio::sync::{Mutex, MutexGuard};

use crate::{LocalNeo4j, LocalNeo4jConfig, default_launcher_dir};

static SERVER: OnceLock<Result<String, String>> = OnceLock::new();
static LEASE: Mutex<()> = Mutex::const_new(());

/// Exclusive use of the process's test database until dropped.
#[derive(Debug)]
pub struct TestDatabase {
    /// Bolt URI to connect to (any user and password).
    pub uri: String,
    _lease: MutexGuard<'static, ()>,
}

/// Waits for exclusive use of this process's test Neo4j, starting it on first use.
///
/// # Errors
/// A message saying why the database could not be started (launcher not installed, no
/// Java …); tests should fail with it.
pub async fn exclusive_database() -> Result<TestDatabase, String> {
    let lease = LEASE.lock().await;
    let uri = SERVER.get_or_init(start_for_process).clone()?;
    Ok(TestDatabase { uri, _lease: lease })
}

fn data_dir() -> PathBuf {
    std::env::temp_dir().join(format!("revpulse-test-neo4j-{}", std::process::id()))
}

/// Removes data folders left by earlier test processes that are gone.
fn remove_stale_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("revpulse-test-neo4j-") else {
            continue;
        };
        if !PathBuf::from(format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn start_for_process() -> Result<String, String> {
    remove_stale_dirs();
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("test-neo4j".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = tx.send(Err(format!(
                        "cannot build a runtime for the test Neo4j: {e}"
                    )));
                    return;
                }
            };
            runtime.block_on(async move {
                let config = LocalNeo4jConfig::new(default_launcher_dir(), data_dir());
                match LocalNeo4j::start(config).await {
                    Ok(server) => {
                        let _ = tx.send(Ok(server.bolt_uri().to_string()));
                        // Keep the server (and its stdin pipe) alive until the process exits.
                        std::future::pending::<()>().await;
                        drop(server);
                    }
                    Err(e) => {
                        let _ = tx.send(Err(format!(
                            "cannot start the test Neo4j: {e} (run deploy/neo4j/install.sh)"
                        )));
                    }
                }
            });
        });
    if let Err(e) = spawned {
        return Err(format!("cannot spawn the test Neo4j thread: {e}"));
    }
    rx.recv()
        .map_err(|_| "the test Neo4j thread ended before reporting".to_string())?
}
