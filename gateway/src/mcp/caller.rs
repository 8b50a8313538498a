//! Who an MCP request acts for. Over stdio it is the one caller the server was started as.
//! Over HTTP it is the caller the authentication middleware attached to *that* HTTP request
//! (rmcp hands the request's `http::request::Parts` to the handler in the request context),
//! so a session never carries a principal from one request to the next.

use axum::http::request::Parts;
use rmcp::ErrorData;
use rmcp::service::{RequestContext, RoleServer};

use crate::service::Caller;

/// Where the handler finds the caller of a request.
#[derive(Debug, Clone)]
pub(crate) enum CallerSource {
    /// Every request acts for this caller (stdio: the process was started as them).
    Fixed(Caller),
    /// Each request carries its own caller in its HTTP request's extensions.
    PerRequest,
}

impl CallerSource {
    /// The caller of the request in `context`. A request without one is refused: the handler
    /// was mounted without the authentication middleware, and it never guesses.
    pub(crate) fn caller_of(
        &self,
        context: &RequestContext<RoleServer>,
    ) -> Result<Caller, ErrorData> {
        match self {
            Self::Fixed(caller) => Ok(caller.clone()),
            Self::PerRequest => context
                .extensions
                .get::<Parts>()
                .and_then(|parts| parts.extensions.get::<Caller>())
                .cloned()
                .ok_or_else(|| {
                    tracing::error!(
                        "an MCP request reached the handler without an authenticated caller"
                    );
                    ErrorData::internal_error("the request carries no authenticated caller", None)
                }),
        }
    }
}
