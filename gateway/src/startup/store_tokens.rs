//! API tokens checked against the app database: the auth crate's resolver over the store's
//! token table, with the store's refusals mapped to authentication errors.

use async_trait::async_trait;
use chrono::Utc;
use revpulse_gateway_auth::{ApiTokenGrant, ApiTokenResolver, AuthError, Role};
use revpulse_gateway_store::{AppStore, StoreError};

/// The resolver over `AppStore`.
#[derive(Clone)]
pub struct StoreTokens {
    store: AppStore,
}

impl StoreTokens {
    /// Resolves tokens in `store`.
    pub fn new(store: AppStore) -> Self {
        Self { store }
    }
}

#[async_trait]
impl ApiTokenResolver for StoreTokens {
    async fn resolve(&self, secret: &str) -> Result<ApiTokenGrant, AuthError> {
        let record = self
            .store
            .resolve_api_token(secret, Utc::now())
            .await
            .map_err(|e| match e {
                StoreError::MalformedApiToken | StoreError::UnknownApiToken { .. } => {
                    AuthError::InvalidToken {
                        reason: e.to_string(),
                    }
                }
                StoreError::RevokedApiToken { ref prefix, .. } => AuthError::Revoked {
                    credential: format!("api token `{prefix}…`"),
                },
                StoreError::ExpiredApiToken {
                    ref prefix,
                    expired_at,
                } => AuthError::TokenExpired {
                    credential: format!("api token `{prefix}…`"),
                    expired_at: expired_at.to_rfc3339(),
                },
                other => AuthError::Unavailable {
                    what: "the api token store".into(),
                    reason: other.to_string(),
                },
            })?;
        let role: Role = record.role.parse().map_err(|e| AuthError::Config {
            reason: format!("api token {} carries an unknown role: {e}", record.id),
        })?;
        Ok(ApiTokenGrant {
            token_id: record.id.to_string(),
            subject: record.subject,
            name: record.name,
            role,
            graph_user_id: record.graph_user_id,
        })
    }
}
