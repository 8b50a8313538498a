//! API tokens through the authenticator, with a resolver over an in-memory table (the
//! gateway's app database, which generates and hashes secrets, plays this part in production).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use revpulse_gateway_auth::{
    ApiTokenGrant, ApiTokenResolver, AuthError, AuthMethod, Authenticator, Role, RoleMapping,
};

use crate::company;

struct Row {
    grant: ApiTokenGrant,
    revoked: bool,
    expires_at: Option<DateTime<Utc>>,
}

/// A well-formed secret no one has used: `rp_` and 64 random hex digits.
fn new_secret() -> String {
    format!("rp_{}", hex::encode(rand::random::<[u8; 32]>()))
}

/// Tokens by secret.
#[derive(Default)]
struct TokenTable {
    rows: HashMap<String, Row>,
    lookups: AtomicUsize,
}

impl TokenTable {
    fn issue(&mut self, id: &str, role: Role, graph_user: Option<&str>) -> String {
        self.issue_with(id, role, graph_user, false, None)
    }

    fn issue_with(
        &mut self,
        id: &str,
        role: Role,
        graph_user: Option<&str>,
        revoked: bool,
        expires_at: Option<DateTime<Utc>>,
    ) -> String {
        let secret = new_secret();
        let grant = ApiTokenGrant {
            token_id: id.to_owned(),
            subject: format!("svc:{id}"),
            name: format!("Service {id}"),
            role,
            graph_user_id: graph_user.map(str::to_owned),
        };
        self.rows.insert(
            secret.clone(),
            Row {
                grant,
                revoked,
                expires_at,
            },
        );
        secret
    }
}

#[async_trait]
impl ApiTokenResolver for TokenTable {
    async fn resolve(&self, secret: &str) -> Result<ApiTokenGrant, AuthError> {
        self.lookups.fetch_add(1, Ordering::SeqCst);
        let row = self
            .rows
            .get(secret)
            .ok_or_else(|| AuthError::InvalidToken {
                reason: "the api token is not known".to_owned(),
            })?;
        if row.revoked {
            return Err(AuthError::Revoked {
                credential: format!("api token `{}`", row.grant.token_id),
            });
        }
        if let Some(at) = row.expires_at.filter(|at| *at <= Utc::now()) {
            return Err(AuthError::TokenExpired {
                credential: format!("api token `{}`", row.grant.token_id),
                expired_at: at.to_rfc3339(),
            });
        }
        Ok(row.grant.clone())
    }
}

fn authenticator(table: Arc<TokenTable>) -> Authenticator {
    Authenticator {
        oidc: None,
        api_tokens: Some(table),
        dev_login: None,
        mapping: RoleMapping::default(),
    }
}

#[tokio::test]
async fn a_valid_token_authenticates_as_its_grant() {
    let mut table = TokenTable::default();
    let bot = table.issue("tok-slack", Role::Manager, Some("U-M-EMEA"));
    let finance = table.issue("tok-fin", Role::Finance, None);
    let auth = authenticator(Arc::new(table));
    let users = company::users();

    let p = auth
        .authenticate(Some(&format!("Bearer {}", bot)), &users)
        .await
        .unwrap();
    assert_eq!(p.subject, "svc:tok-slack");
    assert_eq!(p.display_name, "Service tok-slack");
    assert_eq!(p.role, Role::Manager);
    assert_eq!(p.graph_user_id.as_deref(), Some("U-M-EMEA"));
    assert!(!p.is_admin);
    assert_eq!(
        p.method,
        AuthMethod::ApiToken {
            token_id: "tok-slack".to_owned()
        }
    );

    let p = auth
        .authenticate(Some(&format!("Bearer {}", finance)), &users)
        .await
        .unwrap();
    assert_eq!(p.role, Role::Finance);
}

#[tokio::test]
async fn unknown_revoked_and_expired_tokens_are_refused_without_echoing_the_secret() {
    let mut table = TokenTable::default();
    let revoked = table.issue_with("tok-old", Role::Rep, Some("U-R1"), true, None);
    let expired = table.issue_with(
        "tok-expired",
        Role::Rep,
        Some("U-R1"),
        false,
        Some(Utc::now() - Duration::hours(1)),
    );
    let live = table.issue_with(
        "tok-live",
        Role::Rep,
        Some("U-R1"),
        false,
        Some(Utc::now() + Duration::hours(1)),
    );
    let unknown = new_secret();
    let auth = authenticator(Arc::new(table));
    let users = company::users();
    let header = |s: &str| format!("Bearer {s}");

    for (secret, code) in [
        (&unknown, "invalid_token"),
        (&revoked, "revoked"),
        (&expired, "token_expired"),
    ] {
        let err = auth
            .authenticate(Some(&header(secret)), &users)
            .await
            .unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert!(!err.to_string().contains(secret.as_str()), "{err}");
        assert!(!format!("{err:?}").contains(secret.as_str()));
    }
    auth.authenticate(Some(&header(&live)), &users)
        .await
        .unwrap();
}

#[tokio::test]
async fn malformed_tokens_never_reach_the_store() {
    let table = Arc::new(TokenTable::default());
    let auth = authenticator(table.clone());
    let long = format!("rp_{}", "a".repeat(300));
    for bad in [
        "rp_",
        "rp_has+plus",
        "rp_has/slash",
        "rp_pädded",
        long.as_str(),
    ] {
        let err = auth
            .authenticate(Some(&format!("Bearer {bad}")), &[])
            .await
            .unwrap_err();
        assert_eq!(err.code(), "invalid_token", "{bad}");
    }
    assert_eq!(table.lookups.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn api_tokens_are_refused_when_no_resolver_is_configured() {
    let auth = Authenticator {
        oidc: None,
        api_tokens: None,
        dev_login: None,
        mapping: RoleMapping::default(),
    };
    let secret = new_secret();
    let err = auth
        .authenticate(Some(&format!("Bearer {secret}")), &[])
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unauthenticated");
}
