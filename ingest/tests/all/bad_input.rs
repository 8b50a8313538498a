//! Bad bronze files are rejected with the file, line and field, and nothing is written.

use std::path::Path;

use revpulse_ingest::bronze::{read_bronze, write_bronze};
use revpulse_ingest::{IngestError, load_dataset};

use crate::company::{empty_graph, small_company, today};

fn bronze_copy(dir: &Path) -> std::path::PathBuf {
    let bronze = dir.join("bronze");
    write_bronze(
        &bronze,
        &small_company(5).dataset,
        "test",
        Some(5),
        today(),
        &[],
    )
    .unwrap();
    bronze
}

/// Replaces line `line` (1-based) of `file` using `edit`.
fn edit_line(bronze: &Path, file: &str, line: usize, edit: impl Fn(&str) -> String) {
    let path = bronze.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                edit(l)
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

#[test]
fn a_wrongly_typed_field_names_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let bronze = bronze_copy(dir.path());
    edit_line(&bronze, "opportunities.jsonl", 3, |l| {
        let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
        v["amount"] = serde_json::json!("a lot");
        v.to_string()
    });
    let err = read_bronze(&bronze).unwrap_err();
    match &err {
        IngestError::Malformed {
            path, line, field, ..
        } => {
            assert!(path.ends_with("opportunities.jsonl"));
            assert_eq!((*line, field.as_str()), (3, "amount"));
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
    assert!(
        err.to_string()
            .contains("opportunities.jsonl:3: field `amount`"),
        "{err}"
    );
}

#[test]
fn unknown_fields_truncated_lines_and_bad_enums_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let bronze = bronze_copy(dir.path());
    edit_line(&bronze, "accounts.jsonl", 2, |l| {
        l.replacen('{', "{\"colour\":\"red\",", 1)
    });
    let err = read_bronze(&bronze).unwrap_err().to_string();
    assert!(
        err.contains("accounts.jsonl:2") && err.contains("colour"),
        "{err}"
    );

    let bronze = bronze_copy(dir.path());
    edit_line(&bronze, "contacts.jsonl", 4, |l| {
        l.chars().take(l.chars().count() / 2).collect()
    });
    let err = read_bronze(&bronze).unwrap_err().to_string();
    assert!(err.contains("contacts.jsonl:4"), "{err}");

    let bronze = bronze_copy(dir.path());
    edit_line(&bronze, "opportunities.jsonl", 1, |l| {
        let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
        v["stage"] = serde_json::json!("closed_maybe");
        v.to_string()
    });
    let err = read_bronze(&bronze).unwrap_err().to_string();
    assert!(
        err.contains("opportunities.jsonl:1: field `stage`"),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let bronze = bronze_copy(dir.path());
    std::fs::remove_file(bronze.join("tickets.jsonl")).unwrap();
    let err = read_bronze(&bronze).unwrap_err();
    assert!(matches!(err, IngestError::MissingFile { .. }), "{err:?}");
    assert!(err.to_string().contains("tickets.jsonl"));
}

#[tokio::test]
async fn a_dangling_reference_is_rejected_before_anything_is_written() {
    let (_db, client) = empty_graph().await;
    let dir = tempfile::tempdir().unwrap();
    let bronze = bronze_copy(dir.path());
    edit_line(&bronze, "contacts.jsonl", 2, |l| {
        let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
        v["account_id"] = serde_json::json!("ACC-NOPE");
        v.to_string()
    });
    let read = read_bronze(&bronze).unwrap();
    let err = load_dataset(&client, &read.data, &read.lines, None)
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(err, IngestError::DanglingReference { .. }),
        "{err:?}"
    );
    assert!(
        message.contains("contacts.jsonl:2") && message.contains("ACC-NOPE"),
        "{message}"
    );
    assert_eq!(
        client.counts().await.unwrap().total_nodes(),
        0,
        "nothing may be written"
    );
}

#[tokio::test]
async fn a_duplicate_key_is_rejected_with_both_lines() {
    let (_db, client) = empty_graph().await;
    let dir = tempfile::tempdir().unwrap();
    let bronze = bronze_copy(dir.path());
    let first = std::fs::read_to_string(bronze.join("accounts.jsonl")).unwrap();
    let first_line = first.lines().next().unwrap().to_string();
    edit_line(&bronze, "accounts.jsonl", 5, |_| first_line.clone());
    let read = read_bronze(&bronze).unwrap();
    let err = load_dataset(&client, &read.data, &read.lines, None)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("accounts.jsonl:5: duplicate Account key"),
        "{err}"
    );
    assert!(err.to_string().contains("first seen on line 1"), "{err}");
    assert_eq!(client.counts().await.unwrap().total_nodes(), 0);
}
