//! The development login: works in development as the named graph user with their graph
//! role, and is impossible in production.

use revpulse_gateway_auth::{
    AuthMethod, Authenticator, DeploymentMode, DevLogin, Role, RoleMapping, scope_for,
};

use crate::company::{self, find};

fn authenticator(dev_login: Option<DevLogin>) -> Authenticator {
    Authenticator {
        oidc: None,
        api_tokens: None,
        dev_login,
        mapping: RoleMapping::default(),
    }
}

#[tokio::test]
async fn in_development_dev_credentials_sign_in_as_graph_users() {
    let users = company::users();
    let auth = authenticator(Some(DevLogin::new(DeploymentMode::Development).unwrap()));
    for user in &users {
        let by_id = auth
            .authenticate(Some(&format!("Bearer dev:{}", user.id)), &users)
            .await
            .unwrap();
        assert_eq!(by_id.subject, user.id);
        assert_eq!(by_id.graph_user_id.as_deref(), Some(user.id.as_str()));
        assert_eq!(by_id.role.as_str(), user.role.as_str());
        assert_eq!(by_id.method, AuthMethod::DevLogin);
        assert_eq!(by_id.is_admin, user.id == "U-CRO");

        let by_email = auth
            .authenticate(
                Some(&format!("Bearer dev:{}", user.email.to_uppercase())),
                &users,
            )
            .await
            .unwrap();
        assert_eq!(by_email, by_id);
    }
}

#[tokio::test]
async fn a_dev_login_scope_follows_the_graph_user() {
    let users = company::users();
    let auth = authenticator(Some(DevLogin::new(DeploymentMode::Development).unwrap()));
    let rep = auth
        .authenticate(Some("Bearer dev:U-R3"), &users)
        .await
        .unwrap();
    assert_eq!(rep.role, Role::Rep);
    let scope = scope_for(&rep, &users).unwrap();
    let expected = revpulse_tools::Scope::for_user(find(&users, "U-R3"), &users);
    assert_eq!(scope, expected);
}

#[tokio::test]
async fn an_unknown_dev_user_is_refused() {
    let users = company::users();
    let auth = authenticator(Some(DevLogin::new(DeploymentMode::Development).unwrap()));
    let err = auth
        .authenticate(Some("Bearer dev:U-NOBODY"), &users)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_token");
    assert!(err.to_string().contains("U-NOBODY"));
}

#[tokio::test]
async fn production_cannot_enable_it_and_refuses_dev_credentials_clearly() {
    let err = DevLogin::new(DeploymentMode::Production).unwrap_err();
    assert_eq!(err.code(), "dev_login_disabled");
    assert!(err.to_string().contains("production"), "{err}");

    let users = company::users();
    let err = authenticator(None)
        .authenticate(Some("Bearer dev:U-CRO"), &users)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "dev_login_disabled");
    assert!(
        err.to_string().contains("development login is disabled"),
        "{err}"
    );
}

#[test]
fn the_deployment_mode_defaults_to_production() {
    assert_eq!(DeploymentMode::default(), DeploymentMode::Production);
    assert_eq!(
        "development".parse::<DeploymentMode>().unwrap(),
        DeploymentMode::Development
    );
    assert_eq!(
        "production".parse::<DeploymentMode>().unwrap(),
        DeploymentMode::Production
    );
    let err = "dev".parse::<DeploymentMode>().unwrap_err();
    assert_eq!(err.code(), "config");
}
