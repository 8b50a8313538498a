//! API tokens for service accounts and bots: the secret's shape (`rp_` + URL-safe base64), how
//! one is generated, hashed for storage and shown redacted, and the [`ApiTokenResolver`] the
//! gateway implements over its database to turn a presented secret into a grant.

use std::fmt;

use async_trait::async_trait;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{AuthError, Role};

/// Every API token secret starts with this.
pub const API_TOKEN_PREFIX: &str = "rp_";

/// Random bytes in a generated secret (256 bits).
const SECRET_BYTES: usize = 32;

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
/// looking the token up by [`api_token_hash`] of the secret.
///
/// Unknown secrets come back as [`AuthError::InvalidToken`], revoked ones as
/// [`AuthError::Revoked`], expired ones as [`AuthError::TokenExpired`] (each naming the token
/// by [`api_token_hint`] or its id), and store failures as [`AuthError::Unavailable`].
#[async_trait]
pub trait ApiTokenResolver: Send + Sync {
    /// The grant of `secret` (already checked to have the API token shape).
    async fn resolve(&self, secret: &str) -> Result<ApiTokenGrant, AuthError>;
}

/// A freshly generated API token secret. Shown to its creator once; only its hash is stored.
/// `Debug` shows the redacted hint, never the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiTokenSecret(String);

impl ApiTokenSecret {
    /// A new secret: `rp_` followed by 32 random bytes in URL-safe base64 without padding.
    pub fn generate() -> Self {
        let mut bytes = [0u8; SECRET_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        Self(format!(
            "{API_TOKEN_PREFIX}{}",
            URL_SAFE_NO_PAD.encode(bytes)
        ))
    }

    /// The secret itself, to show once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The hash to store (see [`api_token_hash`]).
    pub fn hash(&self) -> String {
        api_token_hash(&self.0)
    }

    /// The redacted form (see [`api_token_hint`]).
    pub fn hint(&self) -> String {
        api_token_hint(&self.0)
    }
}

impl fmt::Debug for ApiTokenSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ApiTokenSecret").field(&self.hint()).finish()
    }
}

/// The stored form of a secret: lower-case hex SHA-256. A secret has 256 random bits, so an
/// unsalted fast hash is enough (nothing to brute-force) and allows lookup by hash.
pub fn api_token_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The secret's redacted form for messages and lists: the prefix and four characters, e.g.
/// ``api token `rp_ab12…` ``.
pub fn api_token_hint(secret: &str) -> String {
    let shown: String = secret
        .strip_prefix(API_TOKEN_PREFIX)
        .unwrap_or("")
        .chars()
        .take(4)
        .collect();
    format!("api token `{API_TOKEN_PREFIX}{shown}…`")
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
