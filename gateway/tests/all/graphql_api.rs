//! The GraphQL schema executed in process against the fixture company: tool fields return what
//! the tool returns for the same caller, the SDL on disk matches the code, callers without
//! credentials and out-of-scope entities are refused with codes, asking stores and audits the
//! turn, the subscription streams steps before the stored answer, and the limits hold.

use async_graphql::dynamic::Schema;
use async_graphql::{Request, Variables};
use futures::StreamExt;
use revpulse_gateway::graphql::{GraphqlLimits, build_schema, sdl};
use revpulse_gateway::ops::in_flight::InFlight;
use revpulse_gateway::service::{Caller, RevPulseService, Surface};
use revpulse_graph::model::UserRole;
use revpulse_tools::Catalogue;
use serde_json::{Value, json};

use crate::fixture::{caller_for, service, shared, user_with};

fn schema(service: &RevPulseService, limits: GraphqlLimits) -> Schema {
    build_schema(
        &Catalogue::standard(),
        limits,
        Some((service.clone(), InFlight::new())),
    )
    .unwrap()
}

async fn run(schema: &Schema, caller: Option<&Caller>, query: &str, vars: Value) -> Value {
    let mut request = Request::new(query).variables(Variables::from_json(vars));
    if let Some(caller) = caller {
        request = request.data(caller.clone());
    }
    let response = schema.execute(request).await;
    serde_json::to_value(&response).unwrap()
}

fn error_code(response: &Value) -> Option<&str> {
    response["errors"][0]["extensions"]["code"].as_str()
}

#[test]
fn the_checked_in_sdl_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let current = sdl(&Catalogue::standard()).unwrap();
    if std::env::var_os("REVPULSE_UPDATE_SCHEMAS").is_some() {
        std::fs::write(&path, &current).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == current,
        "gateway/schema.graphql is out of date with the Rust types; regenerate it with \
         REVPULSE_UPDATE_SCHEMAS=1 cargo test -p revpulse-gateway --test all sdl"
    );
    for tool in Catalogue::standard().names() {
        assert!(
            current.contains(&format!("\t{tool}(")) || current.contains(&format!("\t{tool}:")),
            "{tool}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tool_field_returns_the_tools_output_for_the_same_caller() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let cro = user_with(users, UserRole::Cro);
    let caller = caller_for(users, &cro, Surface::Graphql);
    let direct = served
        .service
        .call_tool(&caller, "pipeline", json!({ "group_by": "stage" }))
        .await
        .unwrap()
        .output;
    let schema = schema(&served.service, GraphqlLimits::default());
    let response = run(
        &schema,
        Some(&caller),
        "query($g: PipelineGrouping) { pipeline(group_by: $g) { as_of total_deals total_amount \
         rows { key deals amount } sources { __typename ... on SourceRecord { id kind } } } }",
        json!({ "g": "stage" }),
    )
    .await;
    assert!(response["errors"].is_null(), "{response}");
    let got = &response["data"]["pipeline"];
    assert_eq!(got["total_amount"], direct["total_amount"]);
    assert_eq!(got["total_deals"], direct["total_deals"]);
    assert_eq!(got["as_of"], direct["as_of"]);
    let rows: Vec<(Value, Value)> = direct["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["key"].clone(), r["amount"].clone()))
        .collect();
    let got_rows: Vec<(Value, Value)> = got["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["key"].clone(), r["amount"].clone()))
        .collect();
    assert_eq!(got_rows, rows);
    let ids: Vec<&str> = got["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    let direct_ids: Vec<&str> = direct["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids, direct_ids);
    assert!(
        !ids.is_empty(),
        "the pipeline cites its largest deals: {direct}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_caller_no_data_and_out_of_scope_reads_like_missing() {
    let served = service().await;
    let data = &shared().await.dataset;
    let schema = schema(&served.service, GraphqlLimits::default());
    let anonymous = run(&schema, None, "{ pipeline { total_amount } }", json!({})).await;
    assert_eq!(
        error_code(&anonymous),
        Some("unauthenticated"),
        "{anonymous}"
    );
    assert!(anonymous["data"].is_null());

    let rep = user_with(&data.users, UserRole::Rep);
    let caller = caller_for(&data.users, &rep, Surface::Graphql);
    let foreign = data
        .opportunities
        .iter()
        .find(|o| o.owner_id != rep.id)
        .unwrap();
    let response = run(
        &schema,
        Some(&caller),
        "query($d: String!) { deal_detail(deal_id: $d) { __typename } }",
        json!({ "d": foreign.id }),
    )
    .await;
    assert_eq!(error_code(&response), Some("not_found"), "{response}");
    let missing = run(
        &schema,
        Some(&caller),
        "query($d: String!) { deal_detail(deal_id: $d) { __typename } }",
        json!({ "d": "OPP-999999" }),
    )
    .await;
    let strip = |v: &Value| {
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .replace(&foreign.id, "X")
            .replace("OPP-999999", "X")
    };
    assert_eq!(
        strip(&response),
        strip(&missing),
        "the refusal leaks existence"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_stores_the_turn_continues_it_and_audits_every_step() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let cro = user_with(users, UserRole::Cro);
    let caller = caller_for(users, &cro, Surface::Graphql);
    let schema = schema(&served.service, GraphqlLimits::default());
    let ask = "mutation($q: String!, $c: String) { ask(question: $q, conversation_id: $c) { \
               conversation_id message_id answer { text outcome { __typename } \
               citations { marker } trace { steps { kind { __typename } } } } } }";
    let first = run(
        &schema,
        Some(&caller),
        ask,
        json!({ "q": "What does our pipeline look like this quarter?" }),
    )
    .await;
    assert!(first["errors"].is_null(), "{first}");
    let turn = &first["data"]["ask"];
    let conversation = turn["conversation_id"].as_str().unwrap().to_owned();
    assert!(!turn["answer"]["text"].as_str().unwrap().is_empty());
    let second = run(
        &schema,
        Some(&caller),
        ask,
        json!({ "q": "and by region?", "c": conversation }),
    )
    .await;
    assert!(second["errors"].is_null(), "{second}");
    assert_eq!(
        second["data"]["ask"]["conversation_id"],
        json!(conversation)
    );

    let stored = run(
        &schema,
        Some(&caller),
        "query($id: String!) { conversation(id: $id) { messages { role text } } }",
        json!({ "id": conversation }),
    )
    .await;
    let roles: Vec<&str> = stored["data"]["conversation"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["user", "assistant", "user", "assistant"]);

    let other = caller_for(users, &user_with(users, UserRole::Rep), Surface::Graphql);
    let theirs = run(
        &schema,
        Some(&other),
        "query($id: String!) { conversation(id: $id) { title } }",
        json!({ "id": conversation }),
    )
    .await;
    assert_eq!(error_code(&theirs), Some("not_found"), "{theirs}");

    let audit = run(
        &schema,
        Some(&caller),
        "{ audit_log(limit: 500) { kind name principal surface decision returned_ids } \
         audit_chain { intact rows_checked } }",
        json!({}),
    )
    .await;
    assert!(audit["errors"].is_null(), "{audit}");
    let entries = audit["data"]["audit_log"].as_array().unwrap();
    let kinds = |k: &str| entries.iter().filter(|e| e["kind"] == k).count();
    assert_eq!(kinds("question"), 2);
    assert_eq!(kinds("answer"), 2);
    assert!(kinds("tool_call") >= 2, "{entries:?}");
    assert!(entries.iter().all(|e| e["surface"] == "graphql"));
    assert_eq!(audit["data"]["audit_chain"]["intact"], json!(true));

    let denied = run(
        &schema,
        Some(&other),
        "{ audit_chain { intact } }",
        json!({}),
    )
    .await;
    assert_eq!(error_code(&denied), Some("forbidden"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_subscription_streams_steps_then_the_stored_answer() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let caller = caller_for(users, &user_with(users, UserRole::Cro), Surface::Graphql);
    let schema = schema(&served.service, GraphqlLimits::default());
    let request = Request::new(
        "subscription { ask_stream(question: \"Which deals are at risk this quarter?\") { \
         __typename ... on AnswerStreamEventText { text } \
         ... on AnswerStreamEventDone { outcome { message_id answer { text } } } } }",
    )
    .data(caller);
    let events: Vec<Value> = schema
        .execute_stream(request)
        .map(|r| serde_json::to_value(&r).unwrap())
        .collect()
        .await;
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| {
            e["data"]["ask_stream"]["__typename"]
                .as_str()
                .unwrap_or("error")
        })
        .collect();
    assert_eq!(kinds.last(), Some(&"AnswerStreamEventDone"), "{events:?}");
    assert!(kinds.contains(&"AnswerStreamEventStep"), "{kinds:?}");
    let texts: Vec<&str> = events
        .iter()
        .filter_map(|e| e["data"]["ask_stream"]["text"].as_str())
        .collect();
    let done = &events.last().unwrap()["data"]["ask_stream"]["outcome"];
    assert_eq!(texts.join("\n\n"), done["answer"]["text"].as_str().unwrap());
    assert!(done["message_id"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn depth_and_introspection_limits_hold() {
    let served = service().await;
    let users = &shared().await.dataset.users;
    let caller = caller_for(users, &user_with(users, UserRole::Cro), Surface::Graphql);
    let production = GraphqlLimits {
        max_depth: 3,
        max_complexity: 50,
        introspection: false,
    };
    let schema = schema(&served.service, production);
    let deep = run(
        &schema,
        Some(&caller),
        "{ ask_alias: pipeline { rows { key } created_this_week { deals } sources { __typename } } }",
        json!({}),
    )
    .await;
    assert!(deep["errors"].is_null(), "depth 3 is allowed: {deep}");
    let too_deep = run(
        &schema,
        Some(&caller),
        "{ conversations { messages { answer { trace { steps { kind { __typename } } } } } } }",
        json!({}),
    )
    .await;
    assert!(
        too_deep["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("nested too deep"),
        "{too_deep}"
    );
    let introspection = run(
        &schema,
        Some(&caller),
        "{ __schema { types { name } } }",
        json!({}),
    )
    .await;
    assert!(introspection["errors"].is_array(), "{introspection}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_are_validated_scoped_and_recorded() {
    let served = service().await;
    let data = &shared().await.dataset;
    let rep = user_with(&data.users, UserRole::Rep);
    let caller = caller_for(&data.users, &rep, Surface::Graphql);
    let schema = schema(&served.service, GraphqlLimits::default());
    let own = data
        .opportunities
        .iter()
        .find(|o| o.owner_id == rep.id)
        .unwrap();
    let foreign = data
        .opportunities
        .iter()
        .find(|o| o.owner_id != rep.id)
        .unwrap();
    let override_deal = "mutation($d: String!) { record_forecast_override(deal_id: $d, \
                         forecast_category: \"commit\", amount: 120000) { deal_id amount } }";
    let ok = run(
        &schema,
        Some(&caller),
        override_deal,
        json!({ "d": own.id }),
    )
    .await;
    assert!(ok["errors"].is_null(), "{ok}");
    assert_eq!(
        ok["data"]["record_forecast_override"]["amount"],
        json!(120000)
    );
    let refused = run(
        &schema,
        Some(&caller),
        override_deal,
        json!({ "d": foreign.id }),
    )
    .await;
    assert_eq!(error_code(&refused), Some("not_found"));

    let bad_period = run(
        &schema,
        Some(&caller),
        "mutation { record_forecast_submission(period: \"Q4\", commit_amount: 1, \
         best_case_amount: 2) { id } }",
        json!({}),
    )
    .await;
    assert_eq!(error_code(&bad_period), Some("invalid_input"));
    let submitted = run(
        &schema,
        Some(&caller),
        "mutation { record_forecast_submission(period: \"2026-Q4\", commit_amount: 100, \
         best_case_amount: 150, note: \"two deals in legal\") { scope_label commit_amount } }",
        json!({}),
    )
    .await;
    assert!(submitted["errors"].is_null(), "{submitted}");
    assert_eq!(
        submitted["data"]["record_forecast_submission"]["scope_label"],
        json!("rep: own book")
    );
    let ack = run(
        &schema,
        Some(&caller),
        "mutation($d: String!) { acknowledge_alert(deal_id: $d, alert: \"slipped\", \
         note: \"new date agreed\") { alert_id } }",
        json!({ "d": own.id }),
    )
    .await;
    assert_eq!(
        ack["data"]["acknowledge_alert"]["alert_id"],
        json!(format!("slipped:{}", own.id))
    );
}
