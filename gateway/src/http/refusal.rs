//! How the HTTP surface says no: a JSON body with a stable code and a message, the right
//! status, and `WWW-Authenticate` / `Retry-After` where HTTP expects them.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use revpulse_gateway_auth::AuthError;
use serde_json::json;

/// A refused request.
pub fn refusal(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({
        "error": { "code": code, "message": message },
        "errors": [ { "message": message, "extensions": { "code": code } } ],
    });
    (status, axum::Json(body)).into_response()
}

/// An authentication or authorisation failure.
pub fn auth_refusal(error: &AuthError) -> Response {
    let code = error.code();
    let status = match code {
        "forbidden" | "no_graph_identity" | "dev_login_disabled" => StatusCode::FORBIDDEN,
        "config" => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNAUTHORIZED,
    };
    let mut response = refusal(status, code, &error.to_string());
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"revpulse\""),
        );
    }
    response
}

/// Too many requests from one principal.
pub fn rate_limited(wait: Duration) -> Response {
    let seconds = wait.as_secs().max(1);
    let mut response = refusal(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        &format!("too many requests; try again in {seconds} s"),
    );
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}
