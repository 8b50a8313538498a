//! Why a request was not authenticated or not authorised, with one stable machine code per
//! variant for the gateway's wire errors. Messages name the problem (which claim, which key,
//! which token by its redacted hint) and never carry a secret or a whole token.

use thiserror::Error;

/// An authentication or authorisation failure.
///
/// Every variant maps to one [`AuthError::code`]; the gateway turns codes into HTTP statuses
/// (401 for the token problems, 403 for `forbidden` / `no_graph_identity` /
/// `dev_login_disabled`, 500 for `config`, 503 for `unavailable`).
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// No usable credential was presented. The caller should send `Authorization: Bearer …`.
    #[error("authentication required: {reason}")]
    Unauthenticated {
        /// What was missing or malformed.
        reason: String,
    },
    /// The credential is malformed, unknown, signed with a refused algorithm or does not verify.
    /// The caller should obtain a new credential; retrying the same one cannot succeed.
    #[error("invalid token: {reason}")]
    InvalidToken {
        /// What is wrong with it.
        reason: String,
    },
    /// The credential's lifetime ended. The caller should obtain a fresh one.
    #[error("{credential} expired at {expired_at}")]
    TokenExpired {
        /// Which credential (`JWT`, or an API token's redacted hint).
        credential: String,
        /// When it expired (RFC 3339, UTC).
        expired_at: String,
    },
    /// The JWT's `nbf` is later than now plus the allowed clock skew. Usually clock drift
    /// between the issuer and this server beyond the configured skew.
    #[error("JWT is not valid before {not_before} (allowed clock skew {skew_secs} s)")]
    TokenNotYetValid {
        /// The `nbf` instant (RFC 3339, UTC).
        not_before: String,
        /// The skew this server allows.
        skew_secs: u64,
    },
    /// The issuer named by a token or a discovery document is not the configured one.
    #[error("{context} is `{found}`, expected `{expected}`")]
    WrongIssuer {
        /// Where the issuer was read (`JWT \`iss\``, `discovery document \`issuer\``).
        context: String,
        /// The issuer found.
        found: String,
        /// The configured issuer.
        expected: String,
    },
    /// The JWT was issued for another audience (another application).
    #[error("JWT `aud` is {found}, expected `{expected}`")]
    WrongAudience {
        /// The audience(s) in the token, rendered for the message.
        found: String,
        /// The configured audience.
        expected: String,
    },
    /// The JWT names a signing key the issuer does not publish, even after the JWKS was
    /// fetched again (or a refetch was refused because one happened too recently).
    #[error("JWT signing key {kid} is not published by the issuer ({detail})")]
    UnknownKey {
        /// The header's `kid`, quoted, or `(no kid)`.
        kid: String,
        /// Whether the JWKS was refetched or why it was not.
        detail: String,
    },
    /// The API token was revoked by an administrator.
    #[error("{credential} is revoked")]
    Revoked {
        /// The token's redacted hint or id.
        credential: String,
    },
    /// The principal is authenticated but may not do this (no role maps, not an admin, …).
    #[error("forbidden: {reason}")]
    Forbidden {
        /// What is missing.
        reason: String,
    },
    /// The principal's role needs a person in the graph (region, team, own deals) and none
    /// could be found. Fails closed: no scope is granted rather than a wider one.
    #[error("{subject} has role `{role}` but {reason}")]
    NoGraphIdentity {
        /// The principal's subject.
        subject: String,
        /// The principal's role name.
        role: String,
        /// What is missing.
        reason: String,
    },
    /// A `dev:` credential was presented where the development login is not enabled.
    #[error("development login is disabled: {reason}")]
    DevLoginDisabled {
        /// Why (production mode, not configured).
        reason: String,
    },
    /// The authentication configuration is invalid; fix the configuration and restart.
    #[error("authentication configuration: {reason}")]
    Config {
        /// What is wrong.
        reason: String,
    },
    /// A dependency needed to decide (the OIDC issuer, the token store) could not be reached
    /// or answered nonsense. Retrying later may succeed.
    #[error("{what} is unavailable: {reason}")]
    Unavailable {
        /// Which dependency.
        what: String,
        /// The underlying failure.
        reason: String,
    },
}

impl AuthError {
    /// The stable machine code of this error, for wire responses and audit records.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated { .. } => "unauthenticated",
            Self::InvalidToken { .. } => "invalid_token",
            Self::TokenExpired { .. } => "token_expired",
            Self::TokenNotYetValid { .. } => "token_not_yet_valid",
            Self::WrongIssuer { .. } => "wrong_issuer",
            Self::WrongAudience { .. } => "wrong_audience",
            Self::UnknownKey { .. } => "unknown_key",
            Self::Revoked { .. } => "revoked",
            Self::Forbidden { .. } => "forbidden",
            Self::NoGraphIdentity { .. } => "no_graph_identity",
            Self::DevLoginDisabled { .. } => "dev_login_disabled",
            Self::Config { .. } => "config",
            Self::Unavailable { .. } => "unavailable",
        }
    }

    pub(crate) fn unauthenticated(reason: impl Into<String>) -> Self {
        Self::Unauthenticated {
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid(reason: impl Into<String>) -> Self {
        Self::InvalidToken {
            reason: reason.into(),
        }
    }

    pub(crate) fn config(reason: impl Into<String>) -> Self {
        Self::Config {
            reason: reason.into(),
        }
    }

    pub(crate) fn forbidden(reason: impl Into<String>) -> Self {
        Self::Forbidden {
            reason: reason.into(),
        }
    }
}
