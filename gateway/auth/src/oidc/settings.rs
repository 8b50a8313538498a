//! How the gateway trusts one OIDC issuer, and the checks that run on that configuration
//! before anything is fetched: only asymmetric algorithms the issuer's published keys can
//! verify (RS256, ES256), a bounded clock skew, and HTTPS except on loopback.

use std::net::IpAddr;
use std::time::Duration;

use jsonwebtoken::Algorithm;

use crate::AuthError;

/// The largest clock skew honoured; larger settings are capped to it.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(300);

/// Configuration of the OIDC bearer-token check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcSettings {
    /// The issuer URL, exactly as it appears in tokens' `iss` (e.g. `https://login.example.com/`).
    pub issuer: String,
    /// The audience this gateway is (tokens' `aud` must contain it).
    pub audience: String,
    /// Tolerated clock difference for `exp` and `nbf` (default 60 s, capped at 300 s).
    pub clock_skew: Duration,
    /// Accepted signing algorithms by JOSE name; only `RS256` and `ES256` are allowed.
    pub algorithms: Vec<String>,
    /// Shortest interval between two JWKS refetches caused by unknown key ids (default 60 s).
    pub jwks_min_refresh: Duration,
    /// The claim holding the caller's groups (default `groups`).
    pub groups_claim: String,
    /// Timeout of each request to the issuer (default 10 s).
    pub http_timeout: Duration,
}

impl OidcSettings {
    /// Settings for `issuer` and `audience` with the defaults for everything else.
    pub fn new(issuer: impl Into<String>, audience: impl Into<String>) -> Self {
        Self {
            issuer: issuer.into(),
            audience: audience.into(),
            clock_skew: Duration::from_secs(60),
            algorithms: vec!["RS256".to_owned(), "ES256".to_owned()],
            jwks_min_refresh: Duration::from_secs(60),
            groups_claim: "groups".to_owned(),
            http_timeout: Duration::from_secs(10),
        }
    }
}

/// Settings that passed [`OidcSettings::check`].
#[derive(Debug, Clone)]
pub(crate) struct CheckedSettings {
    pub issuer: String,
    pub audience: String,
    pub skew_secs: u64,
    pub algorithms: Vec<Algorithm>,
    pub jwks_min_refresh: Duration,
    pub groups_claim: String,
    pub http_timeout: Duration,
}

impl OidcSettings {
    pub(crate) fn check(&self) -> Result<CheckedSettings, AuthError> {
        require_fetchable_url("issuer", &self.issuer)?;
        if self.audience.trim().is_empty() {
            return Err(AuthError::config("OIDC audience is empty"));
        }
        if self.groups_claim.trim().is_empty() {
            return Err(AuthError::config("OIDC groups claim name is empty"));
        }
        Ok(CheckedSettings {
            issuer: self.issuer.clone(),
            audience: self.audience.clone(),
            skew_secs: capped_skew(self.clock_skew),
            algorithms: allowed_algorithms(&self.algorithms)?,
            jwks_min_refresh: self.jwks_min_refresh,
            groups_claim: self.groups_claim.clone(),
            http_timeout: self.http_timeout,
        })
    }
}

fn capped_skew(skew: Duration) -> u64 {
    if skew > MAX_CLOCK_SKEW {
        tracing::warn!(
            configured_secs = skew.as_secs(),
            max_secs = MAX_CLOCK_SKEW.as_secs(),
            "OIDC clock skew capped"
        );
    }
    skew.min(MAX_CLOCK_SKEW).as_secs()
}

fn allowed_algorithms(names: &[String]) -> Result<Vec<Algorithm>, AuthError> {
    if names.is_empty() {
        return Err(AuthError::config("no OIDC signing algorithm is allowed"));
    }
    let mut algorithms = Vec::new();
    for name in names {
        let alg = match name.as_str() {
            "RS256" => Algorithm::RS256,
            "ES256" => Algorithm::ES256,
            other => {
                return Err(AuthError::config(format!(
                    "OIDC signing algorithm `{}` is not allowed; only RS256 and ES256 are \
                     (`none` and shared-secret HS* algorithms cannot be tied to the issuer's \
                     published keys)",
                    other.chars().take(32).collect::<String>()
                )));
            }
        };
        if !algorithms.contains(&alg) {
            algorithms.push(alg);
        }
    }
    Ok(algorithms)
}

/// Checks that `url` is absolute and HTTPS, or plain HTTP to a loopback host (local tests and
/// a development issuer on the same machine).
pub(crate) fn require_fetchable_url(what: &str, url: &str) -> Result<reqwest::Url, AuthError> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| AuthError::config(format!("OIDC {what} `{url}` is not a URL: {e}")))?;
    let loopback = parsed.host_str().is_some_and(is_loopback_host);
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if loopback => Ok(parsed),
        _ => Err(AuthError::config(format!(
            "OIDC {what} `{url}` must use https (plain http only to a loopback address)"
        ))),
    }
}

fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}
