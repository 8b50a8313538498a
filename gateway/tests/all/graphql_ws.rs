//! `ask_stream` over a real WebSocket at `/graphql/ws`, spoken as graphql-transport-ws by a
//! client this project did not write: the token in the `connection_init` payload or in the
//! HTTP `Authorization` header, the events in order (steps, paragraphs, one `done` carrying
//! the stored answer, `complete`), the turn stored in the app database and audited under the
//! caller, and refusals closing the socket with the refusal's code and message.

use revpulse_gateway::config::{GatewayConfig, Mode};
use revpulse_gateway::service::RevPulseService;
use revpulse_gateway::startup::authenticator_from;
use revpulse_gateway_store::{AuditQuery, ConversationId, Decision, MessageRole};
use revpulse_graph::model::{User, UserRole};
use serde_json::{Value, json};

use crate::fixture::{service, shared, user_with};
use crate::graphql_ws_client::{
    ASK_STREAM, GraphqlWsClient, PROTOCOL, ServerFrame, StreamedAnswer,
};
use crate::running::{development, start};

/// Asks `question` as subscription `1` on an initialised connection; the answer read.
async fn ask(client: &mut GraphqlWsClient, question: &str) -> StreamedAnswer {
    client
        .subscribe("1", ASK_STREAM, json!({ "q": question }))
        .await;
    let messages = client.until_complete("1").await;
    let answer = StreamedAnswer::read(&messages);
    answer.assert_consistent();
    answer
}

/// Checks the turn is stored in `user`'s conversation exactly as streamed, and audited under
/// `user` on the GraphQL surface: the question, one entry per tool the steps called, the
/// answer citing the stored message.
async fn assert_stored_and_audited(
    service: &RevPulseService,
    user: &User,
    question: &str,
    answer: &StreamedAnswer,
) {
    let app = service.app();
    let id: ConversationId = answer.conversation_id().parse().unwrap();
    let conversation = app.conversation(id).await.unwrap();
    assert_eq!(conversation.principal, user.id);
    assert_eq!(conversation.surface, "graphql");
    let messages = app.messages(id).await.unwrap();
    let roles: Vec<MessageRole> = messages.iter().map(|m| m.role).collect();
    assert_eq!(roles, [MessageRole::User, MessageRole::Assistant]);
    assert_eq!(messages[0].text, question);
    assert_eq!(messages[1].text, answer.text());
    assert_eq!(messages[1].id.to_string(), answer.message_id());

    let entries = app
        .audit_entries(&AuditQuery {
            principal: Some(user.id.clone()),
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .all(|e| e.surface == "graphql" && e.decision == Decision::Allowed),
        "{entries:?}"
    );
    let kinds: Vec<&str> = entries.iter().map(|e| e.kind.as_str()).collect();
    let calls = answer.tools().len();
    assert_eq!(kinds.len(), calls + 2, "{kinds:?}");
    assert_eq!(kinds.first(), Some(&"question"));
    assert_eq!(kinds.last(), Some(&"answer"));
    assert!(
        kinds[1..=calls].iter().all(|k| *k == "tool_call"),
        "{kinds:?}"
    );
    let question_entry = &entries[0];
    assert_eq!(question_entry.args["question"], question);
    assert_eq!(
        question_entry.args["conversation_id"],
        answer.conversation_id()
    );
    let tools: Vec<&str> = entries[1..=calls].iter().map(|e| e.name.as_str()).collect();
    assert_eq!(tools, answer.tools());
    let answer_entry = entries.last().unwrap();
    assert_eq!(answer_entry.answer_id.as_deref(), Some(answer.message_id()));
    assert_eq!(answer_entry.name, "answered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_in_connection_init_streams_steps_text_then_the_stored_answer() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let cro = user_with(users, UserRole::Cro);
    let running = start(served.service.clone(), development()).await;
    let mut client = GraphqlWsClient::connect(&running.graphql_ws_url(), None).await;
    assert_eq!(client.protocol.as_deref(), Some(PROTOCOL));
    client
        .init_accepted(json!({ "Authorization": format!("Bearer dev:{}", cro.id) }))
        .await;
    let question = "Which deals are at risk this quarter?";
    let answer = ask(&mut client, question).await;
    assert!(!answer.tools().is_empty(), "{:?}", answer.steps);
    assert_stored_and_audited(&served.service, &cro, question, &answer).await;
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_in_the_authorization_header_works_too() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let rep = user_with(users, UserRole::Rep);
    let running = start(served.service.clone(), development()).await;
    let header = format!("Bearer dev:{}", rep.id);
    let mut client = GraphqlWsClient::connect(&running.graphql_ws_url(), Some(&header)).await;
    client.init_accepted(json!({})).await;
    let question = "What does our pipeline look like this quarter?";
    let answer = ask(&mut client, question).await;
    assert_stored_and_audited(&served.service, &rep, question, &answer).await;
    let others = served
        .service
        .app()
        .audit_entries(&AuditQuery::default())
        .await
        .unwrap();
    assert!(others.iter().all(|e| e.principal == rep.id), "{others:?}");
    running.stop().await;
}

/// What the server refuses `authorization` with, as `{code}: {message}` of the
/// authenticator's own error (the close reason the WebSocket should carry).
async fn refusal_of(
    service: &RevPulseService,
    config: &GatewayConfig,
    authorization: Option<&str>,
) -> (&'static str, String) {
    let authenticator = authenticator_from(config, service.app().clone())
        .await
        .unwrap();
    let e = authenticator
        .authenticate(authorization, service.users())
        .await
        .unwrap_err();
    (e.code(), format!("{}: {e}", e.code()))
}

/// Connects, sends `connection_init` with `payload`, and returns how the server closed.
async fn refused(url: &str, header: Option<&str>, payload: Value) -> (u16, String) {
    let mut client = GraphqlWsClient::connect(url, header).await;
    match client.init(payload).await {
        ServerFrame::Closed { code, reason } => (code, reason),
        other => panic!("expected the server to close the socket, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_valid_token_the_socket_is_closed_with_the_refusal() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let config = development();
    let running = start(served.service.clone(), config.clone()).await;
    let url = running.graphql_ws_url();

    let (code, expected) = refusal_of(&served.service, &config, None).await;
    assert_eq!(code, "unauthenticated");
    assert_eq!(refused(&url, None, json!({})).await, (1002, expected));

    let unknown = "Bearer rp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let (code, expected) = refusal_of(&served.service, &config, Some(unknown)).await;
    assert_eq!(code, "invalid_token");
    assert_eq!(
        refused(&url, None, json!({ "Authorization": unknown })).await,
        (1002, expected.clone())
    );
    assert_eq!(
        refused(&url, Some(unknown), json!({})).await,
        (1002, expected)
    );
    running.stop().await;

    // In production the development login is refused, and its explanation is long.
    let production = GatewayConfig {
        mode: Mode::Production,
        ..GatewayConfig::default()
    };
    let running = start(served.service.clone(), production.clone()).await;
    let dev = format!("Bearer dev:{}", user_with(users, UserRole::Cro).id);
    let (code, message) = refusal_of(&served.service, &production, Some(&dev)).await;
    assert_eq!(code, "dev_login_disabled");
    let (close, reason) = refused(
        &running.graphql_ws_url(),
        None,
        json!({ "Authorization": dev }),
    )
    .await;
    assert_eq!(close, 1002);
    // A close frame's payload is at most 125 bytes (RFC 6455): longer refusals are cut.
    if message.len() <= 123 {
        assert_eq!(reason, message);
    } else {
        assert!(reason.len() <= 123, "{reason}");
        let kept = reason
            .strip_suffix('…')
            .unwrap_or_else(|| panic!("{reason}"));
        assert!(
            message.starts_with(kept),
            "{reason} is not the start of {message}"
        );
        assert!(kept.starts_with("dev_login_disabled: "), "{reason}");
    }
    running.stop().await;
}
