//! Start-up wiring from configuration: the authenticator (OIDC issuer, API tokens over the
//! app database, the development login) and the role mapping.

mod authenticator;
mod store_tokens;

pub use authenticator::authenticator_from;
pub use store_tokens::StoreTokens;
