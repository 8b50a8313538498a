//! The development login of the local demo: `Authorization: Bearer dev:<user id or email>`
//! signs in as that person of the demo company, with their graph role. It exists only when the
//! deployment says `development`; constructing it in production is an error, so a production
//! configuration cannot switch it on by accident.

use std::fmt;
use std::str::FromStr;

use revpulse_graph::model::{User, UserRole};
use serde::{Deserialize, Serialize};

use crate::{AuthError, AuthMethod, Principal, Role};

/// The credential prefix of the development login.
pub const DEV_LOGIN_PREFIX: &str = "dev:";

/// Where the gateway runs. Defaults to production: development must be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentMode {
    /// The local demo on a developer's machine.
    Development,
    /// Anything serving real users.
    #[default]
    Production,
}

impl DeploymentMode {
    /// `development` or `production`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Development => "development",
            Self::Production => "production",
        }
    }
}

impl fmt::Display for DeploymentMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DeploymentMode {
    type Err = AuthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "development" => Ok(Self::Development),
            "production" => Ok(Self::Production),
            other => Err(AuthError::config(format!(
                "deployment mode `{}` is not `development` or `production`",
                other.chars().take(64).collect::<String>()
            ))),
        }
    }
}

/// The enabled development login. Only [`DevLogin::new`] in development makes one.
#[derive(Debug, Clone)]
pub struct DevLogin {
    _development_only: (),
}

impl DevLogin {
    /// Enables the development login; refused in [`DeploymentMode::Production`].
    pub fn new(mode: DeploymentMode) -> Result<Self, AuthError> {
        match mode {
            DeploymentMode::Development => Ok(Self {
                _development_only: (),
            }),
            DeploymentMode::Production => Err(AuthError::DevLoginDisabled {
                reason: "it cannot be enabled in production mode".to_owned(),
            }),
        }
    }

    /// Signs in as the graph user named by `who` (their id, or their email in any case).
    ///
    /// The principal has the user's graph role; the CRO is also an administrator, so the demo
    /// can show the audit log.
    pub fn authenticate(&self, who: &str, users: &[User]) -> Result<Principal, AuthError> {
        let who = who.trim();
        let user = users
            .iter()
            .find(|u| u.id == who)
            .or_else(|| users.iter().find(|u| u.email.eq_ignore_ascii_case(who)))
            .ok_or_else(|| {
                AuthError::invalid(format!(
                    "development login: no user `{}` in the graph",
                    who.chars().take(64).collect::<String>()
                ))
            })?;
        Ok(Principal {
            subject: user.id.clone(),
            display_name: user.name.clone(),
            email: Some(user.email.clone()),
            groups: Vec::new(),
            role: Role::from_user_role(user.role),
            graph_user_id: Some(user.id.clone()),
            is_admin: user.role == UserRole::Cro,
            method: AuthMethod::DevLogin,
        })
    }
}
