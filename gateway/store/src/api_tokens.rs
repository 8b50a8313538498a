//! API tokens for service accounts and bots: issued with a secret shown once, stored only as
//! the secret's SHA-256, resolvable back to the account, revocable and optionally expiring.
//!
//! A secret is `rp_` followed by 32 bytes from the operating system's random source in
//! URL-safe base64 (43 characters). Lookup is by hash, so no constant-time comparison is
//! needed; the secret itself never reaches a log or an error message, only its display prefix
//! (`rp_` and the next 8 characters, 48 of its 256 bits).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::TryRngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

use crate::backend::dispatch;
use crate::ids::ApiTokenId;
use crate::stamp::{Stamp, now, stamp};
use crate::users::non_empty;
use crate::{AppStore, StoreError};

/// What every secret starts with, so leaked tokens are recognisable (e.g. by secret scanners).
pub const API_TOKEN_PREFIX: &str = "rp_";
const SECRET_BYTES: usize = 32;
/// `rp_` + 43 base64 characters.
const SECRET_LEN: usize = 3 + 43;
/// `rp_` + 8 characters.
const DISPLAY_PREFIX_LEN: usize = 3 + 8;
/// `last_used_at` is refreshed at most this often, so that checking a busy token is a read.
const LAST_USED_RESOLUTION: Duration = Duration::seconds(60);

/// What to issue a token for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    /// A label for operators, e.g. "slack-bot".
    pub name: String,
    /// The principal the token acts as.
    pub subject: String,
    /// The role the token carries (parsed by the auth crate).
    pub role: String,
    /// The matching `User` node in the knowledge graph, when the account is a person's.
    pub graph_user_id: Option<String>,
    /// When the token stops working; `None` for never.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A stored API token (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApiTokenRecord {
    /// The token's id.
    pub id: ApiTokenId,
    /// The operator's label.
    pub name: String,
    /// The principal the token acts as.
    pub subject: String,
    /// The role the token carries.
    pub role: String,
    /// The matching graph `User`, if any.
    pub graph_user_id: Option<String>,
    /// `rp_` and the secret's next 8 characters, for recognising a token in lists.
    pub display_prefix: String,
    /// When it was issued.
    pub created_at: DateTime<Utc>,
    /// When it stops working, if ever.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
    /// When it was last resolved (to within a minute), if ever.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A newly issued token and its secret, which is shown once and cannot be recovered.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuedApiToken {
    /// The stored record.
    pub token: ApiTokenRecord,
    /// The bearer secret (`rp_…`).
    pub secret: String,
}

impl std::fmt::Debug for IssuedApiToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedApiToken")
            .field("token", &self.token)
            .field("secret", &"<redacted>")
            .finish()
    }
}

const INSERT_TOKEN: &str = "\
    INSERT INTO api_tokens (name, subject, role, graph_user_id, secret_sha256, display_prefix, \
        created_at, expires_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
    RETURNING id, name, subject, role, graph_user_id, display_prefix, \
        created_at, expires_at, revoked_at, last_used_at";
const SELECT_TOKEN_BY_HASH: &str = "\
    SELECT id, name, subject, role, graph_user_id, display_prefix, \
        created_at, expires_at, revoked_at, last_used_at \
    FROM api_tokens WHERE secret_sha256 = $1";
const TOUCH_TOKEN: &str = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1";
const REVOKE_TOKEN: &str = "\
    UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 \
    RETURNING id, name, subject, role, graph_user_id, display_prefix, \
        created_at, expires_at, revoked_at, last_used_at";
const SELECT_TOKENS: &str = "\
    SELECT id, name, subject, role, graph_user_id, display_prefix, \
        created_at, expires_at, revoked_at, last_used_at \
    FROM api_tokens ORDER BY id";

impl AppStore {
    /// Issues a token: generates its secret, stores only the secret's SHA-256 and display
    /// prefix, and returns the secret this one time.
    pub async fn issue_api_token(&self, new: NewApiToken) -> Result<IssuedApiToken, StoreError> {
        non_empty("api token name", &new.name)?;
        non_empty("api token subject", &new.subject)?;
        non_empty("api token role", &new.role)?;
        let secret = generate_secret()?;
        let token = dispatch!(&self.pools, db => sqlx::query_as::<_, ApiTokenRecord>(INSERT_TOKEN)
            .bind(&new.name)
            .bind(&new.subject)
            .bind(&new.role)
            .bind(&new.graph_user_id)
            .bind(secret_sha256(&secret))
            .bind(display_prefix(&secret))
            .bind(Stamp(now()))
            .bind(stamp(new.expires_at))
            .fetch_one(db.pool())
            .await)
        .map_err(self.failed("issuing an api token"))?;
        tracing::info!(token = %token.id, prefix = %token.display_prefix, subject = %token.subject, "api token issued");
        Ok(IssuedApiToken { token, secret })
    }

    /// The token whose secret this is, if it is known, not revoked and not expired at `now`;
    /// records the use.
    pub async fn resolve_api_token(
        &self,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<ApiTokenRecord, StoreError> {
        if !is_well_formed(secret) {
            return Err(StoreError::MalformedApiToken);
        }
        let found =
            dispatch!(&self.pools, db => sqlx::query_as::<_, ApiTokenRecord>(SELECT_TOKEN_BY_HASH)
            .bind(secret_sha256(secret))
            .fetch_optional(db.pool())
            .await)
            .map_err(self.failed("looking up an api token"))?;
        let mut token = found.ok_or_else(|| StoreError::UnknownApiToken {
            prefix: display_prefix(secret),
        })?;
        check_usable(&token, now)?;
        if token
            .last_used_at
            .is_none_or(|used| now - used >= LAST_USED_RESOLUTION)
        {
            self.touch_api_token(token.id, now).await?;
            token.last_used_at = Some(Stamp::from(now).0);
        }
        Ok(token)
    }

    /// Revokes the token (idempotent: a second revocation keeps the first time).
    pub async fn revoke_api_token(&self, id: ApiTokenId) -> Result<ApiTokenRecord, StoreError> {
        let revoked =
            dispatch!(&self.pools, db => sqlx::query_as::<_, ApiTokenRecord>(REVOKE_TOKEN)
            .bind(id)
            .bind(Stamp(now()))
            .fetch_optional(db.pool())
            .await)
            .map_err(self.failed("revoking an api token"))?;
        let token = revoked.ok_or_else(|| StoreError::NotFound {
            kind: "api token",
            id: id.to_string(),
        })?;
        tracing::info!(token = %token.id, prefix = %token.display_prefix, "api token revoked");
        Ok(token)
    }

    /// Every token ever issued, revoked and expired ones included, oldest first.
    pub async fn list_api_tokens(&self) -> Result<Vec<ApiTokenRecord>, StoreError> {
        dispatch!(&self.pools, db => sqlx::query_as::<_, ApiTokenRecord>(SELECT_TOKENS)
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("listing api tokens"))
    }

    async fn touch_api_token(&self, id: ApiTokenId, at: DateTime<Utc>) -> Result<(), StoreError> {
        dispatch!(&self.pools, db => sqlx::query(TOUCH_TOKEN)
            .bind(id)
            .bind(Stamp::from(at))
            .execute(db.pool())
            .await
            .map(drop))
        .map_err(self.failed("recording an api token's use"))
    }
}

/// Refuses a revoked or expired token, revocation first.
fn check_usable(token: &ApiTokenRecord, now: DateTime<Utc>) -> Result<(), StoreError> {
    let prefix = || token.display_prefix.clone();
    if let Some(revoked_at) = token.revoked_at {
        return Err(StoreError::RevokedApiToken {
            prefix: prefix(),
            revoked_at,
        });
    }
    match token.expires_at {
        Some(expired_at) if expired_at <= now => Err(StoreError::ExpiredApiToken {
            prefix: prefix(),
            expired_at,
        }),
        _ => Ok(()),
    }
}

fn generate_secret() -> Result<String, StoreError> {
    let mut bytes = [0u8; SECRET_BYTES];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|error| StoreError::Entropy {
            reason: error.to_string(),
        })?;
    Ok(format!(
        "{API_TOKEN_PREFIX}{}",
        URL_SAFE_NO_PAD.encode(bytes)
    ))
}

fn is_well_formed(secret: &str) -> bool {
    secret.len() == SECRET_LEN
        && secret.starts_with(API_TOKEN_PREFIX)
        && secret[API_TOKEN_PREFIX.len()..]
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// The SHA-256 of a secret, as stored (lower-case hex).
fn secret_sha256(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn display_prefix(secret: &str) -> String {
    secret.chars().take(DISPLAY_PREFIX_LEN).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_prefixed_url_safe_and_distinct() {
        let first = generate_secret().unwrap();
        let second = generate_secret().unwrap();
        assert!(is_well_formed(&first), "{first}");
        assert_ne!(first, second);
        assert_eq!(display_prefix(&first).len(), DISPLAY_PREFIX_LEN);
    }

    #[test]
    fn misshapen_secrets_are_rejected() {
        let good = generate_secret().unwrap();
        assert!(!is_well_formed(&good[1..]));
        assert!(!is_well_formed(&format!("xx_{}", &good[3..])));
        assert!(!is_well_formed(&format!("{}+", &good[..good.len() - 1])));
        assert!(!is_well_formed(""));
    }
}
