//! API tokens: the secret is shown once and never stored; unknown, revoked and expired tokens
//! are refused with distinct errors.

use base64::Engine;
use chrono::{Duration, SubsecRound, Utc};
use revpulse_gateway_store::{ApiTokenId, NewApiToken, StoreError};
use sha2::{Digest, Sha256};

use crate::support::TestDb;

on_both_backends! {
    issued_tokens_resolve => issued_tokens_resolve;
    secrets_are_never_stored => secrets_are_never_stored;
    bad_tokens_are_refused => bad_tokens_are_refused;
    revocation_and_listing => revocation_and_listing;
}

fn new_token(name: &str, expires_in: Option<Duration>) -> NewApiToken {
    NewApiToken {
        name: name.to_string(),
        subject: format!("svc:{name}"),
        role: "cro".to_string(),
        graph_user_id: None,
        expires_at: expires_in.map(|span| Utc::now() + span),
    }
}

async fn issued_tokens_resolve(db: &TestDb) {
    let issued = db
        .store
        .issue_api_token(new_token("slack-bot", Some(Duration::days(30))))
        .await
        .unwrap();
    let secret = &issued.secret;
    assert!(secret.starts_with("rp_"));
    let random = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&secret[3..])
        .unwrap();
    assert_eq!(random.len(), 32, "32 random bytes");
    assert_eq!(issued.token.display_prefix, secret[..11]);
    assert!(
        !format!("{issued:?}").contains(secret.as_str()),
        "Debug hides the secret"
    );
    assert_eq!(issued.token.last_used_at, None);

    let now = Utc::now();
    let resolved = db.store.resolve_api_token(secret, now).await.unwrap();
    assert_eq!(resolved.id, issued.token.id);
    assert_eq!(resolved.subject, "svc:slack-bot");
    assert_eq!(resolved.last_used_at, Some(now.trunc_subsecs(6)));
    let listed = db.store.list_api_tokens().await.unwrap();
    assert_eq!(
        listed[0].last_used_at,
        Some(now.trunc_subsecs(6)),
        "use is recorded"
    );

    let other = db
        .store
        .issue_api_token(new_token("teams-bot", None))
        .await
        .unwrap();
    assert_ne!(other.secret, issued.secret);
    assert_eq!(
        db.store
            .resolve_api_token(&other.secret, now)
            .await
            .unwrap()
            .id,
        other.token.id
    );
}

async fn secrets_are_never_stored(db: &TestDb) {
    let issued = db
        .store
        .issue_api_token(new_token("ci", None))
        .await
        .unwrap();
    let raw = db.raw().await;
    let stored = raw
        .strings(
            "SELECT name || '|' || subject || '|' || role || '|' || COALESCE(graph_user_id, '') || '|' \
             || secret_sha256 || '|' || display_prefix FROM api_tokens",
        )
        .await;
    assert_eq!(stored.len(), 1);
    let tail = &issued.secret[11..];
    assert!(
        !stored[0].contains(tail),
        "no part of the secret past its display prefix is stored"
    );
    let expected_hash = hex::encode(Sha256::digest(issued.secret.as_bytes()));
    assert_eq!(
        raw.strings("SELECT secret_sha256 FROM api_tokens").await,
        vec![expected_hash]
    );

    if let Some(dir) = &db.dir {
        for file in ["app.db", "app.db-wal"] {
            let bytes = std::fs::read(dir.path().join(file)).unwrap_or_default();
            let found = bytes
                .windows(tail.len())
                .any(|window| window == tail.as_bytes());
            assert!(!found, "{file} holds the secret");
        }
    }
}

async fn bad_tokens_are_refused(db: &TestDb) {
    let store = &db.store;
    let now = Utc::now();

    let never_issued = format!(
        "rp_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([7u8; 32])
    );
    let unknown = store
        .resolve_api_token(&never_issued, now)
        .await
        .unwrap_err();
    assert!(
        matches!(&unknown, StoreError::UnknownApiToken { prefix } if *prefix == never_issued[..11]),
        "{unknown}"
    );
    assert!(!unknown.to_string().contains(&never_issued[11..]));

    for malformed in [
        "",
        "rp_short",
        "Bearer rp_x",
        &never_issued.replace("rp_", "xx_"),
    ] {
        let error = store.resolve_api_token(malformed, now).await.unwrap_err();
        assert!(
            matches!(error, StoreError::MalformedApiToken),
            "{malformed}: {error}"
        );
    }

    let revoked = store
        .issue_api_token(new_token("old-bot", None))
        .await
        .unwrap();
    store.revoke_api_token(revoked.token.id).await.unwrap();
    let error = store
        .resolve_api_token(&revoked.secret, now)
        .await
        .unwrap_err();
    assert!(
        matches!(error, StoreError::RevokedApiToken { .. }),
        "{error}"
    );
    assert!(error.to_string().contains(&revoked.token.display_prefix));
    assert!(!error.to_string().contains(&revoked.secret));

    let expiring = store
        .issue_api_token(new_token("temp-bot", Some(Duration::hours(1))))
        .await
        .unwrap();
    let expires_at = expiring.token.expires_at.unwrap();
    assert!(
        store
            .resolve_api_token(&expiring.secret, expires_at - Duration::seconds(1))
            .await
            .is_ok()
    );
    let error = store
        .resolve_api_token(&expiring.secret, expires_at)
        .await
        .unwrap_err();
    assert!(
        matches!(error, StoreError::ExpiredApiToken { expired_at, .. } if expired_at == expires_at),
        "{error}"
    );

    let already = store
        .issue_api_token(new_token("stale-bot", Some(Duration::seconds(-5))))
        .await
        .unwrap();
    let error = store
        .resolve_api_token(&already.secret, Utc::now())
        .await
        .unwrap_err();
    assert!(
        matches!(error, StoreError::ExpiredApiToken { .. }),
        "{error}"
    );
}

async fn revocation_and_listing(db: &TestDb) {
    let store = &db.store;
    let first = store.issue_api_token(new_token("a", None)).await.unwrap();
    let second = store
        .issue_api_token(new_token("b", Some(Duration::days(1))))
        .await
        .unwrap();

    let revoked = store.revoke_api_token(first.token.id).await.unwrap();
    let revoked_at = revoked.revoked_at.unwrap();
    let again = store.revoke_api_token(first.token.id).await.unwrap();
    assert_eq!(
        again.revoked_at,
        Some(revoked_at),
        "a second revocation keeps the first time"
    );

    let listed = store.list_api_tokens().await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|token| token.name.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(listed[0].revoked_at, Some(revoked_at));
    assert_eq!(listed[1], second.token);

    let missing = store.revoke_api_token(ApiTokenId(9999)).await.unwrap_err();
    assert_eq!(missing.to_string(), "api token `9999` not found");
}
