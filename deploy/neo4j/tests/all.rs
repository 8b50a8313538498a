//! End-to-end checks of the local Neo4j runtime against the real launcher:
//! two instances at once on ephemeral ports, Bolt 4.4 handshakes, clean stops
//! that leave no JVM behind, and clear errors for the usual mistakes.
//!
//! Needs `deploy/neo4j/install.sh` to have run; the launcher directory comes
//! from `REVPULSE_NEO4J_LAUNCHER` or defaults to
//! `$HOME/.cache/revpulse/neo4j-launcher`. When it is missing these tests fail
//! (never skip) and say to run the script.

// Tests: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use revpulse_local_neo4j::{
    BoltVersion, LocalNeo4j, LocalNeo4jConfig, LocalNeo4jError, bolt_handshake,
    default_launcher_dir, launcher_is_installed,
};

/// The installed launcher, or a failing test that says how to install it.
fn launcher_dir() -> PathBuf {
    let dir = default_launcher_dir();
    assert!(
        launcher_is_installed(&dir),
        "the local Neo4j launcher is not installed in {}: run deploy/neo4j/install.sh \
         (or set REVPULSE_NEO4J_LAUNCHER to the directory it printed)",
        dir.display()
    );
    dir
}

fn config(data_dir: &Path) -> LocalNeo4jConfig {
    LocalNeo4jConfig::new(launcher_dir(), data_dir.to_owned())
}

fn process_exists(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

fn rss_mib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

async fn handshake(neo4j: &LocalNeo4j) -> BoltVersion {
    let address = ([127, 0, 0, 1], neo4j.bolt_port()).into();
    tokio::task::spawn_blocking(move || bolt_handshake(address, std::time::Duration::from_secs(10)))
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_run_at_once_and_stop_cleanly() {
    let dir_a = tempfile::tempdir().unwrap();
    let dir_b = tempfile::tempdir().unwrap();

    let started = Instant::now();
    let (a, b) = tokio::join!(
        LocalNeo4j::start(config(dir_a.path())),
        LocalNeo4j::start(config(dir_b.path()))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    eprintln!("two instances ready in {:?}", started.elapsed());

    assert_ne!(a.bolt_port(), b.bolt_port());
    for neo4j in [&a, &b] {
        assert_eq!(
            neo4j.bolt_uri(),
            format!("bolt://127.0.0.1:{}", neo4j.bolt_port())
        );
        assert_eq!(handshake(neo4j).await, BoltVersion { major: 4, minor: 4 });
        assert!(neo4j.data_dir().join("data").join("databases").is_dir());
        assert!(neo4j.log_path().is_file());
    }

    let pids = [a.pid().unwrap(), b.pid().unwrap()];
    for pid in pids {
        assert!(process_exists(pid));
        eprintln!("JVM {pid} RSS after start: {:?} MiB", rss_mib(pid));
    }

    let stopping = Instant::now();
    let (stop_a, stop_b) = tokio::join!(a.stop(), b.stop());
    stop_a.unwrap();
    stop_b.unwrap();
    eprintln!("two instances stopped in {:?}", stopping.elapsed());
    for pid in pids {
        assert!(
            !process_exists(pid),
            "JVM {pid} is still running after stop"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn locked_data_dir_and_taken_port_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let first = LocalNeo4j::start(config(dir.path())).await.unwrap();

    let error = LocalNeo4j::start(config(dir.path())).await.unwrap_err();
    assert!(
        matches!(error, LocalNeo4jError::DataDirLocked { .. }),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("locked by another running Neo4j"),
        "{error}"
    );

    let mut same_port = config(other.path());
    same_port.bolt_port = first.bolt_port();
    let error = LocalNeo4j::start(same_port).await.unwrap_err();
    assert!(
        matches!(error, LocalNeo4jError::PortInUse { port } if port == first.bolt_port()),
        "{error}"
    );

    // The failed attempts must not have disturbed the running instance.
    assert_eq!(handshake(&first).await, BoltVersion { major: 4, minor: 4 });
    let pid = first.pid().unwrap();
    first.stop().await.unwrap();
    assert!(!process_exists(pid));
}

#[tokio::test]
async fn missing_launcher_says_to_run_install_sh() {
    let empty = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let config = LocalNeo4jConfig::new(empty.path().to_owned(), data.path().to_owned());
    let error = LocalNeo4j::start(config).await.unwrap_err();
    assert!(
        matches!(error, LocalNeo4jError::NotInstalled { .. }),
        "{error}"
    );
    assert!(
        error.to_string().contains("deploy/neo4j/install.sh"),
        "{error}"
    );
}

#[tokio::test]
async fn missing_java_is_a_clear_error() {
    let fake_launcher = tempfile::tempdir().unwrap();
    std::fs::write(fake_launcher.path().join("launcher.jar"), b"").unwrap();
    std::fs::create_dir(fake_launcher.path().join("lib")).unwrap();
    std::fs::write(fake_launcher.path().join("lib").join("x.jar"), b"").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut config = LocalNeo4jConfig::new(fake_launcher.path().to_owned(), data.path().to_owned());
    config.java = PathBuf::from("/nonexistent/bin/java");
    let error = LocalNeo4j::start(config).await.unwrap_err();
    assert!(
        matches!(error, LocalNeo4jError::JavaNotFound { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("JDK 17"), "{error}");
}
