//! Users as seen at sign-in, and the mapping from identity-provider groups to roles.
//!
//! Roles are plain strings here; the auth crate parses them into its role type.

use chrono::{DateTime, Utc};

use crate::backend::dispatch;
use crate::stamp::{Stamp, now};
use crate::{AppStore, StoreError};

/// A user the gateway has seen sign in.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct User {
    /// The identity provider's stable subject (`sub`).
    pub subject: String,
    /// Email address at the last sign-in.
    pub email: String,
    /// Display name at the last sign-in.
    pub name: String,
    /// The matching `User` node in the knowledge graph, when known.
    pub graph_user_id: Option<String>,
    /// First sign-in.
    pub first_seen_at: DateTime<Utc>,
    /// Latest sign-in.
    pub last_seen_at: DateTime<Utc>,
}

/// One identity-provider group mapped to one role.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RoleMapping {
    /// The group name as it appears in the token's groups claim.
    #[sqlx(rename = "group_name")]
    pub group: String,
    /// The role name (parsed by the auth crate).
    pub role: String,
}

const UPSERT_USER: &str = "\
    INSERT INTO users (subject, email, name, graph_user_id, first_seen_at, last_seen_at) \
    VALUES ($1, $2, $3, $4, $5, $5) \
    ON CONFLICT (subject) DO UPDATE SET email = excluded.email, name = excluded.name, \
        graph_user_id = excluded.graph_user_id, last_seen_at = excluded.last_seen_at \
    RETURNING subject, email, name, graph_user_id, first_seen_at, last_seen_at";
const SELECT_USER: &str = "\
    SELECT subject, email, name, graph_user_id, first_seen_at, last_seen_at \
    FROM users WHERE subject = $1";
const UPSERT_ROLE_MAPPING: &str = "\
    INSERT INTO role_mappings (group_name, role, updated_at) VALUES ($1, $2, $3) \
    ON CONFLICT (group_name) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at";
const DELETE_ROLE_MAPPING: &str = "DELETE FROM role_mappings WHERE group_name = $1";
const SELECT_ROLE_MAPPINGS: &str = "SELECT group_name, role FROM role_mappings ORDER BY group_name";

impl AppStore {
    /// Records a sign-in: creates the user on first sight, otherwise refreshes their details
    /// and `last_seen_at` (keeping `first_seen_at`).
    pub async fn upsert_user(
        &self,
        subject: &str,
        email: &str,
        name: &str,
        graph_user_id: Option<&str>,
    ) -> Result<User, StoreError> {
        non_empty("user subject", subject)?;
        let seen = Stamp(now());
        dispatch!(&self.pools, db => sqlx::query_as::<_, User>(UPSERT_USER)
            .bind(subject)
            .bind(email)
            .bind(name)
            .bind(graph_user_id)
            .bind(seen)
            .fetch_one(db.pool())
            .await)
        .map_err(self.failed("recording a user sign-in"))
    }

    /// The user with this subject, if they have ever signed in.
    pub async fn user(&self, subject: &str) -> Result<Option<User>, StoreError> {
        dispatch!(&self.pools, db => sqlx::query_as::<_, User>(SELECT_USER)
            .bind(subject)
            .fetch_optional(db.pool())
            .await)
        .map_err(self.failed("reading a user"))
    }

    /// Maps `group` to `role`, replacing any earlier mapping of that group.
    pub async fn set_role_mapping(&self, group: &str, role: &str) -> Result<(), StoreError> {
        non_empty("role mapping group", group)?;
        non_empty("role mapping role", role)?;
        let at = Stamp(now());
        dispatch!(&self.pools, db => sqlx::query(UPSERT_ROLE_MAPPING)
            .bind(group)
            .bind(role)
            .bind(at)
            .execute(db.pool())
            .await
            .map(drop))
        .map_err(self.failed("setting a role mapping"))
    }

    /// Removes the mapping of `group`; returns whether there was one.
    pub async fn remove_role_mapping(&self, group: &str) -> Result<bool, StoreError> {
        dispatch!(&self.pools, db => sqlx::query(DELETE_ROLE_MAPPING)
            .bind(group)
            .execute(db.pool())
            .await
            .map(|done| done.rows_affected() > 0))
        .map_err(self.failed("removing a role mapping"))
    }

    /// Every group → role mapping, by group name.
    pub async fn role_mappings(&self) -> Result<Vec<RoleMapping>, StoreError> {
        dispatch!(&self.pools, db => sqlx::query_as::<_, RoleMapping>(SELECT_ROLE_MAPPINGS)
            .fetch_all(db.pool())
            .await)
        .map_err(self.failed("listing role mappings"))
    }
}

/// Rejects an empty (or all-blank) required text.
pub(crate) fn non_empty(what: &'static str, value: &str) -> Result<(), StoreError> {
    if value.trim().is_empty() {
        return Err(StoreError::InvalidInput {
            what,
            reason: "it is empty".to_string(),
        });
    }
    Ok(())
}
