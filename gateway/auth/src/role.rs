//! The roles a principal can hold at the gateway. A role decides how much of the company a
//! caller sees (see [`crate::scope_for`]); it comes from an identity provider's groups, an API
//! token's grant, or (in development) the graph user's own role.

use std::fmt;
use std::str::FromStr;

use revpulse_graph::model::UserRole;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A principal's role.
///
/// When several of a principal's groups map to different roles, the one earliest in
/// [`Role::PRECEDENCE`] wins: the widest view of the company first (the roles that see
/// everything, most senior first), then regional VP, manager, rep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Chief revenue officer: the whole company.
    Cro,
    /// Other executives (CEO, COO, board observers): the whole company.
    Executive,
    /// Regional vice president: their region(s).
    RegionalVp,
    /// First-line sales manager: their team's deals and accounts.
    Manager,
    /// Account executive: their own deals and accounts.
    Rep,
    /// Marketing: the whole company.
    Marketing,
    /// Finance: the whole company.
    Finance,
    /// Customer success: the whole company (every customer).
    CustomerSuccess,
}

impl Role {
    /// Every role, in precedence order (the first listed wins when several apply).
    pub const PRECEDENCE: [Role; 8] = [
        Role::Cro,
        Role::Executive,
        Role::Finance,
        Role::Marketing,
        Role::CustomerSuccess,
        Role::RegionalVp,
        Role::Manager,
        Role::Rep,
    ];

    /// The stable snake_case name (`cro`, `regional_vp`, …), as in configuration and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cro => "cro",
            Self::Executive => "executive",
            Self::RegionalVp => "regional_vp",
            Self::Manager => "manager",
            Self::Rep => "rep",
            Self::Marketing => "marketing",
            Self::Finance => "finance",
            Self::CustomerSuccess => "customer_success",
        }
    }

    /// Position in [`Role::PRECEDENCE`] (0 wins over everything).
    pub fn precedence(self) -> usize {
        Self::PRECEDENCE
            .iter()
            .position(|r| *r == self)
            .unwrap_or(Self::PRECEDENCE.len())
    }

    /// The role a graph user holds, as a gateway role.
    pub fn from_user_role(role: UserRole) -> Self {
        match role {
            UserRole::Cro => Self::Cro,
            UserRole::RegionalVp => Self::RegionalVp,
            UserRole::Manager => Self::Manager,
            UserRole::Rep => Self::Rep,
            UserRole::Marketing => Self::Marketing,
            UserRole::Finance => Self::Finance,
            UserRole::CustomerSuccess => Self::CustomerSuccess,
        }
    }

    /// The graph's role of the same breadth, if the graph has one (executives are gateway-only).
    pub fn user_role(self) -> Option<UserRole> {
        match self {
            Self::Cro => Some(UserRole::Cro),
            Self::Executive => None,
            Self::RegionalVp => Some(UserRole::RegionalVp),
            Self::Manager => Some(UserRole::Manager),
            Self::Rep => Some(UserRole::Rep),
            Self::Marketing => Some(UserRole::Marketing),
            Self::Finance => Some(UserRole::Finance),
            Self::CustomerSuccess => Some(UserRole::CustomerSuccess),
        }
    }

    /// Whether this role sees the whole company, so needs no person in the graph.
    pub fn sees_everything(self) -> bool {
        match self {
            Self::Cro
            | Self::Executive
            | Self::Finance
            | Self::Marketing
            | Self::CustomerSuccess => true,
            Self::RegionalVp | Self::Manager | Self::Rep => false,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role name that is not one of [`Role`]'s.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown role `{input}`; expected one of: {}", expected_names())]
pub struct ParseRoleError {
    /// The rejected text (cut to 64 characters).
    pub input: String,
}

fn expected_names() -> String {
    Role::PRECEDENCE
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for Role {
    type Err = ParseRoleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::PRECEDENCE
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| ParseRoleError {
                input: s.chars().take(64).collect(),
            })
    }
}
