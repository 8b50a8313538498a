//! Users are recorded at sign-in; groups map to roles.

use chrono::Utc;
use revpulse_gateway_store::RoleMapping;

use crate::support::TestDb;

on_both_backends! {
    user_sign_ins_round_trip => user_sign_ins;
    role_mappings_round_trip => role_mappings;
}

async fn user_sign_ins(db: &TestDb) {
    let store = &db.store;
    assert_eq!(store.user("sub-1").await.unwrap(), None);

    let before = Utc::now();
    let first = store
        .upsert_user("sub-1", "ana@example.com", "Ana", None)
        .await
        .unwrap();
    assert_eq!(
        (
            first.email.as_str(),
            first.name.as_str(),
            first.graph_user_id.as_deref()
        ),
        ("ana@example.com", "Ana", None)
    );
    assert_eq!(first.first_seen_at, first.last_seen_at);
    assert!(first.first_seen_at >= before - chrono::Duration::milliseconds(1));

    let second = store
        .upsert_user("sub-1", "ana@corp.example", "Ana B.", Some("user-7"))
        .await
        .unwrap();
    assert_eq!(
        second.first_seen_at, first.first_seen_at,
        "first sight is kept"
    );
    assert!(second.last_seen_at >= first.last_seen_at);
    assert_eq!(second.email, "ana@corp.example");
    assert_eq!(second.graph_user_id.as_deref(), Some("user-7"));
    assert_eq!(store.user("sub-1").await.unwrap(), Some(second));

    store
        .upsert_user("sub-2", "bo@example.com", "Bo", None)
        .await
        .unwrap();
    assert_eq!(store.user("sub-2").await.unwrap().unwrap().name, "Bo");
    assert!(
        store
            .upsert_user(" ", "x@example.com", "X", None)
            .await
            .is_err()
    );
}

async fn role_mappings(db: &TestDb) {
    let store = &db.store;
    assert!(store.role_mappings().await.unwrap().is_empty());
    store
        .set_role_mapping("sales-emea", "regional_vp:EMEA")
        .await
        .unwrap();
    store.set_role_mapping("exec", "cro").await.unwrap();
    store
        .set_role_mapping("sales-emea", "manager:emea-west")
        .await
        .unwrap();

    let mapping = |group: &str, role: &str| RoleMapping {
        group: group.to_string(),
        role: role.to_string(),
    };
    assert_eq!(
        store.role_mappings().await.unwrap(),
        vec![
            mapping("exec", "cro"),
            mapping("sales-emea", "manager:emea-west")
        ]
    );
    assert!(store.remove_role_mapping("exec").await.unwrap());
    assert!(!store.remove_role_mapping("exec").await.unwrap());
    assert_eq!(
        store.role_mappings().await.unwrap(),
        vec![mapping("sales-emea", "manager:emea-west")]
    );
}
