//! The foreign MCP client of the MCP end-to-end tests: the official MCP Python SDK, installed
//! (idempotently, once per test binary) by `gateway/install-mcp-client.sh` into its own venv,
//! running the scripts in `gateway/tests/mcp_client/`. Each script prints one JSON object.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::OnceCell;

/// The longest a script may run (the first stdio run loads the model and the company).
const DEADLINE: Duration = Duration::from_secs(300);

static PYTHON: OnceCell<PathBuf> = OnceCell::const_new();

fn gateway_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The venv's Python, installing the client first when needed.
pub async fn python() -> &'static Path {
    PYTHON
        .get_or_init(|| async {
            let script = gateway_dir().join("install-mcp-client.sh");
            let output = tokio::process::Command::new("bash")
                .arg(&script)
                .output()
                .await
                .unwrap_or_else(|e| panic!("running {}: {e}", script.display()));
            assert!(
                output.status.success(),
                "{} failed:\n{}{}",
                script.display(),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            let cache = std::env::var_os("REVPULSE_CACHE")
                .filter(|c| !c.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/revpulse")
                });
            cache.join("mcp-venv/bin/python")
        })
        .await
}

/// Runs `tests/mcp_client/<script>` with `config` and returns the JSON it printed.
pub async fn run_script(script: &str, config: &Value) -> Value {
    let python = python().await;
    let dir = gateway_dir().join("tests/mcp_client");
    let child = tokio::process::Command::new(python)
        .arg(dir.join(script))
        .arg(config.to_string())
        .current_dir(&dir)
        // No `__pycache__` left in the source tree.
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", python.display()));
    let output = tokio::time::timeout(DEADLINE, child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("{script} did not finish within {DEADLINE:?}"))
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{script} failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last)
        .unwrap_or_else(|e| panic!("{script} printed no JSON ({e}):\n{stdout}\n{stderr}"))
}

/// Whole dollars as a person writes them (`$1,234,567`), computed here rather than by the
/// server's formatter.
pub fn dollars(amount: i64) -> String {
    let digits: Vec<char> = amount.unsigned_abs().to_string().chars().collect();
    let groups: Vec<String> = digits
        .rchunks(3)
        .rev()
        .map(|g| g.iter().collect())
        .collect();
    format!("{}${}", if amount < 0 { "-" } else { "" }, groups.join(","))
}
