//! Every way starting or stopping a local Neo4j can fail, each with what the
//! caller should do about it, so tests fail with an actionable message.

use std::path::PathBuf;
use std::time::Duration;

/// Why a local Neo4j could not be started, checked or stopped.
#[derive(Debug, thiserror::Error)]
pub enum LocalNeo4jError {
    /// The launcher directory lacks `launcher.jar` or `lib/*.jar`.
    /// Run `deploy/neo4j/install.sh` (or point `REVPULSE_NEO4J_LAUNCHER` at its output).
    #[error(
        "the local Neo4j launcher is not installed in {dir}: run deploy/neo4j/install.sh \
         (or set REVPULSE_NEO4J_LAUNCHER to the directory it printed)"
    )]
    NotInstalled {
        /// The directory that was checked.
        dir: PathBuf,
    },

    /// The `java` executable could not be run. Install JDK 17+ (`install.sh`
    /// does it with apt-get) or set `LocalNeo4jConfig::java` to its path.
    #[error(
        "could not run java ({java}): {source}; install JDK 17+ (deploy/neo4j/install.sh does) \
         or set LocalNeo4jConfig::java"
    )]
    JavaNotFound {
        /// The executable that was tried.
        java: PathBuf,
        /// The spawn error.
        source: std::io::Error,
    },

    /// `java` runs but is older than 17. Install JDK 17+ and put it first on
    /// `PATH`, or set `LocalNeo4jConfig::java`.
    #[error("java ({java}) is too old for Neo4j 5: JDK 17 or newer is needed\n{log_tail}")]
    JavaTooOld {
        /// The executable that was run.
        java: PathBuf,
        /// The end of the JVM's output.
        log_tail: String,
    },

    /// Another running Neo4j holds the store lock of this data directory.
    /// Stop that instance, or give this one its own data directory.
    #[error(
        "the data directory {data_dir} is locked by another running Neo4j instance: \
         stop it or use another data directory"
    )]
    DataDirLocked {
        /// The data directory in use.
        data_dir: PathBuf,
    },

    /// The requested Bolt port is already bound by another process.
    /// Pick another port, or use port 0 for a free ephemeral one.
    #[error("Bolt port {port} on 127.0.0.1 is already in use: choose another port or use 0")]
    PortInUse {
        /// The requested port.
        port: u16,
    },

    /// The launcher reported a startup failure not covered by a more specific
    /// variant. Read the message and the Neo4j log (`<data_dir>/logs/debug.log`).
    #[error("Neo4j failed to start: {message}\n{log_tail}")]
    StartupFailed {
        /// The launcher's one-line failure description.
        message: String,
        /// The end of the JVM's log.
        log_tail: String,
    },

    /// The JVM exited before reporting ready (crash, bad JVM option, out of
    /// memory...). Read the log tail; re-run `install.sh` if jars look broken.
    #[error("the Neo4j JVM exited before it was ready ({status})\n{log_tail}")]
    ExitedEarly {
        /// The JVM's exit status.
        status: String,
        /// The end of the JVM's log.
        log_tail: String,
    },

    /// Neo4j did not report ready in time; the JVM has been killed. Raise
    /// `startup_timeout` on a loaded machine, or read the log tail.
    #[error("Neo4j did not become ready within {timeout:?} (JVM killed)\n{log_tail}")]
    StartupTimeout {
        /// The timeout that expired.
        timeout: Duration,
        /// The end of the JVM's and Neo4j's logs.
        log_tail: String,
    },

    /// Neo4j said it was ready but its Bolt port did not complete a Bolt 4.4
    /// handshake. Something else may own the port; read the message.
    #[error("Bolt handshake with {address} failed: {reason}")]
    BoltHandshake {
        /// `host:port` that was tried.
        address: String,
        /// What went wrong.
        reason: String,
    },

    /// Neo4j did not shut down within the stop timeout and was killed. The
    /// store will be recovered on next start; nothing else to do.
    #[error("Neo4j did not stop within {timeout:?} and was killed\n{log_tail}")]
    StopTimedOut {
        /// The timeout that expired.
        timeout: Duration,
        /// The end of the JVM's log.
        log_tail: String,
    },

    /// The JVM stopped, but with a failure exit status. Read the log tail.
    #[error("Neo4j shut down with {status}\n{log_tail}")]
    StopFailed {
        /// The JVM's exit status.
        status: String,
        /// The end of the JVM's log.
        log_tail: String,
    },

    /// A file-system or process operation failed (creating the data
    /// directory, opening the log, talking to the child). The context says which.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl LocalNeo4jError {
    /// Wraps an I/O error with what was being done.
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let context = context.into();
        move |source| Self::Io { context, source }
    }
}
