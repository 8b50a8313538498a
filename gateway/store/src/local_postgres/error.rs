//! Why a throwaway PostgreSQL cluster could not be started, each with what to do about it.

/// Why a local cluster could not be started.
#[derive(Debug, thiserror::Error)]
pub enum LocalPostgresError {
    /// PostgreSQL's server programs are not installed. Run `scripts/setup`.
    #[error(
        "PostgreSQL server programs not found in {looked_in} (initdb, postgres, pg_ctl, pg_isready, createdb): run scripts/setup"
    )]
    MissingBinaries {
        /// Where they were looked for.
        looked_in: String,
    },
    /// `setpriv` (util-linux) is not installed. Run `scripts/setup`.
    #[error("`setpriv` (util-linux) not found in /usr/bin or /bin: run scripts/setup")]
    MissingSetpriv,
    /// Running as root, but there is no `postgres` user to run the server as.
    #[error(
        "running as root, and there is no `postgres` user to run PostgreSQL as (Debian's `postgresql` package creates it): run scripts/setup"
    )]
    NoPostgresUser,
    /// A file or process operation failed.
    #[error("local PostgreSQL: {action}: {source}")]
    Io {
        /// What was being done.
        action: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A PostgreSQL program exited with an error.
    #[error("local PostgreSQL: `{program}` failed ({status}): {output}")]
    ProgramFailed {
        /// Which program.
        program: String,
        /// How it exited.
        status: String,
        /// What it printed.
        output: String,
    },
    /// The server exited while starting.
    #[error(
        "local PostgreSQL on 127.0.0.1:{port} exited while starting ({status}); server log:\n{log}"
    )]
    Exited {
        /// The port it was to listen on.
        port: u16,
        /// How it exited.
        status: String,
        /// The end of its log.
        log: String,
    },
    /// The server did not accept connections in time.
    #[error(
        "local PostgreSQL on 127.0.0.1:{port} did not accept connections within {waited_secs}s; server log:\n{log}"
    )]
    NotReady {
        /// The port it listens on.
        port: u16,
        /// How long it was given.
        waited_secs: u64,
        /// The end of its log.
        log: String,
    },
}
