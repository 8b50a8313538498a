//! The MCP handler in process, over `tokio::io::duplex` with rmcp's own client, for what the
//! foreign-client tests do not reach: a per-request server reached without an authenticated
//! HTTP request refuses everything, a closed deal reads without a win probability, the weekly
//! brief is the one the agents write, and a URI RevPulse does not serve is not found.

use revpulse_agents::write_brief;
use revpulse_gateway::mcp::RevPulseMcp;
use revpulse_gateway::service::Surface;
use revpulse_graph::model::{Stage, UserRole};
use revpulse_tools::brief::BriefKind;
use rmcp::ServiceExt;
use rmcp::model::{CallToolRequestParams, ErrorCode, ReadResourceRequestParams, ResourceContents};
use rmcp::service::{RoleClient, RunningService, ServiceError};

use crate::fixture::{caller_for, service, shared, user_with};

async fn connect(server: RevPulseMcp) -> RunningService<RoleClient, ()> {
    let (client_side, server_side) = tokio::io::duplex(1 << 20);
    tokio::spawn(async move {
        if let Ok(running) = server.serve(server_side).await {
            let _ = running.waiting().await;
        }
    });
    ().serve(client_side).await.unwrap()
}

fn error_code(result: Result<impl std::fmt::Debug, ServiceError>) -> ErrorCode {
    match result {
        Err(ServiceError::McpError(e)) => e.code,
        other => panic!("expected an MCP error, got {other:?}"),
    }
}

async fn read_text(client: &RunningService<RoleClient, ()>, uri: &str) -> String {
    let read = client
        .read_resource(ReadResourceRequestParams::new(uri))
        .await
        .unwrap();
    match &read.contents[0] {
        ResourceContents::TextResourceContents { text, .. } => text.clone(),
        other => panic!("{uri} is not text: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_per_request_server_without_an_authenticated_request_refuses_everything() {
    let served = service().await;
    let client = connect(RevPulseMcp::per_request(served.service.clone())).await;
    assert_eq!(
        error_code(client.list_all_tools().await),
        ErrorCode::INTERNAL_ERROR
    );
    let call = client
        .call_tool(CallToolRequestParams::new("pipeline"))
        .await;
    assert_eq!(error_code(call), ErrorCode::INTERNAL_ERROR);
    let read = client
        .read_resource(ReadResourceRequestParams::new("revpulse://brief/daily"))
        .await;
    assert_eq!(error_code(read), ErrorCode::INTERNAL_ERROR);
    client.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_deals_weekly_briefs_and_unknown_uris_read_as_expected() {
    let served = service().await;
    let data = &shared().await.dataset;
    let cro = user_with(&data.users, UserRole::Cro);
    let caller = caller_for(&data.users, &cro, Surface::McpStdio);
    let client = connect(RevPulseMcp::for_caller(
        served.service.clone(),
        caller.clone(),
    ))
    .await;

    let closed = data
        .opportunities
        .iter()
        .find(|o| o.stage == Stage::ClosedWon)
        .unwrap();
    let text = read_text(&client, &format!("revpulse://deal/{}", closed.id)).await;
    assert!(text.starts_with(&format!("# Deal {}", closed.id)), "{text}");
    assert!(text.contains("Not scored: the deal is closed."), "{text}");

    let weekly = read_text(&client, "revpulse://brief/weekly").await;
    let service = &served.service;
    let written = write_brief(
        &service.context(&caller),
        service.catalogue(),
        BriefKind::Weekly,
    )
    .await
    .unwrap();
    assert_eq!(weekly, written.to_markdown());

    for uri in [
        "revpulse://brief/monthly",
        "revpulse://deal/OPP-999999",
        "file:///etc/passwd",
    ] {
        let read = client
            .read_resource(ReadResourceRequestParams::new(uri))
            .await;
        let code = error_code(read);
        assert!(
            code == ErrorCode::RESOURCE_NOT_FOUND || code == ErrorCode::INVALID_PARAMS,
            "{uri}: {code:?}"
        );
    }
    let resources = client.list_all_resources().await.unwrap();
    let open = data
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open())
        .count();
    assert_eq!(resources.len(), 2 + open.min(20));
    client.cancel().await.unwrap();
}
