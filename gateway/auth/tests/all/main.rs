//! Integration tests of the gateway's authentication and authorisation: real JWTs signed with
//! keys generated here, verified against a discovery document and JWKS served on loopback.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_tokens;
mod authenticator;
mod company;
mod dev_login;
mod issuer;
mod keys;
mod oidc_config;
mod oidc_tokens;
mod role_mapping;
mod roles;
mod rotation;
mod scopes;
