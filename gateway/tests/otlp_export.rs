//! OpenTelemetry traces over OTLP/HTTP, end to end: telemetry initialised the way
//! `revpulse serve` initialises it (a default configuration with an OTLP endpoint), pointing at
//! a loopback collector that decodes the protobuf bodies with the OpenTelemetry protocol's own
//! message types; a gateway serving the fixture company from a real Neo4j; one `ask` over
//! HTTP. The collector must receive, in one trace, the span chain request → agent → tool →
//! cypher, under the configured service name, the tool span naming a tool the answer called.
//!
//! A separate test binary: it installs the process-wide tracing subscriber.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "all/fixture.rs"]
#[allow(dead_code)]
mod fixture;
#[path = "all/running.rs"]
#[allow(dead_code)]
mod running;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::post;
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::{KeyValue, any_value};
use opentelemetry_proto::tonic::trace::v1::Span;
use prost::Message;
use revpulse_gateway::config::TelemetryConfig;
use revpulse_gateway::ops::telemetry::{self, TelemetryGuard};
use revpulse_graph::model::UserRole;
use serde_json::{Value, json};

use fixture::{graph_service, shared, user_with};
use running::{development, start};

/// The service name configured for the traces.
const SERVICE_NAME: &str = "revpulse-otlp-export-test";

/// One span as received, with the service name of its resource.
#[derive(Debug, Clone)]
struct Received {
    service: Option<String>,
    span: Span,
}

/// An OTLP/HTTP collector on loopback: `POST /v1/traces` with protobuf bodies.
#[derive(Clone, Default)]
struct LoopbackCollector {
    spans: Arc<Mutex<Vec<Received>>>,
}

impl LoopbackCollector {
    /// Serves the collector; its endpoint (`http://127.0.0.1:PORT`).
    async fn start(&self) -> String {
        let app = axum::Router::new()
            .route("/v1/traces", post(export))
            .with_state(self.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        endpoint
    }

    fn received(&self) -> Vec<Received> {
        self.spans.lock().unwrap().clone()
    }
}

/// Decodes one export request; a body that is not OTLP protobuf is refused.
async fn export(
    State(collector): State<LoopbackCollector>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<([(header::HeaderName, &'static str); 1], Vec<u8>), (StatusCode, String)> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if content_type != Some("application/x-protobuf") {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("{content_type:?}"),
        ));
    }
    let request = ExportTraceServiceRequest::decode(body)
        .map_err(|e| (StatusCode::BAD_REQUEST, e.to_string()))?;
    let mut spans = collector.spans.lock().unwrap();
    for resource_spans in request.resource_spans {
        let service = resource_spans
            .resource
            .as_ref()
            .and_then(|r| string_attribute(&r.attributes, "service.name"));
        for scope_spans in resource_spans.scope_spans {
            for span in scope_spans.spans {
                spans.push(Received {
                    service: service.clone(),
                    span,
                });
            }
        }
    }
    let response = ExportTraceServiceResponse::default().encode_to_vec();
    Ok(([(header::CONTENT_TYPE, "application/x-protobuf")], response))
}

/// The string value of attribute `key`.
fn string_attribute(attributes: &[KeyValue], key: &str) -> Option<String> {
    attributes
        .iter()
        .find(|kv| kv.key == key)
        .and_then(|kv| kv.value.as_ref()?.value.as_ref())
        .and_then(|v| match v {
            any_value::Value::StringValue(s) => Some(s.clone()),
            _ => None,
        })
}

/// A `cypher` span whose ancestors are `tool`, `agent` and a root `request` in one trace:
/// the four spans, root first.
fn chain(spans: &[Received]) -> Option<[Received; 4]> {
    let by_id: HashMap<&[u8], &Received> = spans
        .iter()
        .map(|r| (r.span.span_id.as_slice(), r))
        .collect();
    let parent = |r: &Received| {
        by_id
            .get(r.span.parent_span_id.as_slice())
            .filter(|p| p.span.trace_id == r.span.trace_id)
            .copied()
    };
    spans
        .iter()
        .filter(|r| r.span.name == "cypher")
        .find_map(|cypher| {
            let tool = parent(cypher).filter(|s| s.span.name == "tool")?;
            let agent = parent(tool).filter(|s| s.span.name == "agent")?;
            let request = parent(agent).filter(|s| s.span.name == "request")?;
            request
                .span
                .parent_span_id
                .is_empty()
                .then(|| [request.clone(), agent.clone(), tool.clone(), cypher.clone()])
        })
}

/// Flushes until the chain arrives (the request span ends once the response body is done,
/// just after the client has read it), or panics at the deadline naming what arrived.
fn flush_until_chain(guard: &TelemetryGuard, collector: &LoopbackCollector) -> [Received; 4] {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        guard.flush();
        let spans = collector.received();
        if let Some(found) = chain(&spans) {
            return found;
        }
        if Instant::now() > deadline {
            let names: BTreeSet<&str> = spans.iter().map(|r| r.span.name.as_str()).collect();
            panic!(
                "no request → agent → tool → cypher chain among {} spans named {names:?}",
                spans.len()
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ask_is_traced_from_request_to_cypher_over_otlp() {
    let collector = LoopbackCollector::default();
    let endpoint = collector.start().await;
    let guard = telemetry::init(&TelemetryConfig {
        otlp_endpoint: Some(endpoint),
        service_name: SERVICE_NAME.to_owned(),
        ..TelemetryConfig::default()
    })
    .unwrap();
    assert!(guard.exporting());

    let served = graph_service().await;
    let service = served.service.clone();
    let cro = user_with(&shared().await.dataset.users, UserRole::Cro);
    let running = start(service, development()).await;

    let response: Value = reqwest::Client::new()
        .post(format!("{}/graphql", running.base))
        .bearer_auth(format!("dev:{}", cro.id))
        .json(&json!({
            "query": "mutation($q: String!) { ask(question: $q) { message_id answer { text \
                      trace { steps { kind { __typename ... on StepKindToolCall { tool } } } } } } }",
            "variables": { "q": "Which deals are at risk this quarter?" },
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(response["errors"].is_null(), "{response}");
    let called: BTreeSet<String> = response["data"]["ask"]["answer"]["trace"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["kind"]["tool"].as_str().map(str::to_owned))
        .collect();
    assert!(!called.is_empty(), "{response}");

    let [request, agent, tool, cypher] =
        tokio::task::block_in_place(|| flush_until_chain(&guard, &collector));
    for span in [&request, &agent, &tool, &cypher] {
        assert_eq!(
            span.service.as_deref(),
            Some(SERVICE_NAME),
            "{}",
            span.span.name
        );
    }
    assert_eq!(
        string_attribute(&request.span.attributes, "uri").as_deref(),
        Some("/graphql")
    );
    assert_eq!(
        string_attribute(&request.span.attributes, "method").as_deref(),
        Some("POST")
    );
    let tool_name = string_attribute(&tool.span.attributes, "tool").unwrap();
    assert!(called.contains(&tool_name), "{tool_name} not in {called:?}");
    assert!(string_attribute(&cypher.span.attributes, "query").is_some());

    // Every tool the answer called has its span in the same trace.
    let traced: BTreeSet<String> = collector
        .received()
        .iter()
        .filter(|r| r.span.name == "tool" && r.span.trace_id == request.span.trace_id)
        .filter_map(|r| string_attribute(&r.span.attributes, "tool"))
        .collect();
    assert_eq!(traced, called);

    running.stop().await;
    tokio::task::block_in_place(move || drop(guard));
}
