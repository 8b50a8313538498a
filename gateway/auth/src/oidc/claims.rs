//! The claim checks run after a JWT's signature verified — `iss`, `aud` (string or array),
//! `exp` and `nbf` within the bounded skew, a non-empty `sub` — and [`VerifiedClaims`], the
//! only way the rest of the gateway sees a token's contents.

use serde_json::{Map, Value};

use crate::AuthError;

/// What a JWT's claim checks compare against.
pub(crate) struct ClaimRules<'a> {
    pub issuer: &'a str,
    pub audience: &'a str,
    pub skew_secs: u64,
    pub groups_claim: &'a str,
}

/// The claims of a JWT whose signature, issuer, audience and lifetime were checked. Only the
/// verifier constructs it.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedClaims {
    sub: String,
    email: Option<String>,
    name: Option<String>,
    groups: Vec<String>,
    raw: Map<String, Value>,
}

impl VerifiedClaims {
    /// The subject (`sub`), stable per user at this issuer.
    pub fn sub(&self) -> &str {
        &self.sub
    }

    /// The `email` claim, unless the token says `email_verified: false`.
    pub fn email(&self) -> Option<&str> {
        self.email.as_deref()
    }

    /// The `name` claim.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The groups from the configured groups claim (empty when absent).
    pub fn groups(&self) -> &[String] {
        &self.groups
    }

    /// Every claim as sent.
    pub fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }

    /// A string claim by name.
    pub fn string_claim(&self, name: &str) -> Option<&str> {
        self.raw.get(name).and_then(Value::as_str)
    }
}

/// Checks `raw` against `rules` at `now` (Unix seconds).
pub(crate) fn check(
    raw: Map<String, Value>,
    rules: &ClaimRules<'_>,
    now: i64,
) -> Result<VerifiedClaims, AuthError> {
    check_issuer(&raw, rules.issuer)?;
    check_audience(&raw, rules.audience)?;
    check_lifetime(&raw, rules.skew_secs, now)?;
    let sub = match raw.get("sub").and_then(Value::as_str) {
        Some(sub) if !sub.is_empty() => sub.to_owned(),
        _ => return Err(AuthError::invalid("JWT has no `sub` claim")),
    };
    let email_verified = raw.get("email_verified").and_then(Value::as_bool);
    let email = match email_verified {
        Some(false) => None,
        _ => raw.get("email").and_then(Value::as_str).map(str::to_owned),
    };
    Ok(VerifiedClaims {
        sub,
        email,
        name: raw.get("name").and_then(Value::as_str).map(str::to_owned),
        groups: groups(&raw, rules.groups_claim)?,
        raw,
    })
}

fn check_issuer(raw: &Map<String, Value>, expected: &str) -> Result<(), AuthError> {
    match raw.get("iss").and_then(Value::as_str) {
        Some(iss) if iss == expected => Ok(()),
        found => Err(AuthError::WrongIssuer {
            context: "JWT `iss`".to_owned(),
            found: found.unwrap_or("(missing)").to_owned(),
            expected: expected.to_owned(),
        }),
    }
}

fn check_audience(raw: &Map<String, Value>, expected: &str) -> Result<(), AuthError> {
    let aud = raw.get("aud");
    let matches = match aud {
        Some(Value::String(one)) => one == expected,
        Some(Value::Array(many)) => many.iter().any(|a| a.as_str() == Some(expected)),
        _ => false,
    };
    if matches {
        return Ok(());
    }
    let found = match aud {
        None => "missing".to_owned(),
        Some(Value::String(one)) => format!("`{one}`"),
        Some(other) => other.to_string(),
    };
    Err(AuthError::WrongAudience {
        found,
        expected: expected.to_owned(),
    })
}

fn check_lifetime(raw: &Map<String, Value>, skew_secs: u64, now: i64) -> Result<(), AuthError> {
    let skew = i64::try_from(skew_secs).unwrap_or(i64::MAX);
    let exp = numeric_date(raw, "exp")?.ok_or_else(|| AuthError::invalid("JWT has no `exp`"))?;
    if now >= exp.saturating_add(skew) {
        return Err(AuthError::TokenExpired {
            credential: "JWT".to_owned(),
            expired_at: rfc3339(exp),
        });
    }
    if let Some(nbf) = numeric_date(raw, "nbf")?
        && now.saturating_add(skew) < nbf
    {
        return Err(AuthError::TokenNotYetValid {
            not_before: rfc3339(nbf),
            skew_secs,
        });
    }
    Ok(())
}

/// A NumericDate claim (seconds, possibly fractional) as whole seconds.
fn numeric_date(raw: &Map<String, Value>, name: &str) -> Result<Option<i64>, AuthError> {
    let Some(value) = raw.get(name) else {
        return Ok(None);
    };
    let seconds = value
        .as_i64()
        .or_else(|| {
            value
                .as_f64()
                .filter(|f| f.is_finite())
                .map(|f| f.floor() as i64)
        })
        .ok_or_else(|| AuthError::invalid(format!("JWT `{name}` is not a number of seconds")))?;
    Ok(Some(seconds))
}

fn rfc3339(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.to_rfc3339())
        .unwrap_or_else(|| format!("{seconds} s after the epoch"))
}

fn groups(raw: &Map<String, Value>, claim: &str) -> Result<Vec<String>, AuthError> {
    let malformed = || AuthError::invalid(format!("JWT `{claim}` is not an array of strings"));
    match raw.get(claim) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(one)) => Ok(vec![one.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|g| g.as_str().map(str::to_owned).ok_or_else(malformed))
            .collect(),
        Some(_) => Err(malformed()),
    }
}
