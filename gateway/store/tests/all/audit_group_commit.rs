//! Group commit: concurrent appends through the writer share transactions yet form one chain
//! with a second process appending directly, a bad entry fails alone, and a batch is all or
//! nothing.

use std::sync::Arc;

use revpulse_gateway_store::{AppStore, AuditQuery, AuditWriter, StoreError};

use crate::audit_chain::entry;
use crate::support::TestDb;

on_both_backends! {
    grouped_appends_form_one_chain => grouped_appends;
    a_bad_entry_fails_alone => bad_entry_alone;
    a_batch_is_all_or_nothing => batch_all_or_nothing;
}

const WRITER_APPENDS: usize = 300;
const DIRECT_APPENDS: usize = 40;

async fn grouped_appends(db: &TestDb) {
    let writer = Arc::new(AuditWriter::new(db.store.clone()));
    // Another process: its own pool on the same database, appending without the writer.
    let other = AppStore::connect(&db.url).await.unwrap();
    let mut tasks = Vec::new();
    for index in 0..WRITER_APPENDS {
        let writer = Arc::clone(&writer);
        tasks.push(tokio::spawn(
            async move { writer.append(entry(index)).await },
        ));
    }
    for index in 0..DIRECT_APPENDS {
        let other = other.clone();
        tasks.push(tokio::spawn(async move {
            other.append_audit(entry(1000 + index)).await
        }));
    }
    let mut returned = Vec::new();
    for task in tasks {
        returned.push(task.await.unwrap().unwrap());
    }
    let total = WRITER_APPENDS + DIRECT_APPENDS;
    let mut seqs: Vec<i64> = returned.iter().map(|e| e.seq).collect();
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=i64::try_from(total).unwrap()).collect::<Vec<_>>()
    );
    assert!(
        writer.commits() < u64::try_from(WRITER_APPENDS).unwrap(),
        "{} commits for {WRITER_APPENDS} concurrent appends: nothing was grouped",
        writer.commits()
    );

    let verification = db.store.verify_audit_chain().await.unwrap();
    assert_eq!(verification.first_broken, None);
    assert_eq!(verification.rows_checked, u64::try_from(total).unwrap());
    // What each requester was told is what is stored at its place in the chain.
    let stored = db
        .store
        .audit_entries(&AuditQuery {
            limit: 1000,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    returned.sort_by_key(|e| e.seq);
    let mut stored_by_seq = stored;
    stored_by_seq.sort_by_key(|e| e.seq);
    assert_eq!(returned, stored_by_seq);
}

async fn bad_entry_alone(db: &TestDb) {
    let writer = Arc::new(AuditWriter::new(db.store.clone()));
    let mut tasks = Vec::new();
    for index in 0..50 {
        let writer = Arc::clone(&writer);
        let mut entry = entry(index);
        if index == 25 {
            entry.principal = "  ".to_owned();
        }
        tasks.push(tokio::spawn(async move { writer.append(entry).await }));
    }
    let mut ok = 0;
    for (index, task) in tasks.into_iter().enumerate() {
        match task.await.unwrap() {
            Ok(_) => ok += 1,
            Err(StoreError::InvalidInput { what, .. }) => {
                assert_eq!(index, 25);
                assert_eq!(what, "audit principal");
            }
            Err(other) => panic!("entry {index}: {other}"),
        }
    }
    assert_eq!(ok, 49);
    let verification = db.store.verify_audit_chain().await.unwrap();
    assert!(verification.is_intact());
    assert_eq!(verification.rows_checked, 49);
}

async fn batch_all_or_nothing(db: &TestDb) {
    db.store.append_audit(entry(0)).await.unwrap();
    let mut bad = entry(2);
    bad.kind = String::new();
    let error = db
        .store
        .append_audit_batch(vec![entry(1), bad])
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::InvalidInput {
                what: "audit kind",
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(db.store.verify_audit_chain().await.unwrap().rows_checked, 1);

    let stored = db
        .store
        .append_audit_batch(vec![entry(3), entry(4), entry(5)])
        .await
        .unwrap();
    let seqs: Vec<i64> = stored.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, vec![2, 3, 4]);
    assert_eq!(stored[1].prev_hash, stored[0].hash);
    assert_eq!(stored[2].prev_hash, stored[1].hash);
    assert!(
        db.store
            .append_audit_batch(Vec::new())
            .await
            .unwrap()
            .is_empty()
    );
    let verification = db.store.verify_audit_chain().await.unwrap();
    assert!(verification.is_intact());
    assert_eq!(verification.rows_checked, 4);
}
