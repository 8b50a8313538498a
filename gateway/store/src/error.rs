//! Everything that can go wrong in the app database, each with what and where.
//!
//! Messages never contain an API token's secret: at most its non-secret display prefix.

use chrono::{DateTime, Utc};

/// An error from the app database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no backend this store speaks. Fix the configuration; retrying won't help.
    #[error(
        "app database `{url}`: unsupported URL (expected `sqlite://PATH`, `sqlite::memory:` or `postgres://…`)"
    )]
    UnsupportedUrl {
        /// The URL as given, password removed.
        url: String,
    },
    /// The database could not be opened or reached. Check the URL and that the server is up;
    /// retrying later may help.
    #[error("app database `{url}`: cannot connect: {source}")]
    Connect {
        /// The URL, password removed.
        url: String,
        /// What sqlx reported.
        #[source]
        source: sqlx::Error,
    },
    /// The schema migrations failed (for example a checked-in migration was edited after it
    /// ran). Abort start-up and surface to the operator.
    #[error("app database `{url}`: migrations failed: {source}")]
    Migrate {
        /// The URL, password removed.
        url: String,
        /// What the migrator reported.
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    /// A statement failed. Usually transient (connection lost, lock timeout): the operation was
    /// rolled back as a whole and may be retried.
    #[error("app database `{url}`: {action} failed: {source}")]
    Query {
        /// The URL, password removed.
        url: String,
        /// What the store was doing, e.g. "appending to the audit log".
        action: &'static str,
        /// What sqlx reported.
        #[source]
        source: sqlx::Error,
    },
    /// A stored value is not one this store writes (edited by hand, or a newer schema).
    /// Surface to the operator.
    #[error("app database `{url}`: {what} holds an unreadable value: {detail}")]
    Corrupt {
        /// The URL, password removed.
        url: String,
        /// Which record, e.g. "message 12".
        what: String,
        /// What was wrong with it.
        detail: String,
    },
    /// The audit writer's task ended while an entry was waiting (the runtime is shutting
    /// down). The entry may or may not have been appended; `revpulse audit verify` shows the
    /// chain as it is.
    #[error("app database `{url}`: the audit writer stopped before confirming an entry")]
    AuditWriterStopped {
        /// The URL, password removed.
        url: String,
    },
    /// The record does not exist. Surface to the caller as "not found".
    #[error("{kind} `{id}` not found")]
    NotFound {
        /// What kind of record, e.g. "conversation".
        kind: &'static str,
        /// The id that was asked for.
        id: String,
    },
    /// An input was rejected before touching the database. Surface to the caller.
    #[error("{what} is invalid: {reason}")]
    InvalidInput {
        /// Which input.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// The operating system's random source failed, so no secret could be generated. Abort the
    /// operation; retrying may help.
    #[error("cannot read the operating system's random source: {reason}")]
    Entropy {
        /// What the random source reported.
        reason: String,
    },
    /// The presented string is not shaped like an API token. Refuse the request.
    #[error("api token is malformed: expected `rp_` followed by 43 URL-safe base64 characters")]
    MalformedApiToken,
    /// No API token has this secret. Refuse the request.
    #[error("api token `{prefix}…` is unknown")]
    UnknownApiToken {
        /// The token's non-secret display prefix.
        prefix: String,
    },
    /// The API token was revoked. Refuse the request.
    #[error("api token `{prefix}…` is revoked (since {revoked_at})")]
    RevokedApiToken {
        /// The token's non-secret display prefix.
        prefix: String,
        /// When it was revoked.
        revoked_at: DateTime<Utc>,
    },
    /// The API token has expired. Refuse the request.
    #[error("api token `{prefix}…` expired at {expired_at}")]
    ExpiredApiToken {
        /// The token's non-secret display prefix.
        prefix: String,
        /// When it expired.
        expired_at: DateTime<Utc>,
    },
}
