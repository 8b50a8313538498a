//! Authorisation: the [`Scope`] a principal's tools run with. The principal's role decides the
//! breadth; for the narrower roles the graph user supplies the region, team or identity. A role
//! that needs a graph user and has none gets an error, never a wider scope.

use revpulse_graph::model::User;
use revpulse_tools::Scope;

use crate::{AuthError, Principal, Role};

/// The scope of `principal`, given everyone in the company.
///
/// - CRO, executive, finance, marketing, customer success: everything.
/// - Regional VP: their graph user's region (and their own deals), as [`Scope::for_user`].
/// - Manager: their graph user's team — members, direct reports and themselves.
/// - Rep: their own deals and accounts.
pub fn scope_for(principal: &Principal, users: &[User]) -> Result<Scope, AuthError> {
    if principal.role.sees_everything() {
        return Ok(Scope::everything(principal.scope_principal()));
    }
    let user = graph_user(principal, users)?;
    if principal.role == Role::RegionalVp && user.region_id.is_none() {
        return Err(no_identity(
            principal,
            format!("graph user `{}` has no region", user.id),
        ));
    }
    let Some(user_role) = principal.role.user_role() else {
        return Err(no_identity(
            principal,
            "the role has no graph equivalent".to_owned(),
        ));
    };
    // The graph user's own role may differ (a rep promoted in the IdP before the CRM): the
    // principal's role is applied to the graph user's place in the organisation.
    let as_role = User {
        role: user_role,
        ..user.clone()
    };
    Ok(Scope::for_user(&as_role, users))
}

fn graph_user<'u>(principal: &Principal, users: &'u [User]) -> Result<&'u User, AuthError> {
    let Some(id) = principal.graph_user_id.as_deref() else {
        return Err(no_identity(
            principal,
            "no graph user is linked to them (set the graph user claim or a matching email)"
                .to_owned(),
        ));
    };
    users
        .iter()
        .find(|u| u.id == id)
        .ok_or_else(|| no_identity(principal, format!("graph user `{id}` does not exist")))
}

fn no_identity(principal: &Principal, reason: String) -> AuthError {
    AuthError::NoGraphIdentity {
        subject: principal.subject.clone(),
        role: principal.role.as_str().to_owned(),
        reason,
    }
}
