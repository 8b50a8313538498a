//! API tokens for service accounts and bots: the secret's shape (`rp_` + URL-safe base64),
//! checked before any lookup, and the [`ApiTokenResolver`] the gateway implements over its app
//! database (which generates secrets, stores only their hashes and names tokens by a redacted
//! prefix) to turn a presented secret into a grant.

use async_trait::async_trait;

use crate::{AuthError, Role};

/// Every API token secret starts with this.
pub const API_TOKEN_PREFIX: &str = "rp_";

/// Longest secret accepted before any lookup (generated ones are 46 characters).
const MAX_SECRET_LEN: usize = 256;

/// What a valid API token grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenGrant {
    /// The token's id (safe to log and show).
    pub token_id: String,
    /// The service account or person the token acts as.
    pub subject: String,
    /// The token's display name (e.g. "Slack bot").
    pub name: String,
    /// The role it acts with.
    pub role: Role,
    /// The graph person it acts as, for roles that need one.
    pub graph_user_id: Option<String>,
}

/// Turns a presented secret into a grant. The gateway implements it over its token table,
/// looking the token up by the hash of the secret.
///
/// Unknown secrets come back as [`AuthError::InvalidToken`], revoked ones as
/// [`AuthError::Revoked`], expired ones as [`AuthError::TokenExpired`] (each naming the token
/// by its redacted prefix or its id, never the secret), and store failures as
/// [`AuthError::Unavailable`].
#[async_trait]
pub trait ApiTokenResolver: Send + Sync {
    /// The grant of `secret` (already checked to have the API token shape).
    async fn resolve(&self, secret: &str) -> Result<ApiTokenGrant, AuthError>;
}

/// Whether `credential` is meant as an API token (starts with `rp_`).
pub fn is_api_token(credential: &str) -> bool {
    credential.starts_with(API_TOKEN_PREFIX)
}

/// Checks the shape of an API token secret before it reaches the store.
pub(crate) fn check_shape(secret: &str) -> Result<(), AuthError> {
    let body = secret.strip_prefix(API_TOKEN_PREFIX).unwrap_or("");
    let url_safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if body.is_empty() || secret.len() > MAX_SECRET_LEN || !body.chars().all(url_safe) {
        return Err(AuthError::invalid(
            "api token is malformed (expected `rp_` followed by URL-safe base64)",
        ));
    }
    Ok(())
}
