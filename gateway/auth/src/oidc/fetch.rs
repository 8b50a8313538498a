//! The two documents fetched from an issuer: the discovery document
//! (`{issuer}/.well-known/openid-configuration`, which must name the configured issuer) and
//! the JWKS it points to. Bodies are size-bounded; failures say which URL and why.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::settings::require_fetchable_url;
use crate::AuthError;

/// Largest discovery document or JWKS accepted.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The parts of an OpenID Provider's discovery document the gateway uses.
#[derive(Debug, Deserialize)]
struct DiscoveryDocument {
    issuer: String,
    jwks_uri: String,
}

/// The raw key set: keys are parsed one by one so that one exotic key does not hide the rest.
#[derive(Debug, Deserialize)]
pub(crate) struct RawKeySet {
    pub keys: Vec<serde_json::Value>,
}

/// The discovery URL of `issuer`.
pub(crate) fn discovery_url(issuer: &str) -> String {
    format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    )
}

/// Fetches the discovery document, checks its issuer and returns the JWKS URL.
pub(crate) async fn discover_jwks_uri(
    http: &reqwest::Client,
    issuer: &str,
) -> Result<reqwest::Url, AuthError> {
    let url = discovery_url(issuer);
    let document: DiscoveryDocument = get_json(http, &url, "OIDC discovery document").await?;
    if document.issuer != issuer {
        return Err(AuthError::WrongIssuer {
            context: format!("discovery document `issuer` at {url}"),
            found: document.issuer,
            expected: issuer.to_owned(),
        });
    }
    require_fetchable_url("jwks_uri", &document.jwks_uri)
}

/// Fetches the JWKS.
pub(crate) async fn fetch_jwks(
    http: &reqwest::Client,
    jwks_uri: &reqwest::Url,
) -> Result<RawKeySet, AuthError> {
    get_json(http, jwks_uri.as_str(), "OIDC JWKS").await
}

async fn get_json<T: DeserializeOwned>(
    http: &reqwest::Client,
    url: &str,
    what: &str,
) -> Result<T, AuthError> {
    let unavailable = |reason: String| AuthError::Unavailable {
        what: format!("{what} at {url}"),
        reason,
    };
    let response = http
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| unavailable(e.to_string()))?;
    let status = response.status();
    if !status.is_success() {
        return Err(unavailable(format!("HTTP {status}")));
    }
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BODY_BYTES as u64)
    {
        return Err(unavailable(format!(
            "body larger than {MAX_BODY_BYTES} bytes"
        )));
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| unavailable(e.to_string()))?;
    if body.len() > MAX_BODY_BYTES {
        return Err(unavailable(format!(
            "body larger than {MAX_BODY_BYTES} bytes"
        )));
    }
    serde_json::from_slice(&body).map_err(|e| unavailable(format!("malformed JSON: {e}")))
}
