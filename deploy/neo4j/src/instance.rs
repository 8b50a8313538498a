//! One running local Neo4j: spawns the launcher JVM, waits for its READY line
//! and a Bolt handshake, and stops it cleanly (or at least surely) afterwards.
//!
//! Protocol with `dev.revpulse.neo4j.Launcher`: it prints exactly one line on
//! stdout, `REVPULSE_NEO4J_READY bolt://127.0.0.1:<port>` or
//! `REVPULSE_NEO4J_FAILED <message>`, and shuts down on a `stop` line or EOF on
//! stdin. Because EOF stops it, a JVM whose parent dies (its stdin pipe closes)
//! goes away by itself; the launcher halts itself if shutdown hangs for 60 s.

use std::ffi::OsString;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

use crate::bolt::bolt_handshake;
use crate::config::{LocalNeo4jConfig, launcher_is_installed};
use crate::error::LocalNeo4jError;
use crate::log_tail::tail;

const MAIN_CLASS: &str = "dev.revpulse.neo4j.Launcher";
const READY: &str = "REVPULSE_NEO4J_READY ";
const FAILED: &str = "REVPULSE_NEO4J_FAILED ";
/// File in the data directory that receives the JVM's stderr (appended).
const LOG_FILE: &str = "neo4j-launcher.log";
/// How long `stop` waits for a clean shutdown before killing the JVM.
const STOP_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the post-READY Bolt handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Lines of each log included in error messages.
const TAIL_LINES: usize = 30;

/// A running local Neo4j (a child JVM) serving Bolt on 127.0.0.1 with auth
/// disabled: any user/password is accepted.
///
/// Call [`LocalNeo4j::stop`] for a clean shutdown. Dropping it instead closes
/// the JVM's stdin, which makes the launcher shut down on its own; inside a
/// Tokio runtime a background task also kills the JVM if that takes over 30 s.
#[derive(Debug)]
pub struct LocalNeo4j {
    child: Option<Child>,
    stdin: Option<ChildStdin>,
    pid: Option<u32>,
    bolt_uri: String,
    bolt_port: u16,
    data_dir: PathBuf,
    log_path: PathBuf,
}

/// What the launcher said on stdout before it was ready.
enum Announcement {
    Ready(String),
    Failed(String),
    /// stdout closed without a protocol line: the JVM exited.
    Eof,
}

impl LocalNeo4j {
    /// Starts Neo4j and returns once it is ready and answers a Bolt handshake.
    ///
    /// Errors tell the caller what to do: [`LocalNeo4jError::NotInstalled`]
    /// (run `deploy/neo4j/install.sh`), [`LocalNeo4jError::JavaNotFound`],
    /// [`LocalNeo4jError::DataDirLocked`], [`LocalNeo4jError::PortInUse`],
    /// [`LocalNeo4jError::StartupTimeout`] (with log tails), and so on.
    pub async fn start(config: LocalNeo4jConfig) -> Result<Self, LocalNeo4jError> {
        if !launcher_is_installed(&config.launcher_dir) {
            return Err(LocalNeo4jError::NotInstalled {
                dir: config.launcher_dir,
            });
        }
        tokio::fs::create_dir_all(&config.data_dir)
            .await
            .map_err(LocalNeo4jError::io(format!(
                "creating data directory {}",
                config.data_dir.display()
            )))?;
        let data_dir = std::path::absolute(&config.data_dir).map_err(LocalNeo4jError::io(
            format!("resolving data directory {}", config.data_dir.display()),
        ))?;
        let log_path = data_dir.join(LOG_FILE);
        let args = java_args(&config, &data_dir)?;
        let log = open_log(&log_path, &config.java, &args)?;

        tracing::info!(data_dir = %data_dir.display(), port = config.bolt_port, "starting local Neo4j");
        let started = std::time::Instant::now();
        let mut child = Command::new(&config.java)
            .args(&args)
            .current_dir(&data_dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .kill_on_drop(false)
            // Its own process group: a terminal's Ctrl-C goes to the command that started it,
            // which stops Neo4j itself once it has finished (e.g. the gateway's grace period),
            // instead of reaching the JVM directly and killing it mid-answer.
            .process_group(0)
            .spawn()
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                    LocalNeo4jError::JavaNotFound {
                        java: config.java.clone(),
                        source,
                    }
                }
                _ => LocalNeo4jError::Io {
                    context: format!("spawning {}", config.java.display()),
                    source,
                },
            })?;
        let pid = child.id();
        let stdin = child.stdin.take();
        let Some(stdout) = child.stdout.take() else {
            return Err(LocalNeo4jError::Io {
                context: "capturing the JVM's stdout".into(),
                source: std::io::Error::other("no stdout pipe"),
            });
        };
        let mut lines = BufReader::new(stdout).lines();

        let announced =
            tokio::time::timeout(config.startup_timeout, read_announcement(&mut lines)).await;
        let uri = match announced {
            Ok(Ok(Announcement::Ready(uri))) => uri,
            Ok(Ok(Announcement::Failed(message))) => {
                let _ = wait_or_kill(&mut child, Duration::from_secs(10)).await;
                return Err(classify_failure(message, &config, &data_dir, &log_path));
            }
            Ok(Ok(Announcement::Eof)) => {
                let status = wait_or_kill(&mut child, Duration::from_secs(10)).await;
                let log_tail = tail(&log_path, TAIL_LINES);
                if log_tail.contains("UnsupportedClassVersionError") {
                    return Err(LocalNeo4jError::JavaTooOld {
                        java: config.java,
                        log_tail,
                    });
                }
                return Err(LocalNeo4jError::ExitedEarly {
                    status: describe_status(status),
                    log_tail,
                });
            }
            Ok(Err(source)) => {
                let _ = child.kill().await;
                return Err(LocalNeo4jError::Io {
                    context: "reading the JVM's stdout".into(),
                    source,
                });
            }
            Err(_elapsed) => {
                let _ = child.kill().await;
                return Err(LocalNeo4jError::StartupTimeout {
                    timeout: config.startup_timeout,
                    log_tail: startup_log_tails(&data_dir, &log_path),
                });
            }
        };
        drain_stdout(lines);

        let mut neo4j = Self {
            child: Some(child),
            stdin,
            pid,
            bolt_port: 0,
            bolt_uri: uri.clone(),
            data_dir,
            log_path,
        };
        let port = match uri
            .rsplit(':')
            .next()
            .and_then(|port| port.parse::<u16>().ok())
        {
            Some(port) if port != 0 => port,
            _ => {
                neo4j.kill().await;
                return Err(LocalNeo4jError::StartupFailed {
                    message: format!("launcher reported an unusable Bolt URI {uri:?}"),
                    log_tail: String::new(),
                });
            }
        };
        neo4j.bolt_port = port;

        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let handshake =
            tokio::task::spawn_blocking(move || bolt_handshake(address, HANDSHAKE_TIMEOUT)).await;
        let handshake = match handshake {
            Ok(result) => result,
            Err(join) => Err(LocalNeo4jError::BoltHandshake {
                address: address.to_string(),
                reason: format!("handshake task failed: {join}"),
            }),
        };
        match handshake {
            Ok(version) => {
                tracing::info!(
                    uri = %neo4j.bolt_uri,
                    bolt = %format!("{}.{}", version.major, version.minor),
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "local Neo4j ready"
                );
                Ok(neo4j)
            }
            Err(error) => {
                neo4j.kill().await;
                Err(error)
            }
        }
    }

    /// `bolt://127.0.0.1:<port>`, for the Neo4j driver (any user/password).
    pub fn bolt_uri(&self) -> &str {
        &self.bolt_uri
    }

    /// The bound Bolt port on 127.0.0.1.
    pub fn bolt_port(&self) -> u16 {
        self.bolt_port
    }

    /// The JVM's process id (for checks that it is gone after `stop`).
    pub fn pid(&self) -> Option<u32> {
        self.pid
    }

    /// The instance's data directory (absolute).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The file that receives the JVM's stderr; Neo4j's own logs are in
    /// `<data_dir>/logs/`.
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// Shuts Neo4j down cleanly: sends `stop`, waits up to 30 s, then kills
    /// the JVM and returns [`LocalNeo4jError::StopTimedOut`].
    pub async fn stop(mut self) -> Result<(), LocalNeo4jError> {
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        if let Some(mut stdin) = self.stdin.take() {
            // A broken pipe means the JVM is already gone; `wait` says how.
            let _ = stdin.write_all(b"stop\n").await;
            let _ = stdin.flush().await;
        }
        match tokio::time::timeout(STOP_TIMEOUT, child.wait()).await {
            Ok(Ok(status)) if status.success() => {
                tracing::info!(uri = %self.bolt_uri, "local Neo4j stopped");
                Ok(())
            }
            Ok(Ok(status)) => Err(LocalNeo4jError::StopFailed {
                status: describe_status(Some(status)),
                log_tail: tail(&self.log_path, TAIL_LINES),
            }),
            Ok(Err(source)) => Err(LocalNeo4jError::Io {
                context: "waiting for the Neo4j JVM to exit".into(),
                source,
            }),
            Err(_elapsed) => {
                let _ = child.kill().await;
                Err(LocalNeo4jError::StopTimedOut {
                    timeout: STOP_TIMEOUT,
                    log_tail: tail(&self.log_path, TAIL_LINES),
                })
            }
        }
    }

    /// Kills the JVM at once and reaps it (failed startup).
    async fn kill(&mut self) {
        self.stdin = None;
        if let Some(mut child) = self.child.take() {
            let _ = child.kill().await;
        }
    }
}

impl Drop for LocalNeo4j {
    fn drop(&mut self) {
        // Closing stdin is the shutdown signal; the launcher exits by itself.
        self.stdin = None;
        let Some(mut child) = self.child.take() else {
            return;
        };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                if tokio::time::timeout(STOP_TIMEOUT, child.wait())
                    .await
                    .is_err()
                {
                    let _ = child.kill().await;
                }
            });
        }
    }
}

/// JVM options, class path, main class and launcher arguments.
fn java_args(config: &LocalNeo4jConfig, data_dir: &Path) -> Result<Vec<OsString>, LocalNeo4jError> {
    let classpath = std::env::join_paths([
        config.launcher_dir.join("launcher.jar"),
        config.launcher_dir.join("lib").join("*"),
    ])
    .map_err(|e| LocalNeo4jError::Io {
        context: format!(
            "building the class path from {}",
            config.launcher_dir.display()
        ),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, e),
    })?;
    let heap = config.heap_mb.max(128);
    let mut args: Vec<OsString> = [
        format!("-Xmx{heap}m"),
        format!("-Xms{}m", heap.min(128)),
        "-XX:+ExitOnOutOfMemoryError".into(),
        "-XX:-OmitStackTraceInFastThrow".into(),
        // HotSpot writes its warnings to stdout by default; keep stdout for
        // the READY/FAILED protocol.
        "-XX:+DisplayVMOutputToStderr".into(),
        "-Djava.awt.headless=true".into(),
        "-Dfile.encoding=UTF-8".into(),
        // The JVM options Neo4j's own server scripts use.
        "-Djdk.nio.maxCachedBufferSize=1024".into(),
        "-Dio.netty.tryReflectionSetAccessible=true".into(),
        "-Dlog4j2.disable.jmx=true".into(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED".into(),
        "--add-opens=java.base/java.io=ALL-UNNAMED".into(),
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED".into(),
    ]
    .into_iter()
    .map(OsString::from)
    .collect();
    args.extend(config.extra_jvm_args.iter().map(OsString::from));
    args.push("-cp".into());
    args.push(classpath);
    args.push(MAIN_CLASS.into());
    args.push("--data-dir".into());
    args.push(data_dir.as_os_str().to_owned());
    args.push("--bolt-address".into());
    args.push("127.0.0.1".into());
    args.push("--bolt-port".into());
    args.push(config.bolt_port.to_string().into());
    args.push("--pagecache-mb".into());
    args.push(config.pagecache_mb.max(8).to_string().into());
    Ok(args)
}

/// Opens the JVM log for appending (a second instance on a locked data dir
/// must not wipe the first one's log) and writes a header for this start.
fn open_log(
    log_path: &Path,
    java: &Path,
    args: &[OsString],
) -> Result<std::fs::File, LocalNeo4jError> {
    use std::io::Write;
    let context = || format!("opening {}", log_path.display());
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log_path)
        .map_err(LocalNeo4jError::io(context()))?;
    let command: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    writeln!(
        log,
        "==== revpulse-local-neo4j: {} {}",
        java.display(),
        command.join(" ")
    )
    .map_err(LocalNeo4jError::io(context()))?;
    Ok(log)
}

/// Reads stdout until the READY or FAILED line, or EOF.
async fn read_announcement(
    lines: &mut Lines<BufReader<ChildStdout>>,
) -> std::io::Result<Announcement> {
    while let Some(line) = lines.next_line().await? {
        if let Some(uri) = line.strip_prefix(READY) {
            return Ok(Announcement::Ready(uri.trim().to_owned()));
        }
        if let Some(message) = line.strip_prefix(FAILED) {
            return Ok(Announcement::Failed(message.trim().to_owned()));
        }
        tracing::debug!(target: "revpulse_local_neo4j::jvm", "{line}");
    }
    Ok(Announcement::Eof)
}

/// Keeps reading stdout after READY so the JVM can never block on a full pipe.
/// (Without a runtime the pipe is just closed; the launcher's stdout is quiet
/// after READY anyway.)
fn drain_stdout(mut lines: Lines<BufReader<ChildStdout>>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    runtime.spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            tracing::debug!(target: "revpulse_local_neo4j::jvm", "{line}");
        }
    });
}

/// Waits for the JVM to exit by itself, killing it after `timeout`.
async fn wait_or_kill(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    match tokio::time::timeout(timeout, child.wait()).await {
        Ok(Ok(status)) => Some(status),
        Ok(Err(_)) => None,
        Err(_elapsed) => {
            let _ = child.kill().await;
            child.try_wait().ok().flatten()
        }
    }
}

/// Maps the launcher's failure line to the most specific error.
fn classify_failure(
    message: String,
    config: &LocalNeo4jConfig,
    data_dir: &Path,
    log_path: &Path,
) -> LocalNeo4jError {
    if message.contains("FileLockException") || message.contains("store_lock") {
        LocalNeo4jError::DataDirLocked {
            data_dir: data_dir.to_owned(),
        }
    } else if message.contains("PortBindException") || message.contains("Address already in use") {
        LocalNeo4jError::PortInUse {
            port: config.bolt_port,
        }
    } else {
        LocalNeo4jError::StartupFailed {
            message,
            log_tail: tail(log_path, TAIL_LINES),
        }
    }
}

/// Tails of the JVM's stderr and of Neo4j's debug.log, for timeouts.
fn startup_log_tails(data_dir: &Path, log_path: &Path) -> String {
    format!(
        "{}\n{}",
        tail(log_path, TAIL_LINES),
        tail(&data_dir.join("logs").join("debug.log"), TAIL_LINES)
    )
}

fn describe_status(status: Option<ExitStatus>) -> String {
    status.map_or_else(
        || "unknown exit status".to_owned(),
        |status| status.to_string(),
    )
}
