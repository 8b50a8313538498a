//! The gateway's app database: users and role mappings, API tokens, conversations and
//! messages, forecast submissions and overrides, alert acknowledgements, briefs, and the
//! hash-chained audit log.
//!
//! One [`AppStore`] speaks to a SQLite file (the default: `sqlite://PATH`) or a PostgreSQL
//! server (`postgres://…`, for several gateway processes), with the same operations and the
//! same checked-in migrations per backend, run on connect. Every multi-statement write is one
//! transaction. [`local_postgres`] starts a throwaway PostgreSQL for tests.

mod alerts;
mod api_tokens;
mod audit;
mod backend;
mod briefs;
mod conversations;
mod error;
mod forecasts;
mod ids;
pub mod local_postgres;
mod stamp;
mod store;
mod users;

pub use alerts::AlertAcknowledgement;
pub use api_tokens::{API_TOKEN_PREFIX, ApiTokenRecord, IssuedApiToken, NewApiToken};
pub use audit::{
    AuditEntry, AuditHashInput, AuditQuery, AuditWriter, BrokenLink, BrokenReason,
    ChainVerification, Decision, GENESIS_HASH, MAX_AUDIT_PAGE, MAX_GROUP, NewAuditEntry,
    canonical_json,
};
pub use backend::Backend;
pub use briefs::{Brief, BriefKind, NewBrief};
pub use conversations::{Conversation, Message, MessageRole};
pub use error::StoreError;
pub use forecasts::{
    ForecastOverride, ForecastOverrideRecord, ForecastSubmission, ForecastSubmissionRecord,
};
pub use ids::{
    ApiTokenId, BriefId, ConversationId, ForecastOverrideId, ForecastSubmissionId, MessageId,
};
pub use store::AppStore;
pub use users::{RoleMapping, User};
