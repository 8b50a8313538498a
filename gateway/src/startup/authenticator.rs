//! The authenticator a configuration asks for. The development login is only built in
//! development mode (the configuration refuses it in production, and the auth crate refuses
//! to construct it there too).

use std::sync::Arc;
use std::time::Duration;

use revpulse_gateway_auth::{
    AuthError, Authenticator, DeploymentMode, DevLogin, OidcSettings, OidcVerifier, Role,
    RoleMapping,
};
use revpulse_gateway_store::AppStore;

use super::StoreTokens;
use crate::config::{GatewayConfig, Mode};

/// Builds the authenticator for `config`, resolving API tokens in `store`; discovers the
/// OIDC issuer (a network call) when one is configured.
pub async fn authenticator_from(
    config: &GatewayConfig,
    store: AppStore,
) -> Result<Authenticator, AuthError> {
    let mode = match config.mode {
        Mode::Development => DeploymentMode::Development,
        Mode::Production => DeploymentMode::Production,
    };
    let oidc = match &config.oidc {
        Some(oidc) => {
            let mut settings = OidcSettings::new(&oidc.issuer, &oidc.audience);
            settings.clock_skew = Duration::from_secs(oidc.clock_skew_secs);
            settings.algorithms = oidc.algorithms.clone();
            settings.groups_claim = oidc.groups_claim.clone();
            Some(OidcVerifier::discover(settings).await?)
        }
        None => None,
    };
    let dev_login = if config.dev_login {
        Some(DevLogin::new(mode)?)
    } else {
        None
    };
    Ok(Authenticator {
        oidc,
        api_tokens: Some(Arc::new(StoreTokens::new(store))),
        dev_login,
        mapping: role_mapping(config)?,
    })
}

/// The configured groups → roles.
fn role_mapping(config: &GatewayConfig) -> Result<RoleMapping, AuthError> {
    let parse = |role: &str| -> Result<Role, AuthError> {
        role.parse().map_err(|e| AuthError::Config {
            reason: format!("roles: {e}"),
        })
    };
    let mut mapping = RoleMapping::default();
    for (group, role) in &config.roles.groups {
        mapping.group_roles.insert(group.clone(), parse(role)?);
    }
    mapping.admin_groups = config.roles.admin_groups.iter().cloned().collect();
    mapping.default_role = config
        .roles
        .default_role
        .as_deref()
        .map(parse)
        .transpose()?;
    if let Some(oidc) = &config.oidc {
        mapping.graph_user_claim = oidc.user_id_claim.clone();
    }
    Ok(mapping)
}
