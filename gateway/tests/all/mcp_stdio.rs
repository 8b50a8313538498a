//! MCP over stdio, end to end: the official MCP Python SDK starts the `mcp_stdio_fixture`
//! example (the fixture company served by `serve_stdio` as a regional VP) as a subprocess, as
//! an MCP host would, lists the tools, calls one, reads a deal resource and gets a prompt. The
//! numbers equal the service's for the same caller, and the calls land in the example's audit
//! log under the `mcp_stdio` surface.

use std::path::PathBuf;

use revpulse_gateway::service::Surface;
use revpulse_gateway_store::{AppStore, AuditQuery};
use revpulse_ingest::demo::{DemoConfig, generate};
use revpulse_tools::Catalogue;
use serde_json::{Value, json};
use tokio::sync::OnceCell;

use crate::fixture::{ACCOUNTS, caller_for, service, shared, today};
use crate::mcp_http_checks::busiest_vp;
use crate::mcp_python::{dollars, run_script};

/// The fixture's seed and index folder (private in `fixture.rs`; the test below checks that
/// this seed generates the fixture's company, so a drift fails here, loudly).
const SEED: u64 = 7;

fn fixture_index_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("gateway-index-seed{SEED}-accounts{ACCOUNTS}"))
}

static EXAMPLE: OnceCell<PathBuf> = OnceCell::const_new();

/// The `mcp_stdio_fixture` example, built by Cargo if needed (`cargo test --test all` does not
/// build examples); Cargo reports where the executable is.
async fn example_binary() -> &'static PathBuf {
    EXAMPLE
        .get_or_init(|| async {
            let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
            let mut cargo = tokio::process::Command::new(option_env!("CARGO").unwrap_or("cargo"));
            // Cargo runs tests with the package's variables set (`CARGO_PKG_NAME`,
            // `CARGO_MANIFEST_DIR`, …); build scripts that watch them (ring's do) would see a
            // change and rebuild, and the next `cargo test` would rebuild them back.
            for (name, _) in std::env::vars_os() {
                let name = name.to_string_lossy();
                if name.starts_with("CARGO_PKG_")
                    || name.starts_with("CARGO_MANIFEST_")
                    || [
                        "CARGO_CRATE_NAME",
                        "CARGO_PRIMARY_PACKAGE",
                        "CARGO_TARGET_TMPDIR",
                        "OUT_DIR",
                    ]
                    .contains(&name.as_ref())
                {
                    cargo.env_remove(name.as_ref());
                }
            }
            let output = cargo
                .args([
                    "build",
                    "--manifest-path",
                    manifest,
                    "--example",
                    "mcp_stdio_fixture",
                ])
                .arg("--message-format=json-render-diagnostics")
                .output()
                .await
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success(),
                "building the mcp_stdio_fixture example failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            stdout
                .lines()
                .filter_map(|line| serde_json::from_str::<Value>(line).ok())
                .filter(|m| {
                    m["reason"] == "compiler-artifact" && m["target"]["name"] == "mcp_stdio_fixture"
                })
                .find_map(|m| m["executable"].as_str().map(PathBuf::from))
                .unwrap_or_else(|| panic!("cargo named no mcp_stdio_fixture executable:\n{stdout}"))
        })
        .await
}

/// The variables the example needs to find the model (the SDK passes only a few by default).
fn server_env() -> Value {
    let mut env = serde_json::Map::new();
    for name in [
        "HOME",
        "PATH",
        "REVPULSE_CACHE",
        "REVPULSE_MODEL_DIR",
        "RUST_LOG",
    ] {
        if let Some(value) = std::env::var_os(name) {
            env.insert(name.to_owned(), json!(value.to_string_lossy()));
        }
    }
    Value::Object(env)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_foreign_client_starts_the_stdio_server_and_uses_it() {
    let served = service().await;
    let data = &shared().await.dataset;
    let regenerated = generate(&DemoConfig::new(SEED, today()).with_accounts(ACCOUNTS))
        .unwrap()
        .dataset;
    assert!(
        regenerated == *data,
        "SEED here no longer generates the fixture's company"
    );
    let vp = busiest_vp(data);
    let region = vp.region_id.clone().unwrap();
    let deal = data
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open())
        .filter(|o| {
            data.accounts
                .iter()
                .any(|a| a.id == o.account_id && a.region_id == region)
        })
        .max_by_key(|o| o.amount)
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stdio-app.db");
    let args = [
        "--seed".to_owned(),
        SEED.to_string(),
        "--accounts".to_owned(),
        ACCOUNTS.to_string(),
        "--today".to_owned(),
        today().to_string(),
        "--index".to_owned(),
        fixture_index_dir().display().to_string(),
        "--db".to_owned(),
        db.display().to_string(),
        "--as".to_owned(),
        vp.id.clone(),
    ];
    let config = json!({
        "command": example_binary().await,
        "args": args,
        "env": server_env(),
        "deal": deal.id,
    });
    let report = run_script("stdio_client.py", &config).await;

    assert_eq!(report["server"], "revpulse");
    let mut tools: Vec<&str> = report["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    tools.sort_unstable();
    assert_eq!(tools, Catalogue::standard().names().collect::<Vec<_>>());

    let caller = caller_for(&data.users, &vp, Surface::McpStdio);
    let direct = served
        .service
        .call_tool(&caller, "pipeline", json!({ "group_by": "region" }))
        .await
        .unwrap();
    assert_eq!(
        report["pipeline"]["is_error"], false,
        "{}",
        report["pipeline"]
    );
    assert_eq!(report["pipeline"]["structured"], direct.output);

    let text = report["deal"]["contents"][0]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", report["deal"]));
    for expected in [format!("# Deal {}", deal.id), dollars(deal.amount)] {
        assert!(
            text.contains(&expected),
            "`{expected}` is missing from:\n{text}"
        );
    }
    let listed = report["resources"]["resources"].as_array().unwrap();
    assert!(
        listed
            .iter()
            .any(|r| r["uri"] == format!("revpulse://deal/{}", deal.id)),
        "{listed:?}"
    );
    assert!(report["prompts"]["names"].as_array().unwrap().len() >= 10);

    let app = AppStore::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let query = AuditQuery {
        surface: Some("mcp_stdio".to_owned()),
        limit: 1_000,
        ..AuditQuery::default()
    };
    let entries = app.audit_entries(&query).await.unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.principal == vp.id && e.kind == "tool_call" && e.name == "pipeline"),
        "{entries:#?}"
    );
}
