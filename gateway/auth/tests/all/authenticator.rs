//! The `Authorization` header: which credentials reach which path, and what a missing or
//! malformed header gets.

use revpulse_gateway_auth::{
    AuthMethod, Authenticator, DeploymentMode, DevLogin, OidcVerifier, RoleMapping, scope_for,
};
use serde_json::json;

use crate::company;
use crate::issuer::{LoopbackIssuer, with};
use crate::keys::EC_A;

fn bare() -> Authenticator {
    Authenticator {
        oidc: None,
        api_tokens: None,
        dev_login: None,
        mapping: RoleMapping::default(),
    }
}

#[tokio::test]
async fn missing_or_malformed_headers_are_unauthenticated() {
    let auth = bare();
    for header in [
        None,
        Some(""),
        Some("Bearer"),
        Some("Bearer "),
        Some("Basic dXNlcjpwYXNz"),
        Some("Token abc"),
        Some("Bearer two parts"),
    ] {
        let err = auth.authenticate(header, &[]).await.unwrap_err();
        assert_eq!(err.code(), "unauthenticated", "{header:?}: {err}");
    }
}

#[tokio::test]
async fn a_jwt_without_oidc_configured_is_unauthenticated() {
    let err = bare()
        .authenticate(Some("Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig"), &[])
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unauthenticated");
}

#[tokio::test]
async fn each_credential_shape_takes_its_own_path() {
    let idp = LoopbackIssuer::start(&[&EC_A]).await;
    let users = company::users();
    let auth = Authenticator {
        oidc: Some(OidcVerifier::discover(idp.settings()).await.unwrap()),
        api_tokens: None,
        dev_login: Some(DevLogin::new(DeploymentMode::Development).unwrap()),
        mapping: RoleMapping {
            default_role: Some(revpulse_gateway_auth::Role::Rep),
            ..RoleMapping::default()
        },
    };
    let claims = with(idp.claims("idp|r4"), "revpulse_user_id", json!("U-R4"));
    // The scheme is case-insensitive.
    let jwt = auth
        .authenticate(Some(&format!("bearer {}", EC_A.sign(&claims))), &users)
        .await
        .unwrap();
    assert_eq!(
        jwt.method,
        AuthMethod::Oidc {
            issuer: idp.issuer.clone()
        }
    );
    let dev = auth
        .authenticate(Some("Bearer dev:U-R4"), &users)
        .await
        .unwrap();
    assert_eq!(dev.method, AuthMethod::DevLogin);
    // Both land on the same person, so on the same scope.
    assert_eq!(
        scope_for(&jwt, &users).unwrap(),
        scope_for(&dev, &users).unwrap()
    );
    // API tokens are not configured here.
    let err = auth
        .authenticate(Some("Bearer rp_abcd"), &users)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unauthenticated");
}

#[tokio::test]
async fn a_principal_serialises_for_the_audit_log_without_secrets() {
    let users = company::users();
    let auth = Authenticator {
        dev_login: Some(DevLogin::new(DeploymentMode::Development).unwrap()),
        ..bare()
    };
    let p = auth
        .authenticate(Some("Bearer dev:U-CRO"), &users)
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        json!({
            "subject": "U-CRO",
            "display_name": "Person U-CRO",
            "email": "u-cro@example.com",
            "groups": [],
            "role": "cro",
            "graph_user_id": "U-CRO",
            "is_admin": true,
            "method": {"kind": "dev_login"},
        })
    );
}
