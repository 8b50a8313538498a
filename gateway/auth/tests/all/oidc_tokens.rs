//! Bearer JWT verification against the loopback issuer: what is accepted, and every way a
//! token is refused (issuer, audience, lifetime and skew, algorithm, signature, key kind).

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use revpulse_gateway_auth::{AuthError, OidcSettings, OidcVerifier};
use serde_json::{Value, json};

use crate::issuer::{AUDIENCE, LoopbackIssuer, now, with, without};
use crate::keys::{EC_A, RSA_A};

async fn verifier() -> (LoopbackIssuer, OidcVerifier) {
    let idp = LoopbackIssuer::start(&[&RSA_A, &EC_A]).await;
    let verifier = OidcVerifier::discover(idp.settings()).await.unwrap();
    (idp, verifier)
}

fn code(result: Result<impl std::fmt::Debug, AuthError>) -> &'static str {
    result.unwrap_err().code()
}

#[tokio::test]
async fn valid_rs256_and_es256_tokens_are_accepted() {
    let (idp, verifier) = verifier().await;
    let claims = with(
        with(idp.claims("alice"), "email", json!("alice@example.com")),
        "groups",
        json!(["sales", "emea"]),
    );
    let claims = with(claims, "name", json!("Alice Liddell"));
    for key in [&*RSA_A, &*EC_A] {
        let verified = verifier.verify(&key.sign(&claims)).await.unwrap();
        assert_eq!(verified.sub(), "alice");
        assert_eq!(verified.email(), Some("alice@example.com"));
        assert_eq!(verified.name(), Some("Alice Liddell"));
        assert_eq!(verified.groups(), ["sales", "emea"]);
        assert_eq!(verified.raw()["iss"], json!(idp.issuer));
    }
    assert_eq!(idp.jwks_hits(), 1, "known keys come from the cache");
}

#[tokio::test]
async fn audience_may_be_a_string_or_an_array() {
    let (idp, verifier) = verifier().await;
    let listed = with(idp.claims("a"), "aud", json!(["other-app", AUDIENCE]));
    verifier.verify(&RSA_A.sign(&listed)).await.unwrap();

    let others = with(idp.claims("a"), "aud", json!(["other-app", "third-app"]));
    assert_eq!(
        code(verifier.verify(&RSA_A.sign(&others)).await),
        "wrong_audience"
    );
}

#[tokio::test]
async fn wrong_issuer_and_audience_are_refused_with_both_values_named() {
    let (idp, verifier) = verifier().await;
    let foreign = with(
        idp.claims("a"),
        "iss",
        json!("https://elsewhere.example.com"),
    );
    let err = verifier.verify(&RSA_A.sign(&foreign)).await.unwrap_err();
    assert_eq!(err.code(), "wrong_issuer");
    assert!(err.to_string().contains("https://elsewhere.example.com"));
    assert!(err.to_string().contains(&idp.issuer));

    let other_app = with(idp.claims("a"), "aud", json!("billing"));
    let err = verifier.verify(&EC_A.sign(&other_app)).await.unwrap_err();
    assert_eq!(err.code(), "wrong_audience");
    assert_eq!(
        err.to_string(),
        format!("JWT `aud` is `billing`, expected `{AUDIENCE}`")
    );

    assert_eq!(
        code(
            verifier
                .verify(&RSA_A.sign(&without(idp.claims("a"), "aud")))
                .await
        ),
        "wrong_audience"
    );
    assert_eq!(
        code(
            verifier
                .verify(&RSA_A.sign(&without(idp.claims("a"), "iss")))
                .await
        ),
        "wrong_issuer"
    );
}

#[tokio::test]
async fn lifetime_is_checked_with_the_configured_skew() {
    let (idp, verifier) = verifier().await; // skew 60 s
    let t = now();
    let sign = |exp: i64, nbf: Option<i64>| {
        let mut claims = with(idp.claims("a"), "exp", json!(exp));
        if let Some(nbf) = nbf {
            claims = with(claims, "nbf", json!(nbf));
        }
        RSA_A.sign(&claims)
    };
    assert_eq!(
        code(verifier.verify(&sign(t - 3600, None)).await),
        "token_expired"
    );
    // Expired 90 s ago: beyond the skew. Expired 20 s ago: within it.
    assert_eq!(
        code(verifier.verify(&sign(t - 90, None)).await),
        "token_expired"
    );
    verifier.verify(&sign(t - 20, None)).await.unwrap();
    // Not valid for 10 minutes: refused; valid in 20 s: within the skew.
    assert_eq!(
        code(verifier.verify(&sign(t + 300, Some(t + 600))).await),
        "token_not_yet_valid"
    );
    assert_eq!(
        code(verifier.verify(&sign(t + 300, Some(t + 90))).await),
        "token_not_yet_valid"
    );
    verifier.verify(&sign(t + 300, Some(t + 20))).await.unwrap();
    // `exp` is required and must be a number.
    let no_exp = RSA_A.sign(&without(idp.claims("a"), "exp"));
    assert_eq!(code(verifier.verify(&no_exp).await), "invalid_token");
    let text_exp = RSA_A.sign(&with(idp.claims("a"), "exp", json!("tomorrow")));
    assert_eq!(code(verifier.verify(&text_exp).await), "invalid_token");
}

#[tokio::test]
async fn an_oversized_skew_setting_is_capped_in_verification() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    let settings = OidcSettings {
        clock_skew: Duration::from_secs(3600),
        ..idp.settings()
    };
    let verifier = OidcVerifier::discover(settings).await.unwrap();
    let t = now();
    let expired_400s = RSA_A.sign(&with(idp.claims("a"), "exp", json!(t - 400)));
    assert_eq!(code(verifier.verify(&expired_400s).await), "token_expired");
    let expired_200s = RSA_A.sign(&with(idp.claims("a"), "exp", json!(t - 200)));
    verifier.verify(&expired_200s).await.unwrap();
}

#[tokio::test]
async fn sub_is_required() {
    let (idp, verifier) = verifier().await;
    let token = RSA_A.sign(&without(idp.claims("a"), "sub"));
    let err = verifier.verify(&token).await.unwrap_err();
    assert_eq!(err.code(), "invalid_token");
    assert!(err.to_string().contains("sub"));
    let empty = RSA_A.sign(&idp.claims(""));
    assert_eq!(code(verifier.verify(&empty).await), "invalid_token");
}

fn b64(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap())
}

#[tokio::test]
async fn alg_none_is_refused() {
    let (idp, verifier) = verifier().await;
    let header = json!({"alg": "none", "typ": "JWT", "kid": RSA_A.kid});
    let claims = idp.claims("mallory");
    for token in [
        format!("{}.{}.", b64(&header), b64(&claims)),
        format!("{}.{}", b64(&header), b64(&claims)),
    ] {
        assert_eq!(code(verifier.verify(&token).await), "invalid_token");
    }
}

#[tokio::test]
async fn hs256_forged_with_the_public_key_is_refused() {
    let (idp, verifier) = verifier().await;
    for key in [&*RSA_A, &*EC_A] {
        let header = Header {
            kid: Some(key.kid.clone()),
            ..Header::new(Algorithm::HS256)
        };
        let forged = jsonwebtoken::encode(
            &header,
            &idp.claims("mallory"),
            &EncodingKey::from_secret(&key.public_pem),
        )
        .unwrap();
        let err = verifier.verify(&forged).await.unwrap_err();
        assert_eq!(err.code(), "invalid_token");
        assert!(err.to_string().contains("HS256"), "{err}");
    }
}

#[tokio::test]
async fn a_tampered_signature_or_payload_is_refused() {
    let (idp, verifier) = verifier().await;
    for key in [&*RSA_A, &*EC_A] {
        let token = key.sign(&idp.claims("bob"));
        let parts: Vec<&str> = token.split('.').collect();

        let mut signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        signature[10] ^= 0x01;
        let bad_signature = format!(
            "{}.{}.{}",
            parts[0],
            parts[1],
            URL_SAFE_NO_PAD.encode(&signature)
        );
        let err = verifier.verify(&bad_signature).await.unwrap_err();
        assert_eq!(err.code(), "invalid_token");
        assert_eq!(
            err.to_string(),
            "invalid token: JWT signature does not verify"
        );

        let promoted = b64(&with(idp.claims("bob"), "groups", json!(["admins"])));
        let bad_payload = format!("{}.{}.{}", parts[0], promoted, parts[2]);
        assert_eq!(code(verifier.verify(&bad_payload).await), "invalid_token");
    }
}

#[tokio::test]
async fn the_algorithm_must_suit_the_key() {
    let (idp, verifier) = verifier().await;
    // Signed ES256 but naming the RSA key, and the other way round.
    let ec_as_rsa = EC_A.sign_as(&RSA_A.kid, &idp.claims("a"));
    assert_eq!(code(verifier.verify(&ec_as_rsa).await), "invalid_token");
    let rsa_as_ec = RSA_A.sign_as(&EC_A.kid, &idp.claims("a"));
    assert_eq!(code(verifier.verify(&rsa_as_ec).await), "invalid_token");
    // Only one algorithm configured: the other is refused even with a valid signature.
    let rs_only = OidcSettings {
        algorithms: vec!["RS256".to_owned()],
        ..idp.settings()
    };
    let rs_only = OidcVerifier::discover(rs_only).await.unwrap();
    rs_only.verify(&RSA_A.sign(&idp.claims("a"))).await.unwrap();
    assert_eq!(
        code(rs_only.verify(&EC_A.sign(&idp.claims("a"))).await),
        "invalid_token"
    );
}

#[tokio::test]
async fn garbage_is_an_invalid_token_and_never_echoed() {
    let (_idp, verifier) = verifier().await;
    for garbage in [
        "",
        "abc",
        "a.b.c",
        "eyJhbGciOiJSUzI1NiJ9.e30",
        &"x".repeat(20_000),
    ] {
        let err = verifier.verify(garbage).await.unwrap_err();
        assert_eq!(err.code(), "invalid_token", "{garbage:.20}");
        if garbage.len() > 3 {
            assert!(!err.to_string().contains(garbage));
        }
    }
}

#[tokio::test]
async fn groups_come_from_the_configured_claim_and_unverified_email_is_dropped() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    let settings = OidcSettings {
        groups_claim: "roles".to_owned(),
        ..idp.settings()
    };
    let verifier = OidcVerifier::discover(settings).await.unwrap();
    let claims = with(idp.claims("a"), "roles", json!(["finance"]));
    let claims = with(claims, "groups", json!(["ignored"]));
    let claims = with(claims, "email", json!("a@example.com"));
    let claims = with(claims, "email_verified", json!(false));
    let verified = verifier.verify(&RSA_A.sign(&claims)).await.unwrap();
    assert_eq!(verified.groups(), ["finance"]);
    assert_eq!(verified.email(), None);

    let single = with(idp.claims("a"), "roles", json!("finance"));
    assert_eq!(
        verifier
            .verify(&RSA_A.sign(&single))
            .await
            .unwrap()
            .groups(),
        ["finance"]
    );
    let mixed = with(idp.claims("a"), "roles", json!(["finance", 7]));
    assert_eq!(
        code(verifier.verify(&RSA_A.sign(&mixed)).await),
        "invalid_token"
    );
}
