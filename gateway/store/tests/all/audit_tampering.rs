//! Tampering with stored audit rows directly in SQL is detected at exactly the first broken
//! link.

use revpulse_gateway_store::{BrokenReason, ChainVerification};

use crate::audit_chain::entry;
use crate::support::TestDb;

on_both_backends! {
    a_changed_field_is_detected => changed_field;
    a_deleted_row_is_detected => deleted_row;
    swapped_hashes_are_detected => swapped_hashes;
    a_rehashed_row_breaks_the_next_link => rehashed_row;
}

const ROWS: usize = 12;

async fn chain_of(db: &TestDb) {
    for index in 0..ROWS {
        db.store.append_audit(entry(index)).await.unwrap();
    }
    assert!(db.store.verify_audit_chain().await.unwrap().is_intact());
}

async fn verify(db: &TestDb) -> ChainVerification {
    db.store.verify_audit_chain().await.unwrap()
}

async fn changed_field(db: &TestDb) {
    chain_of(db).await;
    let raw = db.raw().await;
    let changed = raw
        .execute(
            "UPDATE audit_log SET args_json = $1 WHERE seq = $2",
            &[r#"{"region":"APAC"}"#],
            &[7],
        )
        .await;
    assert_eq!(changed, 1);
    let verification = verify(db).await;
    let broken = verification.first_broken.unwrap();
    assert_eq!(broken.seq, 7);
    assert!(
        matches!(broken.reason, BrokenReason::HashMismatch { .. }),
        "{broken}"
    );
    assert_eq!(verification.rows_checked, 6);

    // A change to a non-JSON field is caught the same way, and earlier breaks win.
    raw.execute(
        "UPDATE audit_log SET decision = $1 WHERE seq = $2",
        &["allowed"],
        &[5],
    )
    .await;
    assert_eq!(verify(db).await.first_broken.unwrap().seq, 5);
}

async fn deleted_row(db: &TestDb) {
    chain_of(db).await;
    let raw = db.raw().await;
    assert_eq!(
        raw.execute("DELETE FROM audit_log WHERE seq = $1", &[], &[4])
            .await,
        1
    );
    let broken = verify(db).await.first_broken.unwrap();
    assert_eq!(broken.seq, 4);
    assert_eq!(broken.reason, BrokenReason::Missing { next_present: 5 });

    assert_eq!(
        raw.execute("DELETE FROM audit_log WHERE seq = $1", &[], &[1])
            .await,
        1
    );
    let broken = verify(db).await.first_broken.unwrap();
    assert_eq!(
        (broken.seq, broken.reason),
        (1, BrokenReason::Missing { next_present: 2 })
    );
}

async fn swapped_hashes(db: &TestDb) {
    chain_of(db).await;
    let raw = db.raw().await;
    let hash_of = "SELECT hash FROM audit_log WHERE seq = $1";
    let (third, fourth) = (raw.text_at(hash_of, 3).await, raw.text_at(hash_of, 4).await);
    // Three steps: the hash column is unique, so it can't hold both values at once.
    let set_hash = "UPDATE audit_log SET hash = $1 WHERE seq = $2";
    raw.execute(set_hash, &["placeholder"], &[3]).await;
    raw.execute(set_hash, &[third.as_str()], &[4]).await;
    raw.execute(set_hash, &[fourth.as_str()], &[3]).await;

    let verification = verify(db).await;
    let broken = verification.first_broken.unwrap();
    assert_eq!(broken.seq, 3);
    assert_eq!(
        broken.reason,
        BrokenReason::HashMismatch {
            recomputed: third,
            stored: fourth
        }
    );
    assert_eq!(verification.rows_checked, 2);
}

async fn rehashed_row(db: &TestDb) {
    chain_of(db).await;
    // A forger who edits row 9 and recomputes its hash still breaks row 10's link.
    let mut forged = db
        .store
        .audit_entries(&Default::default())
        .await
        .unwrap()
        .remove(8);
    assert_eq!(forged.seq, 9);
    forged.latency_ms += 1;
    let forged_hash = forged.recompute_hash();
    let raw = db.raw().await;
    raw.execute(
        "UPDATE audit_log SET hash = $1, latency_ms = $2 WHERE seq = $3",
        &[forged_hash.as_str()],
        &[forged.latency_ms, 9],
    )
    .await;

    let broken = verify(db).await.first_broken.unwrap();
    assert_eq!(broken.seq, 10);
    assert!(
        matches!(&broken.reason, BrokenReason::PrevHashMismatch { found, .. } if *found != forged_hash),
        "{broken}"
    );
}
