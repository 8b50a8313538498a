//! The audit chain: entries round-trip, concurrent appends form one chain, admins can filter.

use chrono::{Duration, Utc};
use revpulse_gateway_store::{AuditEntry, AuditQuery, Decision, GENESIS_HASH, NewAuditEntry};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::support::TestDb;

on_both_backends! {
    entries_round_trip => entries_round_trip;
    concurrent_appends_form_one_chain => concurrent_appends;
    admin_queries_filter => admin_queries;
    an_empty_chain_verifies => empty_chain;
}

/// An entry whose fields all depend on `index`.
pub fn entry(index: usize) -> NewAuditEntry {
    NewAuditEntry {
        principal: format!("sub-{}", index % 3),
        surface: ["graphql", "mcp_http", "slack"][index % 3].to_string(),
        kind: "tool_call".to_string(),
        name: "pipeline_summary".to_string(),
        args: json!({"region": "EMEA", "quarter": index, "filters": {"stage": ["proposal", "negotiation"]}}),
        returned_ids: (0..index % 4)
            .map(|id| format!("opp-{index}-{id}"))
            .collect(),
        answer_id: index.is_multiple_of(2).then(|| format!("answer-{index}")),
        decision: if index % 5 == 4 {
            Decision::Refused
        } else {
            Decision::Allowed
        },
        latency_ms: i64::try_from(index).unwrap() * 7,
        detail: (index % 5 == 4).then(|| "out of scope".to_string()),
    }
}

/// `SHA-256(prev_hash ‖ canonical bytes)`, computed here rather than by the store.
fn expected_hash(entry: &AuditEntry) -> String {
    let args_json = revpulse_gateway_store::canonical_json(&entry.args);
    let input = revpulse_gateway_store::AuditHashInput {
        seq: entry.seq,
        at: entry.at,
        principal: &entry.principal,
        surface: &entry.surface,
        kind: &entry.kind,
        name: &entry.name,
        args_json: &args_json,
        returned_ids: &entry.returned_ids,
        answer_id: entry.answer_id.as_deref(),
        decision: entry.decision.as_str(),
        latency_ms: entry.latency_ms,
        detail: entry.detail.as_deref(),
    };
    let mut hasher = Sha256::new();
    hasher.update(entry.prev_hash.as_bytes());
    hasher.update(input.canonical_bytes());
    hex::encode(hasher.finalize())
}

async fn entries_round_trip(db: &TestDb) {
    let store = &db.store;
    let first = store.append_audit(entry(4)).await.unwrap();
    let second = store.append_audit(entry(3)).await.unwrap();
    assert_eq!((first.seq, second.seq), (1, 2));
    assert_eq!(first.prev_hash, GENESIS_HASH);
    assert_eq!(second.prev_hash, first.hash);
    assert_eq!(first.hash, expected_hash(&first));
    assert_eq!(second.hash, second.recompute_hash());
    assert_eq!(
        (first.decision, first.detail.as_deref()),
        (Decision::Refused, Some("out of scope"))
    );
    assert!(second.at >= first.at);

    let stored = store.audit_entries(&AuditQuery::default()).await.unwrap();
    assert_eq!(stored, vec![first, second]);
    let verification = store.verify_audit_chain().await.unwrap();
    assert!(verification.is_intact());
    assert_eq!(verification.rows_checked, 2);
}

async fn concurrent_appends(db: &TestDb) {
    let tasks: Vec<_> = (0..200)
        .map(|index| {
            let store = db.store.clone();
            tokio::spawn(async move { store.append_audit(entry(index)).await.unwrap() })
        })
        .collect();
    let mut appended = Vec::new();
    for task in tasks {
        appended.push(task.await.unwrap());
    }
    let mut seqs: Vec<i64> = appended.iter().map(|entry| entry.seq).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=200).collect::<Vec<_>>());

    let verification = db.store.verify_audit_chain().await.unwrap();
    assert_eq!(verification.first_broken, None);
    assert_eq!(verification.rows_checked, 200);

    let mut stored = Vec::new();
    let mut after_seq = None;
    loop {
        let page = db
            .store
            .audit_entries(&AuditQuery {
                after_seq,
                limit: 64,
                ..AuditQuery::default()
            })
            .await
            .unwrap();
        let Some(last) = page.last() else { break };
        after_seq = Some(last.seq);
        stored.extend(page);
    }
    assert_eq!(stored.len(), 200);
    for pair in stored.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash);
        assert!(pair[1].at >= pair[0].at, "times follow the chain");
    }
}

async fn admin_queries(db: &TestDb) {
    let store = &db.store;
    let mut all = Vec::new();
    for index in 0..15 {
        all.push(store.append_audit(entry(index)).await.unwrap());
    }
    let select = |keep: &dyn Fn(&AuditEntry) -> bool| {
        all.iter()
            .filter(|entry| keep(entry))
            .cloned()
            .collect::<Vec<_>>()
    };

    let by_principal = AuditQuery {
        principal: Some("sub-1".to_string()),
        ..AuditQuery::default()
    };
    assert_eq!(
        store.audit_entries(&by_principal).await.unwrap(),
        select(&|entry| entry.principal == "sub-1")
    );

    let by_surface = AuditQuery {
        surface: Some("slack".to_string()),
        ..AuditQuery::default()
    };
    assert_eq!(
        store.audit_entries(&by_surface).await.unwrap(),
        select(&|entry| entry.surface == "slack")
    );

    let refused = AuditQuery {
        decision: Some(Decision::Refused),
        ..AuditQuery::default()
    };
    let expected = select(&|entry| entry.decision == Decision::Refused);
    assert_eq!(expected.len(), 3);
    assert_eq!(store.audit_entries(&refused).await.unwrap(), expected);

    let pivot = all[7].at;
    let since = AuditQuery {
        since: Some(pivot),
        ..AuditQuery::default()
    };
    assert_eq!(
        store.audit_entries(&since).await.unwrap(),
        select(&|entry| entry.at >= pivot)
    );
    let until = AuditQuery {
        until: Some(pivot),
        ..AuditQuery::default()
    };
    assert_eq!(
        store.audit_entries(&until).await.unwrap(),
        select(&|entry| entry.at < pivot)
    );
    let future = AuditQuery {
        since: Some(Utc::now() + Duration::hours(1)),
        ..AuditQuery::default()
    };
    assert!(store.audit_entries(&future).await.unwrap().is_empty());

    let combined = AuditQuery {
        principal: Some("sub-0".to_string()),
        decision: Some(Decision::Allowed),
        after_seq: Some(3),
        limit: 2,
        ..AuditQuery::default()
    };
    let expected: Vec<_> = select(&|entry| {
        entry.principal == "sub-0" && entry.decision == Decision::Allowed && entry.seq > 3
    })
    .into_iter()
    .take(2)
    .collect();
    assert_eq!(store.audit_entries(&combined).await.unwrap(), expected);
}

async fn empty_chain(db: &TestDb) {
    let verification = db.store.verify_audit_chain().await.unwrap();
    assert!(verification.is_intact());
    assert_eq!(verification.rows_checked, 0);
}
