//! How to start a local Neo4j: where the launcher and the data live, and how
//! much memory and time it gets. Also answers "is the launcher installed?".

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Everything [`crate::LocalNeo4j::start`] needs to run one instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalNeo4jConfig {
    /// Directory built by `deploy/neo4j/install.sh`: `launcher.jar` and `lib/*.jar`.
    pub launcher_dir: PathBuf,
    /// Neo4j home for this instance (store under `data/`, Neo4j logs under
    /// `logs/`, the JVM's stderr in `neo4j-launcher.log`). Created if missing.
    /// Only one running instance may use a given data directory.
    pub data_dir: PathBuf,
    /// Bolt port on 127.0.0.1; 0 picks a free ephemeral port.
    pub bolt_port: u16,
    /// Neo4j page cache size in MiB (off-heap).
    pub pagecache_mb: u32,
    /// Maximum JVM heap in MiB (`-Xmx`).
    pub heap_mb: u32,
    /// The `java` executable (17 or newer); a bare name is looked up on `PATH`.
    pub java: PathBuf,
    /// How long to wait for the database to report ready and answer Bolt.
    pub startup_timeout: Duration,
    /// Extra JVM options, appended after the defaults (e.g. `-XX:+UseSerialGC`).
    pub extra_jvm_args: Vec<String>,
}

impl LocalNeo4jConfig {
    /// Defaults: ephemeral port, 256 MiB page cache, 768 MiB heap, `java` from
    /// `PATH`, 120 s startup timeout (generous: several JVMs may start at once
    /// on a 2-core machine).
    pub fn new(launcher_dir: PathBuf, data_dir: PathBuf) -> Self {
        Self {
            launcher_dir,
            data_dir,
            bolt_port: 0,
            pagecache_mb: 256,
            heap_mb: 768,
            java: PathBuf::from("java"),
            startup_timeout: Duration::from_secs(120),
            extra_jvm_args: Vec::new(),
        }
    }
}

/// Where `install.sh` puts the launcher: `$REVPULSE_NEO4J_LAUNCHER` if set,
/// else `${REVPULSE_CACHE:-$HOME/.cache/revpulse}/neo4j-launcher`.
pub fn default_launcher_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("REVPULSE_NEO4J_LAUNCHER") {
        return PathBuf::from(dir);
    }
    let cache = match std::env::var_os("REVPULSE_CACHE") {
        Some(cache) => PathBuf::from(cache),
        None => {
            let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
            home.join(".cache").join("revpulse")
        }
    };
    cache.join("neo4j-launcher")
}

/// True when `dir` holds what `install.sh` builds: `launcher.jar` and a `lib/`
/// folder with at least one jar.
pub fn launcher_is_installed(dir: &Path) -> bool {
    if !dir.join("launcher.jar").is_file() {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(dir.join("lib")) else {
        return false;
    };
    entries
        .flatten()
        .any(|entry| entry.path().extension().is_some_and(|ext| ext == "jar"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests: a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn empty_dir_is_not_installed() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!launcher_is_installed(dir.path()));
        std::fs::write(dir.path().join("launcher.jar"), b"").unwrap();
        assert!(!launcher_is_installed(dir.path()));
        std::fs::create_dir(dir.path().join("lib")).unwrap();
        assert!(!launcher_is_installed(dir.path()));
        std::fs::write(dir.path().join("lib").join("x.jar"), b"").unwrap();
        assert!(launcher_is_installed(dir.path()));
    }

    #[test]
    fn defaults_are_small_and_ephemeral() {
        let config = LocalNeo4jConfig::new("l".into(), "d".into());
        assert_eq!(config.bolt_port, 0);
        assert_eq!(config.pagecache_mb, 256);
        assert_eq!(config.java, PathBuf::from("java"));
    }
}
