//! Acknowledging an alert twice keeps the first acknowledgement.

use crate::support::TestDb;

on_both_backends! {
    acknowledgements_are_idempotent => acknowledgements_are_idempotent;
}

async fn acknowledgements_are_idempotent(db: &TestDb) {
    let store = &db.store;
    let first = store
        .acknowledge_alert("alert-slip-17", "sub-1", Some("on it"))
        .await
        .unwrap();
    let again = store
        .acknowledge_alert("alert-slip-17", "sub-1", Some("different note"))
        .await
        .unwrap();
    assert_eq!(again, first, "the first acknowledgement stands");
    assert_eq!(first.note.as_deref(), Some("on it"));

    store
        .acknowledge_alert("alert-slip-17", "sub-2", None)
        .await
        .unwrap();
    let second = store
        .acknowledge_alert("alert-anomaly-3", "sub-1", None)
        .await
        .unwrap();

    let mine = store.alert_acknowledgements("sub-1").await.unwrap();
    assert_eq!(mine, vec![first, second]);
    let theirs = store.alert_acknowledgements("sub-2").await.unwrap();
    assert_eq!((theirs.len(), theirs[0].note.clone()), (1, None));
    assert!(
        store
            .alert_acknowledgements("sub-3")
            .await
            .unwrap()
            .is_empty()
    );
}
