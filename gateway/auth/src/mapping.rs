//! From an identity provider's verified claims to a [`Principal`]: which groups grant which
//! role (the most privileged by [`Role::PRECEDENCE`] wins), which groups make an
//! administrator, and which person in the graph the caller is (an explicit claim, else the
//! verified email matched case-insensitively).

use std::collections::{BTreeMap, BTreeSet};

use revpulse_graph::model::User;
use serde::{Deserialize, Serialize};

use crate::oidc::VerifiedClaims;
use crate::{AuthError, AuthMethod, Principal, Role};

/// How identity-provider claims become roles and graph identities (from configuration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RoleMapping {
    /// Group name (exact, case-sensitive) → role. When several of a caller's groups map, the
    /// role earliest in [`Role::PRECEDENCE`] is taken.
    pub group_roles: BTreeMap<String, Role>,
    /// Groups whose members administer the gateway.
    pub admin_groups: BTreeSet<String>,
    /// The claim that names the caller's graph user id explicitly (default `revpulse_user_id`).
    pub graph_user_claim: String,
    /// The role of an authenticated caller none of whose groups map; `None` refuses them.
    pub default_role: Option<Role>,
}

impl Default for RoleMapping {
    fn default() -> Self {
        Self {
            group_roles: BTreeMap::new(),
            admin_groups: BTreeSet::new(),
            graph_user_claim: "revpulse_user_id".to_owned(),
            default_role: None,
        }
    }
}

impl RoleMapping {
    /// The role `groups` grant, by precedence; the default role when none maps.
    pub fn role_for(&self, groups: &[String]) -> Option<Role> {
        groups
            .iter()
            .filter_map(|g| self.group_roles.get(g).copied())
            .min_by_key(|r| r.precedence())
            .or(self.default_role)
    }

    /// Whether any of `groups` is an admin group.
    pub fn is_admin(&self, groups: &[String]) -> bool {
        groups.iter().any(|g| self.admin_groups.contains(g))
    }

    /// The principal of a caller with `claims` from `issuer`, given the graph's users.
    pub fn principal(
        &self,
        claims: &VerifiedClaims,
        issuer: &str,
        users: &[User],
    ) -> Result<Principal, AuthError> {
        let groups = claims.groups().to_vec();
        let role = self.role_for(&groups).ok_or_else(|| {
            AuthError::forbidden(format!(
                "`{}` is authenticated but none of their groups maps to a RevPulse role",
                claims.sub()
            ))
        })?;
        let graph_user = self.graph_user(claims, role, users)?;
        let display_name = claims
            .name()
            .or(graph_user.map(|u| u.name.as_str()))
            .or(claims.email())
            .unwrap_or(claims.sub())
            .to_owned();
        Ok(Principal {
            subject: claims.sub().to_owned(),
            display_name,
            email: claims.email().map(str::to_owned),
            is_admin: self.is_admin(&groups),
            groups,
            role,
            graph_user_id: graph_user.map(|u| u.id.clone()),
            method: AuthMethod::Oidc {
                issuer: issuer.to_owned(),
            },
        })
    }

    /// The graph user `claims` name: by the explicit claim (which must exist in the graph),
    /// else by verified email; `None` when neither finds one.
    fn graph_user<'u>(
        &self,
        claims: &VerifiedClaims,
        role: Role,
        users: &'u [User],
    ) -> Result<Option<&'u User>, AuthError> {
        if let Some(id) = claims.string_claim(&self.graph_user_claim) {
            return users.iter().find(|u| u.id == id).map(Some).ok_or_else(|| {
                AuthError::NoGraphIdentity {
                    subject: claims.sub().to_owned(),
                    role: role.as_str().to_owned(),
                    reason: format!(
                        "claim `{}` names user `{id}`, who is not in the graph",
                        self.graph_user_claim
                    ),
                }
            });
        }
        Ok(claims
            .email()
            .and_then(|email| users.iter().find(|u| u.email.eq_ignore_ascii_case(email))))
    }
}
