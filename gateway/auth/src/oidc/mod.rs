//! OIDC bearer JWTs: discovery of one configured issuer, its JWKS cached by `kid` with
//! throttled refetches on key rotation, and the verification of each token (allowed algorithm
//! matching the key's kind, signature, then the claim checks of [`claims`]).

mod claims;
mod fetch;
mod keys;
mod settings;

use std::sync::{Arc, RwLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, Validation};
use serde_json::{Map, Value};
use tokio::sync::Mutex;

pub use claims::VerifiedClaims;
pub use settings::{MAX_CLOCK_SKEW, OidcSettings};

use crate::AuthError;
use claims::ClaimRules;
use keys::{KeyKind, KeySet, SigningKey};
use settings::CheckedSettings;

/// Longest bearer JWT looked at.
const MAX_TOKEN_LEN: usize = 16 * 1024;

/// Verifies bearer JWTs from one issuer. Cheap to clone; clones share the key cache.
#[derive(Clone)]
pub struct OidcVerifier {
    inner: Arc<Inner>,
}

struct Inner {
    settings: CheckedSettings,
    jwks_uri: reqwest::Url,
    http: reqwest::Client,
    keys: RwLock<Arc<KeySet>>,
    /// When an unknown `kid` last caused a refetch; held while refetching so that concurrent
    /// requests wait for that one fetch instead of starting their own.
    last_refetch: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for OidcVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcVerifier")
            .field("issuer", &self.inner.settings.issuer)
            .field("jwks_uri", &self.inner.jwks_uri.as_str())
            .finish_non_exhaustive()
    }
}

impl OidcVerifier {
    /// Checks `settings`, fetches the issuer's discovery document (whose `issuer` must equal
    /// the configured one) and its JWKS.
    pub async fn discover(settings: OidcSettings) -> Result<Self, AuthError> {
        let settings = settings.check()?;
        let http = reqwest::Client::builder()
            .timeout(settings.http_timeout)
            .build()
            .map_err(|e| AuthError::config(format!("HTTP client for OIDC: {e}")))?;
        let jwks_uri = fetch::discover_jwks_uri(&http, &settings.issuer).await?;
        let keys = KeySet::from_raw(fetch::fetch_jwks(&http, &jwks_uri).await?);
        tracing::info!(issuer = %settings.issuer, keys = keys.len(), "OIDC issuer discovered");
        Ok(Self {
            inner: Arc::new(Inner {
                settings,
                jwks_uri,
                http,
                keys: RwLock::new(Arc::new(keys)),
                last_refetch: Mutex::new(None),
            }),
        })
    }

    /// The configured issuer.
    pub fn issuer(&self) -> &str {
        &self.inner.settings.issuer
    }

    /// The clock skew in force (after capping).
    pub fn clock_skew_secs(&self) -> u64 {
        self.inner.settings.skew_secs
    }

    /// Verifies `token` (the bearer credential, without `Bearer `).
    pub async fn verify(&self, token: &str) -> Result<VerifiedClaims, AuthError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(AuthError::invalid("JWT is longer than 16 KiB"));
        }
        let header = jsonwebtoken::decode_header(token).map_err(|_| {
            AuthError::invalid("JWT header is malformed or names an unsupported algorithm")
        })?;
        let alg = self.allowed(header.alg)?;
        let key = self.key_for(header.kid.as_deref(), alg).await?;
        check_key_fits(&key, alg)?;
        let raw = verify_signature(token, &key, alg)?;
        let s = &self.inner.settings;
        let rules = ClaimRules {
            issuer: &s.issuer,
            audience: &s.audience,
            skew_secs: s.skew_secs,
            groups_claim: &s.groups_claim,
        };
        claims::check(raw, &rules, unix_now())
    }

    fn allowed(&self, alg: Algorithm) -> Result<Algorithm, AuthError> {
        let allowed = &self.inner.settings.algorithms;
        if allowed.contains(&alg) {
            return Ok(alg);
        }
        let names: Vec<String> = allowed.iter().map(|a| format!("{a:?}")).collect();
        Err(AuthError::invalid(format!(
            "JWT algorithm {alg:?} is not allowed (allowed: {})",
            names.join(", ")
        )))
    }

    fn cached_key(&self, kid: Option<&str>, alg: Algorithm) -> Option<SigningKey> {
        let keys = self
            .inner
            .keys
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        keys.find(kid, alg)
    }

    /// The key for `kid`, refetching the JWKS once if it is unknown and the last refetch is
    /// older than the configured interval.
    async fn key_for(&self, kid: Option<&str>, alg: Algorithm) -> Result<SigningKey, AuthError> {
        if let Some(key) = self.cached_key(kid, alg) {
            return Ok(key);
        }
        let unknown = |detail: String| AuthError::UnknownKey {
            kid: kid.map_or_else(|| "(no kid)".to_owned(), |k| format!("`{k}`")),
            detail,
        };
        let mut last = self.inner.last_refetch.lock().await;
        // Another request may have refetched while this one waited.
        if let Some(key) = self.cached_key(kid, alg) {
            return Ok(key);
        }
        let interval = self.inner.settings.jwks_min_refresh;
        if let Some(at) = *last
            && at.elapsed() < interval
        {
            return Err(unknown(format!(
                "the JWKS was refetched less than {} s ago",
                interval.as_secs()
            )));
        }
        *last = Some(Instant::now());
        let raw = fetch::fetch_jwks(&self.inner.http, &self.inner.jwks_uri).await?;
        let fresh = Arc::new(KeySet::from_raw(raw));
        tracing::info!(issuer = %self.inner.settings.issuer, keys = fresh.len(), "OIDC JWKS refetched");
        *self
            .inner
            .keys
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = fresh.clone();
        fresh
            .find(kid, alg)
            .ok_or_else(|| unknown("not in the JWKS after refetching it".to_owned()))
    }
}

/// The header's algorithm must suit the key: RS256 an RSA key, ES256 a P-256 key, and the
/// key's own `alg`, when the JWKS pins one, must be the same.
fn check_key_fits(key: &SigningKey, alg: Algorithm) -> Result<(), AuthError> {
    let kid = key.kid.as_deref().unwrap_or("(no kid)");
    if KeyKind::for_algorithm(alg) != Some(key.kind) {
        return Err(AuthError::invalid(format!(
            "JWT algorithm {alg:?} does not suit key `{kid}` ({:?})",
            key.kind
        )));
    }
    match key.pinned {
        Some(pinned) if pinned != alg => Err(AuthError::invalid(format!(
            "JWT algorithm {alg:?} differs from key `{kid}`'s {pinned:?}"
        ))),
        _ => Ok(()),
    }
}

/// Verifies the signature only; the claims are checked by [`claims::check`] for precise errors.
fn verify_signature(
    token: &str,
    key: &SigningKey,
    alg: Algorithm,
) -> Result<Map<String, Value>, AuthError> {
    let mut validation = Validation::new(alg);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    jsonwebtoken::decode::<Map<String, Value>>(token, &key.key, &validation)
        .map(|data| data.claims)
        .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => {
                AuthError::invalid("JWT signature does not verify")
            }
            _ => AuthError::invalid("JWT is malformed"),
        })
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
