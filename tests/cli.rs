//! End-to-end tests of the `revpulse` binary: the README's first command, `demo` twice, and
//! bad input through `ingest`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::process::{Command, Output};

use revpulse_local_neo4j::testing::exclusive_database;

const TODAY: &str = "2026-11-26";

fn revpulse(home: &std::path::Path, uri: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_revpulse"));
    cmd.arg("--home").arg(home).args(args);
    cmd.env_remove("NEO4J_URI");
    if let Some(uri) = uri {
        cmd.env("NEO4J_URI", uri);
    }
    cmd.output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn graph_line(out: &Output) -> String {
    stdout(out)
        .lines()
        .find(|l| l.starts_with("graph: "))
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn demo_twice_leaves_identical_counts() {
    let db = exclusive_database().await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let args = [
        "demo",
        "--fresh",
        "--seed",
        "9",
        "--accounts",
        "30",
        "--today",
        TODAY,
    ];
    let first = revpulse(home.path(), Some(&db.uri), &args);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let args = ["demo", "--seed", "9", "--accounts", "30", "--today", TODAY];
    let second = revpulse(home.path(), Some(&db.uri), &args);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert!(graph_line(&first).contains("nodes"), "{}", stdout(&first));
    assert_eq!(graph_line(&first), graph_line(&second));
    assert!(home.path().join("demo/bronze/ground_truth.json").is_file());
    let built = String::from_utf8_lossy(&first.stderr);
    assert!(built.contains("search index built:"), "{built}");
    let again = String::from_utf8_lossy(&second.stderr);
    assert!(again.contains("search index already up to date"), "{again}");

    search_finds_filters_and_recovers(home.path());
}

/// `revpulse search` on the index the demo built: hits within the filter, a clear error for
/// an unknown field, and a damaged index rebuilt from the bronze records with a message.
fn search_finds_filters_and_recovers(home: &std::path::Path) {
    let regions = std::fs::read_to_string(home.join("demo/bronze/regions.jsonl")).unwrap();
    let region: serde_json::Value = serde_json::from_str(regions.lines().next().unwrap()).unwrap();
    let region = region["id"].as_str().unwrap().to_string();
    let filter = format!("region={region}");
    let args = [
        "search",
        "price too expensive",
        "--json",
        "--filter",
        filter.as_str(),
    ];
    let out = revpulse(home, None, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["metadata"]["region"] == region.as_str())
    );

    let out = revpulse(home, None, &["search", "price", "--filter", "regoin=x"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("unknown filter field `regoin`"), "{err}");

    let current = std::fs::read_to_string(home.join("search/CURRENT")).unwrap();
    let vectors = home.join("search").join(current.trim()).join("vectors");
    for segment in std::fs::read_dir(&vectors).unwrap() {
        std::fs::write(segment.unwrap().path(), b"garbage").unwrap();
    }
    let out = revpulse(home, None, &["search", "price too expensive", "--json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("is corrupted") && err.contains("rebuilding it from the bronze records"),
        "{err}"
    );
    let rebuilt: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!rebuilt.is_empty());
}

#[tokio::test]
async fn up_starts_its_own_neo4j_and_checks_its_numbers_against_bronze() {
    let home = tempfile::tempdir().unwrap();
    let out = revpulse(
        home.path(),
        None,
        &[
            "up",
            "--exit",
            "--bolt-port",
            "0",
            "--accounts",
            "20",
            "--today",
            TODAY,
        ],
    );
    let text = stdout(&out);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Open pipeline closing in Q4 2026, by stage"),
        "{text}"
    );
    assert!(
        text.contains("✓ every figure above equals a recomputation from the bronze files"),
        "{text}"
    );
    assert!(
        text.contains("Neo4j is listening at bolt://127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("Conversation search index:"), "{text}");
}

#[tokio::test]
async fn ingest_rejects_a_bad_file_naming_file_line_and_field() {
    let db = exclusive_database().await.unwrap();
    let home = tempfile::tempdir().unwrap();
    let made = revpulse(
        home.path(),
        Some(&db.uri),
        &[
            "demo",
            "--fresh",
            "--no-index",
            "--accounts",
            "15",
            "--today",
            TODAY,
        ],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let bronze = home.path().join("demo/bronze");
    let path = bronze.join("opportunities.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut record: serde_json::Value = serde_json::from_str(&lines[1]).unwrap();
    record["amount"] = serde_json::json!(null);
    lines[1] = record.to_string();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let out = revpulse(
        home.path(),
        Some(&db.uri),
        &["ingest", "--bronze", bronze.to_str().unwrap()],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("opportunities.jsonl:2: field `amount`"),
        "{err}"
    );
}

#[test]
fn help_names_every_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_revpulse"))
        .arg("--help")
        .output()
        .unwrap();
    let text = stdout(&out);
    for command in [
        "up", "demo", "ingest", "search", "ask", "chat", "brief", "bench", "eval",
    ] {
        assert!(text.contains(command), "{text}");
    }
}
