//! GraphQL over HTTP (`POST /graphql`), over WebSocket (`/graphql/ws`, graphql-ws and the
//! older subscriptions-transport-ws protocol; the token rides in the `Authorization` header
//! or the `connection_init` payload) and the GraphiQL playground in development.

use std::time::Instant;

use async_graphql::Data;
use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, GraphiQLSource};
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::refusal::{auth_refusal, rate_limited, refusal};
use crate::config::Mode;
use crate::service::Surface;

/// `POST /graphql`: authenticated, rate limited, executed with the caller in the request
/// data. In development a request without credentials still runs (introspection for the
/// playground) and every field refuses it.
pub async fn execute(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let mut request = request.into_inner();
    match authorization {
        None if state.mode == Mode::Development => {}
        _ => {
            let caller = match state
                .gatekeeper
                .caller(authorization, Surface::Graphql)
                .await
            {
                Ok(caller) => caller,
                Err(e) => return auth_refusal(&e),
            };
            if let Err(wait) = state.limiter.check(&caller.subject, Instant::now()) {
                return rate_limited(wait);
            }
            request = request.data(caller);
        }
    }
    GraphQLResponse::from(state.schema.execute(request).await).into_response()
}

/// `GET /graphql`: the playground in development; nothing in production.
pub async fn playground(State(state): State<AppState>) -> Response {
    if state.mode == Mode::Production {
        return refusal(
            StatusCode::NOT_FOUND,
            "not_found",
            "the playground is off in production; POST GraphQL requests to /graphql",
        );
    }
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .subscription_endpoint("/graphql/ws")
            .title("RevPulse GraphQL")
            .finish(),
    )
    .into_response()
}

/// `GET /graphql/ws`: subscriptions.
pub async fn websocket(
    State(state): State<AppState>,
    protocol: GraphQLProtocol,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let header_token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |stream| async move {
            let gatekeeper = state.gatekeeper.clone();
            let limiter = state.limiter.clone();
            GraphQLWebSocket::new(stream, state.schema.clone(), protocol)
                .on_connection_init(move |payload| async move {
                    let token = header_token.or_else(|| {
                        ["Authorization", "authorization"]
                            .iter()
                            .find_map(|k| payload.get(*k).and_then(|v| v.as_str()))
                            .map(str::to_owned)
                    });
                    let caller = gatekeeper
                        .caller(token.as_deref(), Surface::Graphql)
                        .await
                        .map_err(|e| {
                            async_graphql::Error::new(close_reason(format!("{}: {e}", e.code())))
                        })?;
                    if limiter.check(&caller.subject, Instant::now()).is_err() {
                        return Err(async_graphql::Error::new("rate_limited: too many requests"));
                    }
                    let mut data = Data::default();
                    data.insert(caller);
                    Ok(data)
                })
                .serve()
                .await;
        })
}

/// The longest reason a WebSocket close frame can carry: a control frame's payload is at most
/// 125 bytes (RFC 6455 §5.5), two of them the close code. graphql-ws refusals become the close
/// reason, and a client drops a longer frame as a protocol error instead of reading it.
const MAX_CLOSE_REASON: usize = 123;

/// `reason` cut at a character boundary to fit a close frame, ending in `…` when cut (the
/// refusal's code comes first, so it survives).
fn close_reason(reason: String) -> String {
    if reason.len() <= MAX_CLOSE_REASON {
        return reason;
    }
    let budget = MAX_CLOSE_REASON - '…'.len_utf8();
    let cut = (0..=budget)
        .rev()
        .find(|i| reason.is_char_boundary(*i))
        .unwrap_or(0);
    format!("{}…", &reason[..cut])
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{MAX_CLOSE_REASON, close_reason};

    proptest! {
        /// Any refusal fits a close frame, keeps its beginning, and is cut only when it must be.
        #[test]
        fn close_reasons_fit_a_control_frame(reason in "\\PC{0,200}") {
            let fitted = close_reason(reason.clone());
            prop_assert!(fitted.len() <= MAX_CLOSE_REASON);
            if reason.len() <= MAX_CLOSE_REASON {
                prop_assert_eq!(fitted, reason);
            } else {
                let kept = fitted.strip_suffix('…').unwrap_or_default();
                prop_assert!(reason.starts_with(kept));
                prop_assert!(kept.len() + 4 > MAX_CLOSE_REASON - '…'.len_utf8());
            }
        }
    }
}
