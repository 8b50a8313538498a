//! From an `Authorization` header to a [`Caller`]: the authenticator says who it is, the role
//! mapping says what they may see, and a failure becomes a refusal with a stable code.

use std::sync::Arc;

use revpulse_gateway_auth::{AuthError, Authenticator, Principal, scope_for};

use crate::service::{Caller, RevPulseService, Surface};

/// Authenticates requests for every surface.
#[derive(Clone)]
pub struct Gatekeeper {
    authenticator: Arc<Authenticator>,
    service: RevPulseService,
}

impl Gatekeeper {
    /// A gatekeeper using `authenticator` against `service`'s users.
    pub fn new(authenticator: Arc<Authenticator>, service: RevPulseService) -> Self {
        Self {
            authenticator,
            service,
        }
    }

    /// The caller behind `authorization` (the header's value) on `surface`.
    pub async fn caller(
        &self,
        authorization: Option<&str>,
        surface: Surface,
    ) -> Result<Caller, AuthError> {
        let users = self.service.users();
        let principal = self
            .authenticator
            .authenticate(authorization, users)
            .await?;
        let scope = scope_for(&principal, users)?;
        Ok(caller_of(&principal, scope, surface))
    }
}

/// The caller of an authenticated `principal`.
pub fn caller_of(principal: &Principal, scope: revpulse_tools::Scope, surface: Surface) -> Caller {
    Caller {
        subject: principal.subject.clone(),
        display_name: principal.display_name.clone(),
        role: principal.role.as_str().to_owned(),
        is_admin: principal.is_admin,
        scope,
        surface,
    }
}
