//! Who is calling, once authenticated: the identity every surface (GraphQL, MCP, bots) hands to
//! the audit log and to [`crate::scope_for`].

use serde::Serialize;

use crate::Role;

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    /// Stable subject: the OIDC `sub`, an API token's subject, or the graph user id (dev login).
    pub subject: String,
    /// Human-readable name for the workspace and the audit log.
    pub display_name: String,
    /// Email, when the identity provider vouches for one.
    pub email: Option<String>,
    /// Identity-provider groups (empty for API tokens and the dev login).
    pub groups: Vec<String>,
    /// The role deciding how much of the company the caller sees.
    pub role: Role,
    /// The person in the graph this caller is (needed by regional VPs, managers and reps).
    pub graph_user_id: Option<String>,
    /// Whether the caller may administer the gateway (audit log, tokens).
    pub is_admin: bool,
    /// How the caller authenticated.
    pub method: AuthMethod,
}

/// How a principal authenticated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuthMethod {
    /// An OIDC bearer JWT from `issuer`.
    Oidc {
        /// The issuer that signed the token.
        issuer: String,
    },
    /// A gateway API token (service accounts, bots).
    ApiToken {
        /// The token's id (never its secret).
        token_id: String,
    },
    /// The development login of the local demo.
    DevLogin,
}

impl Principal {
    /// The id the tools' scope is issued to: the graph user when there is one (so "my deals"
    /// means theirs), otherwise the subject.
    pub fn scope_principal(&self) -> &str {
        self.graph_user_id.as_deref().unwrap_or(&self.subject)
    }
}
