//! Starting, waiting for, and stopping the throwaway server.

use std::fs::{self, File};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::LocalPostgresError;
use super::scratch;
use super::tools::Tools;

/// How long the server may take to accept connections.
const READY_WITHIN: Duration = Duration::from_secs(30);
/// The pause between readiness probes.
const PROBE_EVERY: Duration = Duration::from_millis(50);
/// Attempts at a free port (another process may take the one we picked before the server binds).
const PORT_ATTEMPTS: usize = 3;
/// The database created at start.
const FIRST_DATABASE: &str = "revpulse";
/// Server settings: fast and small, for tests only.
const SETTINGS: [&str; 6] = [
    "listen_addresses=127.0.0.1",
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=200",
    "shared_buffers=32MB",
];

/// A running throwaway cluster. Dropping it stops the server and deletes its files.
pub struct LocalPostgres {
    tools: Tools,
    root: PathBuf,
    data: PathBuf,
    port: u16,
    url: String,
    databases_created: AtomicU32,
    /// Waits on the server process; the server's parent-death signal is tied to this thread.
    keeper: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for LocalPostgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalPostgres")
            .field("root", &self.root)
            .field("url", &self.url)
            .finish()
    }
}

impl LocalPostgres {
    /// Creates a cluster, starts it, waits until it accepts connections and creates the
    /// database `revpulse`. Blocks for about a second.
    pub fn start() -> Result<LocalPostgres, LocalPostgresError> {
        let tools = Tools::find()?;
        scratch::sweep_abandoned();
        let root = scratch::create(tools.owner())?;
        let mut cluster = LocalPostgres {
            data: root.join("data"),
            root,
            tools,
            port: 0,
            url: String::new(),
            databases_created: AtomicU32::new(0),
            keeper: None,
        };
        cluster.init()?;
        cluster.launch_on_free_port()?;
        cluster.url = cluster.create_named_database(FIRST_DATABASE)?;
        Ok(cluster)
    }

    /// The URL of the `revpulse` database (user `postgres`, no password).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The cluster's scratch folder (data, sockets, server log); deleted on drop.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The TCP port the server listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Creates another empty database (`revpulse_1`, `revpulse_2`, …) and returns its URL.
    pub fn create_database(&self) -> Result<String, LocalPostgresError> {
        let serial = self.databases_created.fetch_add(1, Ordering::Relaxed) + 1;
        self.create_named_database(&format!("{FIRST_DATABASE}_{serial}"))
    }

    fn init(&self) -> Result<(), LocalPostgresError> {
        let mut initdb = self.tools.server_side("initdb");
        initdb.arg("-D").arg(&self.data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
            "--no-instructions",
        ]);
        run(initdb, "initdb", &self.root)
    }

    fn launch_on_free_port(&mut self) -> Result<(), LocalPostgresError> {
        let mut last_error = None;
        for _ in 0..PORT_ATTEMPTS {
            self.port = free_port()?;
            let exited = self.spawn_server()?;
            match self.wait_until_ready(&exited) {
                Ok(()) => return Ok(()),
                Err(error @ LocalPostgresError::Exited { .. }) => {
                    self.join_keeper();
                    last_error = Some(error);
                }
                Err(error) => return Err(error),
            }
        }
        Err(last_error.unwrap_or_else(|| self.not_ready()))
    }

    /// Starts the server from a dedicated thread that then waits on it, and returns where that
    /// thread reports the server's exit.
    fn spawn_server(&mut self) -> Result<Receiver<String>, LocalPostgresError> {
        let log = File::create(self.log_path())
            .map_err(|source| self.io("creating the server log", source))?;
        let log_err = log
            .try_clone()
            .map_err(|source| self.io("opening the server log", source))?;
        let mut server = self.tools.server();
        server
            .arg("-D")
            .arg(&self.data)
            .args(["-p", &self.port.to_string(), "-k"])
            .arg(&self.root)
            .args(SETTINGS.iter().flat_map(|setting| ["-c", setting]))
            .current_dir(&self.root)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err);
        let (report, exited) = mpsc::channel();
        let keeper = std::thread::Builder::new()
            .name(format!("local-postgres-{}", self.port))
            .spawn(move || {
                let outcome = server.spawn().and_then(|mut child| child.wait());
                let _ = report.send(describe_exit(outcome));
            })
            .map_err(|source| self.io("starting the server's keeper thread", source))?;
        self.keeper = Some(keeper);
        Ok(exited)
    }

    fn wait_until_ready(&self, exited: &Receiver<String>) -> Result<(), LocalPostgresError> {
        let deadline = Instant::now() + READY_WITHIN;
        loop {
            if self.accepts_connections() {
                return Ok(());
            }
            match exited.recv_timeout(PROBE_EVERY) {
                Ok(status) => {
                    return Err(LocalPostgresError::Exited {
                        port: self.port,
                        status,
                        log: self.log_tail(),
                    });
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = "keeper thread ended".to_string();
                    return Err(LocalPostgresError::Exited {
                        port: self.port,
                        status,
                        log: self.log_tail(),
                    });
                }
                Err(RecvTimeoutError::Timeout) if Instant::now() >= deadline => {
                    return Err(self.not_ready());
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }

    fn accepts_connections(&self) -> bool {
        let mut probe = self.tools.client("pg_isready");
        probe.args([
            "-q",
            "-h",
            "127.0.0.1",
            "-p",
            &self.port.to_string(),
            "-U",
            "postgres",
            "-d",
            "postgres",
        ]);
        probe
            .current_dir(&self.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        probe.status().is_ok_and(|status| status.success())
    }

    /// `name` is always generated here (`revpulse`, `revpulse_N`), never taken from input.
    fn create_named_database(&self, name: &str) -> Result<String, LocalPostgresError> {
        let mut createdb = self.tools.client("createdb");
        createdb.args([
            "-h",
            "127.0.0.1",
            "-p",
            &self.port.to_string(),
            "-U",
            "postgres",
            name,
        ]);
        run(createdb, "createdb", &self.root)?;
        Ok(format!(
            "postgres://postgres@127.0.0.1:{}/{name}",
            self.port
        ))
    }

    fn not_ready(&self) -> LocalPostgresError {
        LocalPostgresError::NotReady {
            port: self.port,
            waited_secs: READY_WITHIN.as_secs(),
            log: self.log_tail(),
        }
    }

    fn log_path(&self) -> PathBuf {
        self.root.join("server.log")
    }

    /// The last lines of the server log, for error messages.
    fn log_tail(&self) -> String {
        let log = fs::read_to_string(self.log_path()).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    fn io(&self, action: &str, source: std::io::Error) -> LocalPostgresError {
        LocalPostgresError::Io {
            action: format!("{action} in {}", self.root.display()),
            source,
        }
    }

    fn join_keeper(&mut self) {
        if let Some(keeper) = self.keeper.take() {
            let _ = keeper.join();
        }
    }
}

impl Drop for LocalPostgres {
    fn drop(&mut self) {
        if self.keeper.is_some() {
            let mut stop = self.tools.server_side("pg_ctl");
            stop.arg("stop")
                .arg("-D")
                .arg(&self.data)
                .args(["-m", "fast", "-w", "-t", "30"]);
            if let Err(error) = run(stop, "pg_ctl stop", &self.root) {
                tracing::warn!(%error, "stopping the local PostgreSQL failed");
            }
            self.join_keeper();
        }
        if let Err(error) = fs::remove_dir_all(&self.root) {
            tracing::warn!(%error, root = %self.root.display(), "removing the local PostgreSQL's files failed");
        }
    }
}

/// A port that was free a moment ago.
fn free_port() -> Result<u16, LocalPostgresError> {
    let io = |source| LocalPostgresError::Io {
        action: "finding a free port on 127.0.0.1".to_string(),
        source,
    };
    let listener = TcpListener::bind("127.0.0.1:0").map_err(io)?;
    Ok(listener.local_addr().map_err(io)?.port())
}

/// Runs `command` to completion in `dir`, turning a failure into an error with its output.
fn run(mut command: Command, program: &str, dir: &Path) -> Result<(), LocalPostgresError> {
    let output: Output = command
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|source| LocalPostgresError::Io {
            action: format!("running `{program}`"),
            source,
        })?;
    if output.status.success() {
        return Ok(());
    }
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Err(LocalPostgresError::ProgramFailed {
        program: program.to_string(),
        status: output.status.to_string(),
        output: printed.trim().to_string(),
    })
}

fn describe_exit(outcome: std::io::Result<ExitStatus>) -> String {
    match outcome {
        Ok(status) => status.to_string(),
        Err(error) => format!("could not be run: {error}"),
    }
}
