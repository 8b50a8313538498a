//! The gateway over real HTTP on loopback: sign-in by the development login and by API tokens
//! from the app database (revoked ones refused), production refusing anonymous requests and the
//! development login, per-principal rate limits, body limits, health, readiness and metrics.

use revpulse_gateway::config::{GatewayConfig, Mode};
use revpulse_gateway_store::NewApiToken;
use revpulse_graph::model::UserRole;
use serde_json::{Value, json};

use crate::fixture::{service, shared, user_with};
use crate::running::{development, start};

async fn graphql(base: &str, token: Option<&str>, query: &str) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_by_development_login_and_api_tokens() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let cro = user_with(users, UserRole::Cro);
    let rep = user_with(users, UserRole::Rep);
    let issued = served
        .service
        .app()
        .issue_api_token(NewApiToken {
            name: "slack-bot".into(),
            subject: "svc-slack".into(),
            role: "rep".into(),
            graph_user_id: Some(rep.id.clone()),
            expires_at: None,
        })
        .await
        .unwrap();
    let running = start(served.service.clone(), development()).await;
    let base = running.base.clone();

    let (status, anonymous) = graphql(&base, None, "{ me { subject } }").await;
    assert_eq!(status, 200, "development serves anonymous introspection");
    assert_eq!(
        anonymous["errors"][0]["extensions"]["code"],
        "unauthenticated"
    );

    let (status, me) = graphql(
        &base,
        Some(&format!("dev:{}", cro.id)),
        "{ me { subject role sees_everything } }",
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["data"]["me"]["role"], "cro");
    assert_eq!(me["data"]["me"]["sees_everything"], true);

    let (status, bot) = graphql(
        &base,
        Some(&issued.secret),
        "{ me { subject role sees_everything owners } }",
    )
    .await;
    assert_eq!(status, 200, "{bot}");
    assert_eq!(bot["data"]["me"]["subject"], "svc-slack");
    assert_eq!(bot["data"]["me"]["sees_everything"], false);
    assert_eq!(bot["data"]["me"]["owners"], json!([rep.id]));

    let (status, bad) = graphql(
        &base,
        Some("rp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        "{ me { subject } }",
    )
    .await;
    assert_eq!(status, 401, "{bad}");
    assert_eq!(bad["error"]["code"], "invalid_token");

    served
        .service
        .app()
        .revoke_api_token(issued.token.id)
        .await
        .unwrap();
    let (status, revoked) = graphql(&base, Some(&issued.secret), "{ me { subject } }").await;
    assert_eq!(status, 401, "{revoked}");
    assert_eq!(revoked["error"]["code"], "revoked");

    let health = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    let ready: Value = reqwest::get(format!("{base}/readyz"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["ready"], true, "{ready}");
    let metrics = reqwest::get(format!("{base}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("revpulse_http_requests_total"),
        "{metrics}"
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_refuses_anonymous_and_development_login() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let cro = user_with(users, UserRole::Cro);
    let config = GatewayConfig {
        mode: Mode::Production,
        ..GatewayConfig::default()
    };
    assert!(
        GatewayConfig {
            dev_login: true,
            ..config.clone()
        }
        .validate()
        .is_err(),
        "a production configuration cannot enable the development login"
    );
    let running = start(served.service.clone(), config).await;
    let (status, anonymous) = graphql(&running.base, None, "{ me { subject } }").await;
    assert_eq!(status, 401, "{anonymous}");
    let (status, dev) = graphql(
        &running.base,
        Some(&format!("dev:{}", cro.id)),
        "{ me { subject } }",
    )
    .await;
    assert_eq!(status, 403, "{dev}");
    assert_eq!(dev["error"]["code"], "dev_login_disabled");
    let playground = reqwest::get(format!("{}/graphql", running.base))
        .await
        .unwrap();
    assert_eq!(playground.status().as_u16(), 404);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_and_body_limits_hold_per_principal() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let cro = user_with(users, UserRole::Cro);
    let finance = user_with(users, UserRole::Finance);
    let mut config = development();
    config.limits.requests_per_minute = 1;
    config.limits.burst = 2;
    config.limits.body_limit_bytes = 4_096;
    let running = start(served.service.clone(), config).await;
    let cro_token = format!("dev:{}", cro.id);
    for _ in 0..2 {
        let (status, _) = graphql(&running.base, Some(&cro_token), "{ me { subject } }").await;
        assert_eq!(status, 200);
    }
    let response = reqwest::Client::new()
        .post(format!("{}/graphql", running.base))
        .bearer_auth(&cro_token)
        .json(&json!({ "query": "{ me { subject } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let (status, _) = graphql(
        &running.base,
        Some(&format!("dev:{}", finance.id)),
        "{ me { subject } }",
    )
    .await;
    assert_eq!(status, 200, "another principal has its own bucket");

    let huge = "x".repeat(10_000);
    let response = reqwest::Client::new()
        .post(format!("{}/graphql", running.base))
        .bearer_auth(format!("dev:{}", finance.id))
        .json(&json!({ "query": format!("{{ me {{ subject }} }} # {huge}") }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);
    running.stop().await;
}
