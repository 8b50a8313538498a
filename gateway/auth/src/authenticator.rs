//! The one entry point for authentication: reads the `Authorization` header and sends the
//! bearer credential down the path its shape names — `rp_…` an API token, `dev:…` the
//! development login, anything else an OIDC JWT.

use std::sync::Arc;

use revpulse_graph::model::User;

use crate::api_token::{self, ApiTokenResolver};
use crate::dev_login::DEV_LOGIN_PREFIX;
use crate::oidc::OidcVerifier;
use crate::{AuthError, AuthMethod, DevLogin, Principal, RoleMapping};

/// The configured ways in. A path left `None` refuses its credentials.
#[derive(Clone)]
pub struct Authenticator {
    /// OIDC bearer JWTs.
    pub oidc: Option<OidcVerifier>,
    /// API tokens.
    pub api_tokens: Option<Arc<dyn ApiTokenResolver>>,
    /// The development login (only constructible in development mode).
    pub dev_login: Option<DevLogin>,
    /// Claims → roles and graph identities.
    pub mapping: RoleMapping,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("oidc", &self.oidc)
            .field("api_tokens", &self.api_tokens.is_some())
            .field("dev_login", &self.dev_login.is_some())
            .field("mapping", &self.mapping)
            .finish()
    }
}

impl Authenticator {
    /// The principal behind `authorization_header` (the header's value, e.g. `Bearer …`).
    pub async fn authenticate(
        &self,
        authorization_header: Option<&str>,
        users: &[User],
    ) -> Result<Principal, AuthError> {
        let credential = bearer_credential(authorization_header)?;
        if api_token::is_api_token(credential) {
            self.api_token(credential).await
        } else if let Some(who) = credential.strip_prefix(DEV_LOGIN_PREFIX) {
            self.dev(who, users)
        } else {
            self.jwt(credential, users).await
        }
    }

    async fn api_token(&self, secret: &str) -> Result<Principal, AuthError> {
        let resolver = self.api_tokens.as_ref().ok_or_else(|| {
            AuthError::unauthenticated("API tokens are not accepted by this server")
        })?;
        api_token::check_shape(secret)?;
        let grant = resolver.resolve(secret).await?;
        Ok(Principal {
            subject: grant.subject,
            display_name: grant.name,
            email: None,
            groups: Vec::new(),
            role: grant.role,
            graph_user_id: grant.graph_user_id,
            is_admin: false,
            method: AuthMethod::ApiToken {
                token_id: grant.token_id,
            },
        })
    }

    fn dev(&self, who: &str, users: &[User]) -> Result<Principal, AuthError> {
        let dev = self
            .dev_login
            .as_ref()
            .ok_or_else(|| AuthError::DevLoginDisabled {
                reason: "this server runs without it (production mode or not configured); \
                     sign in through the identity provider"
                    .to_owned(),
            })?;
        dev.authenticate(who, users)
    }

    async fn jwt(&self, token: &str, users: &[User]) -> Result<Principal, AuthError> {
        let oidc = self.oidc.as_ref().ok_or_else(|| {
            AuthError::unauthenticated("OIDC bearer tokens are not accepted by this server")
        })?;
        let claims = oidc.verify(token).await?;
        self.mapping.principal(&claims, oidc.issuer(), users)
    }
}

/// The credential of `Bearer <credential>` (scheme case-insensitive, per RFC 7235).
fn bearer_credential(header: Option<&str>) -> Result<&str, AuthError> {
    let header = header.ok_or_else(|| AuthError::unauthenticated("no `Authorization` header"))?;
    let (scheme, credential) = header.trim().split_once(' ').ok_or_else(|| {
        AuthError::unauthenticated("`Authorization` header is not `Bearer <token>`")
    })?;
    let credential = credential.trim();
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::unauthenticated(
            "`Authorization` scheme must be `Bearer`",
        ));
    }
    if credential.is_empty() || credential.contains(char::is_whitespace) {
        return Err(AuthError::unauthenticated(
            "`Authorization` header is not `Bearer <token>`",
        ));
    }
    Ok(credential)
}
