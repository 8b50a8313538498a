//! Key rotation: an unknown `kid` makes the verifier refetch the JWKS, at most once per
//! configured interval however many unknown kids arrive (counted at the issuer).

use std::time::Duration;

use revpulse_gateway_auth::{OidcSettings, OidcVerifier};
use serde_json::json;

use crate::issuer::LoopbackIssuer;
use crate::keys::{EC_A, RSA_A, RSA_B};

#[tokio::test]
async fn a_new_key_is_picked_up_after_one_refetch() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    let verifier = OidcVerifier::discover(idp.settings()).await.unwrap();
    assert_eq!(idp.jwks_hits(), 1);
    verifier
        .verify(&RSA_A.sign(&idp.claims("a")))
        .await
        .unwrap();
    assert_eq!(idp.jwks_hits(), 1);

    idp.publish(&[&RSA_A, &RSA_B]);
    verifier
        .verify(&RSA_B.sign(&idp.claims("b")))
        .await
        .unwrap();
    assert_eq!(idp.jwks_hits(), 2, "one refetch for the new kid");
    verifier
        .verify(&RSA_B.sign(&idp.claims("b")))
        .await
        .unwrap();
    verifier
        .verify(&RSA_A.sign(&idp.claims("a")))
        .await
        .unwrap();
    assert_eq!(idp.jwks_hits(), 2, "then both come from the cache");

    for i in 0..5 {
        let err = verifier
            .verify(&RSA_A.sign_as(&format!("nope-{i}"), &idp.claims("m")))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "unknown_key");
        assert!(err.to_string().contains(&format!("nope-{i}")), "{err}");
    }
    assert_eq!(
        idp.jwks_hits(),
        2,
        "unknown kids within the interval do not refetch"
    );
}

#[tokio::test]
async fn unknown_kids_refetch_at_most_once_per_interval() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    let verifier = OidcVerifier::discover(idp.settings()).await.unwrap();

    let err = verifier
        .verify(&RSA_A.sign_as("garbage-kid", &idp.claims("m")))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unknown_key");
    assert_eq!(idp.jwks_hits(), 2, "the first unknown kid refetches");

    // The issuer rotates now, but the last refetch was moments ago: the new key is refused
    // until the interval has passed rather than letting unknown kids hammer the issuer.
    idp.publish(&[&RSA_A, &RSA_B]);
    let err = verifier
        .verify(&RSA_B.sign(&idp.claims("b")))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unknown_key");
    assert!(err.to_string().contains("less than 60 s ago"), "{err}");
    assert_eq!(idp.jwks_hits(), 2);
}

#[tokio::test]
async fn concurrent_unknown_kids_cause_a_single_refetch() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    let verifier = OidcVerifier::discover(idp.settings()).await.unwrap();
    let tokens: Vec<String> = (0..32)
        .map(|i| RSA_A.sign_as(&format!("storm-{i}"), &idp.claims("m")))
        .collect();
    let results = verify_all(&verifier, &tokens).await;
    assert!(
        results.iter().all(|code| *code == "unknown_key"),
        "{results:?}"
    );
    assert_eq!(idp.jwks_hits(), 2);
}

async fn verify_all(verifier: &OidcVerifier, tokens: &[String]) -> Vec<&'static str> {
    let mut tasks = tokio::task::JoinSet::new();
    for token in tokens {
        let verifier = verifier.clone();
        let token = token.clone();
        tasks.spawn(async move { verifier.verify(&token).await.unwrap_err().code() });
    }
    tasks.join_all().await
}

#[tokio::test]
async fn with_a_zero_interval_every_unknown_kid_refetches() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    let settings = OidcSettings {
        jwks_min_refresh: Duration::ZERO,
        ..idp.settings()
    };
    let verifier = OidcVerifier::discover(settings).await.unwrap();
    for _ in 0..3 {
        let token = RSA_A.sign_as("missing", &idp.claims("m"));
        assert_eq!(
            verifier.verify(&token).await.unwrap_err().code(),
            "unknown_key"
        );
    }
    assert_eq!(idp.jwks_hits(), 4);
}

#[tokio::test]
async fn unusable_jwks_entries_are_skipped_not_fatal() {
    let idp = LoopbackIssuer::start(&[]).await;
    // A symmetric key published under the RSA key's kid, an encryption key, junk, then the
    // real signing keys.
    idp.publish_raw(json!({"keys": [
        {"kty": "oct", "kid": "shared", "k": "c2VjcmV0"},
        {"kty": "RSA", "kid": "enc", "use": "enc", "n": "AQAB", "e": "AQAB"},
        {"kty": "weird"},
        RSA_A.jwk.clone(),
        EC_A.jwk.clone(),
    ]}));
    let verifier = OidcVerifier::discover(idp.settings()).await.unwrap();
    verifier
        .verify(&RSA_A.sign(&idp.claims("a")))
        .await
        .unwrap();
    verifier.verify(&EC_A.sign(&idp.claims("a"))).await.unwrap();
    let hs = jsonwebtoken::encode(
        &jsonwebtoken::Header {
            kid: Some("shared".to_owned()),
            ..jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256)
        },
        &idp.claims("m"),
        &jsonwebtoken::EncodingKey::from_secret(b"secret"),
    )
    .unwrap();
    assert_eq!(
        verifier.verify(&hs).await.unwrap_err().code(),
        "invalid_token"
    );
}
