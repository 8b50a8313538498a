//! Configuration-time refusals: algorithms other than RS256 / ES256, plain HTTP off loopback,
//! a discovery document naming another issuer, and the clock-skew cap.

use std::time::Duration;

use revpulse_gateway_auth::oidc::MAX_CLOCK_SKEW;
use revpulse_gateway_auth::{OidcSettings, OidcVerifier};

use crate::issuer::{AUDIENCE, LoopbackIssuer};
use crate::keys::RSA_A;

#[tokio::test]
async fn only_rs256_and_es256_are_accepted_as_algorithms() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    for refused in [
        vec!["none"],
        vec!["HS256"],
        vec!["RS256", "HS512"],
        vec!["PS256"],
        vec!["EdDSA"],
        vec![],
    ] {
        let settings = OidcSettings {
            algorithms: refused.iter().map(|a| a.to_string()).collect(),
            ..idp.settings()
        };
        let err = OidcVerifier::discover(settings).await.unwrap_err();
        assert_eq!(err.code(), "config", "{refused:?}: {err}");
    }
    // Refused before anything was fetched.
    assert_eq!(idp.discovery_hits(), 0);

    for accepted in [vec!["RS256"], vec!["ES256"], vec!["ES256", "RS256"]] {
        let settings = OidcSettings {
            algorithms: accepted.iter().map(|a| a.to_string()).collect(),
            ..idp.settings()
        };
        OidcVerifier::discover(settings).await.unwrap();
    }
}

#[tokio::test]
async fn plain_http_is_refused_off_loopback() {
    let err = OidcVerifier::discover(OidcSettings::new("http://login.example.com", AUDIENCE))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "config");
    assert!(err.to_string().contains("https"), "{err}");

    let err = OidcVerifier::discover(OidcSettings::new("not a url", AUDIENCE))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "config");
}

#[tokio::test]
async fn a_discovery_document_naming_another_issuer_is_refused() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    idp.claim_issuer("https://evil.example.com");
    let err = OidcVerifier::discover(idp.settings()).await.unwrap_err();
    assert_eq!(err.code(), "wrong_issuer");
    let message = err.to_string();
    assert!(message.contains("https://evil.example.com"), "{message}");
    assert!(message.contains(&idp.issuer), "{message}");
    assert_eq!(
        idp.jwks_hits(),
        0,
        "keys are not fetched from an untrusted document"
    );
}

#[tokio::test]
async fn an_unreachable_issuer_is_unavailable() {
    // Bind and drop a listener to find a port nothing listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = OidcVerifier::discover(OidcSettings::new(
        format!("http://127.0.0.1:{port}"),
        AUDIENCE,
    ))
    .await
    .unwrap_err();
    assert_eq!(err.code(), "unavailable", "{err}");
}

#[tokio::test]
async fn clock_skew_defaults_to_a_minute_and_is_capped() {
    let idp = LoopbackIssuer::start(&[&RSA_A]).await;
    let default = OidcVerifier::discover(idp.settings()).await.unwrap();
    assert_eq!(default.clock_skew_secs(), 60);

    let generous = OidcSettings {
        clock_skew: Duration::from_secs(3600),
        ..idp.settings()
    };
    let capped = OidcVerifier::discover(generous).await.unwrap();
    assert_eq!(capped.clock_skew_secs(), MAX_CLOCK_SKEW.as_secs());
    assert_eq!(MAX_CLOCK_SKEW, Duration::from_secs(300));
}
