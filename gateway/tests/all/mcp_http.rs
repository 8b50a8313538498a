//! MCP over streamable HTTP, end to end: `mcp_router` on a real socket (127.0.0.1, port 0) in
//! front of the fixture company, API tokens issued in the real SQLite app database, and the
//! official MCP Python SDK as the client. It lists the tools, calls `pipeline` (the numbers
//! equal a direct service call for the same caller), reads the daily brief and a deal, gets a
//! prompt, and is refused without a token, with a bad token, with another principal's session,
//! and for a deal outside the rep's scope. The audit log records the calls.

use std::sync::Arc;

use revpulse_gateway::http::{Gatekeeper, RateLimiter};
use revpulse_gateway::mcp::mcp_router;
use revpulse_gateway::service::RevPulseService;
use revpulse_gateway::startup::StoreTokens;
use revpulse_gateway_auth::{Authenticator, RoleMapping};
use revpulse_gateway_store::NewApiToken;
use revpulse_graph::model::{Opportunity, User, UserRole};
use revpulse_tools::Catalogue;
use serde_json::json;
use tokio::task::JoinHandle;

use crate::fixture::{service, shared, user_with};
use crate::mcp_http_checks::{
    busiest_vp, check_audit, check_rep, check_vp, largest_open, region_of,
};
use crate::mcp_python::run_script;

/// `mcp_router` served on a loopback port until dropped.
struct McpHttp {
    url: String,
    task: JoinHandle<()>,
}

impl Drop for McpHttp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(service: &RevPulseService, limiter: RateLimiter) -> McpHttp {
    let authenticator = Authenticator {
        oidc: None,
        api_tokens: Some(Arc::new(StoreTokens::new(service.app().clone()))),
        dev_login: None,
        mapping: RoleMapping::default(),
    };
    let gatekeeper = Gatekeeper::new(Arc::new(authenticator), service.clone());
    let hosts = vec!["127.0.0.1".to_owned(), "localhost".to_owned()];
    let router = mcp_router(service.clone(), gatekeeper, Arc::new(limiter), hosts);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/mcp", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    McpHttp { url, task }
}

/// An API token acting as `user` with `role`, issued in the app database.
async fn token_for(service: &RevPulseService, user: &User, role: &str) -> String {
    let issued = service
        .app()
        .issue_api_token(NewApiToken {
            name: format!("mcp test {role}"),
            subject: user.id.clone(),
            role: role.to_owned(),
            graph_user_id: Some(user.id.clone()),
            expires_at: None,
        })
        .await
        .unwrap();
    issued.secret
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_foreign_client_is_served_its_scope_and_refused_without_a_valid_token() {
    let served = service().await;
    let service = &served.service;
    let data = &shared().await.dataset;
    let vp = busiest_vp(data);
    let vp_region = vp.region_id.clone().unwrap();
    let rep = data
        .users
        .iter()
        .find(|u| {
            u.role == UserRole::Rep
                && data
                    .opportunities
                    .iter()
                    .any(|o| o.owner_id == u.id && o.stage.is_open())
        })
        .cloned()
        .unwrap();
    let in_vp_scope = |o: &Opportunity| region_of(data, o) == vp_region || o.owner_id == vp.id;
    let vp_deals = largest_open(data, in_vp_scope);
    let rep_deals = largest_open(data, |o| o.owner_id == rep.id);
    let foreign = data
        .opportunities
        .iter()
        .find(|o| o.owner_id != rep.id && o.stage.is_open())
        .unwrap();
    let missing = "OPP-999999";
    assert!(data.opportunities.iter().all(|o| o.id != missing));

    let server = serve(service, RateLimiter::new(6_000, 1_000)).await;
    let config = json!({
        "url": server.url,
        "vp_token": token_for(service, &vp, "regional_vp").await,
        "rep_token": token_for(service, &rep, "rep").await,
        "bad_token": format!("rp_{}", "A".repeat(43)),
        "vp_deal": vp_deals[0],
        "rep_deal": rep_deals[0],
        "foreign_deal": foreign.id,
        "missing_deal": missing,
    });
    let report = run_script("http_client.py", &config).await;

    // Refused before any MCP: no token, a token never issued; the SDK's client too.
    for (case, code) in [
        ("no_token", "unauthenticated"),
        ("bad_token", "invalid_token"),
    ] {
        let got = &report[case];
        assert_eq!(got["status"], 401, "{case}: {got}");
        assert!(
            got["www_authenticate"]
                .as_str()
                .unwrap()
                .starts_with("Bearer"),
            "{case}: {got}"
        );
        assert_eq!(got["body"]["error"]["code"], code, "{case}: {got}");
    }
    for case in ["sdk_without_token", "sdk_with_bad_token"] {
        assert_eq!(report[case]["refused"], true, "{case}: {}", report[case]);
        assert_eq!(report[case]["status"], 401, "{case}: {}", report[case]);
    }

    let vp_report = &report["vp"];
    check_vp(service, data, &vp, &vp_deals, vp_report).await;
    // The VP's session id with the rep's token is unknown; with the VP's own token it works.
    assert_eq!(
        vp_report["session_with_other_token"]["status"], 404,
        "{vp_report}"
    );
    assert_eq!(
        vp_report["session_with_own_token"]["status"], 200,
        "{vp_report}"
    );
    assert_eq!(
        vp_report["still_works"],
        Catalogue::standard().names().count()
    );

    check_rep(data, &rep, &rep_deals, foreign, missing, &report["rep"]);
    check_audit(service, &vp, &rep).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_principal_over_its_rate_limit_is_refused_with_429() {
    let served = service().await;
    let data = &shared().await.dataset;
    let cro = user_with(&data.users, UserRole::Cro);
    let token = token_for(&served.service, &cro, "cro").await;
    let server = serve(&served.service, RateLimiter::new(0, 2)).await;
    let client = reqwest::Client::new();
    let initialize = json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": { "protocolVersion": "2025-06-18", "capabilities": {},
                    "clientInfo": { "name": "reqwest", "version": "0" } },
    });
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let response = client
            .post(&server.url)
            .bearer_auth(&token)
            .header("accept", "application/json, text/event-stream")
            .json(&initialize)
            .send()
            .await
            .unwrap();
        statuses.push((
            response.status().as_u16(),
            response.headers().get("retry-after").is_some(),
        ));
    }
    assert_eq!(statuses, [(200, false), (200, false), (429, true)]);
}
