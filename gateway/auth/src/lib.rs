//! Gateway authentication and authorisation: who is calling (OIDC bearer JWTs, API tokens,
//! the development login of the local demo) and what they may see (their role mapped to the
//! tools' [`revpulse_tools::Scope`]).
//!
//! The gateway builds one [`Authenticator`] at start-up, calls
//! [`Authenticator::authenticate`] with each request's `Authorization` header, and
//! [`scope_for`] with the resulting [`Principal`]. Every failure is an [`AuthError`] with a
//! stable [`AuthError::code`].

mod api_token;
mod authenticator;
mod dev_login;
mod error;
mod mapping;
pub mod oidc;
mod principal;
mod role;
mod scope;

pub use api_token::{API_TOKEN_PREFIX, ApiTokenGrant, ApiTokenResolver, is_api_token};
pub use authenticator::Authenticator;
pub use dev_login::{DEV_LOGIN_PREFIX, DeploymentMode, DevLogin};
pub use error::AuthError;
pub use mapping::RoleMapping;
pub use oidc::{OidcSettings, OidcVerifier, VerifiedClaims};
pub use principal::{AuthMethod, Principal};
pub use role::{ParseRoleError, Role};
pub use scope::scope_for;
