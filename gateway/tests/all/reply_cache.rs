//! The reply cache over the fixture company in a real Neo4j: a repeated read is served from the
//! cache (and audited as such) with the same reply, argument order doesn't matter, another
//! scope never gets a reply computed for someone else, and a write to the graph is seen on the
//! very next call.

use revpulse_gateway::service::{Caller, RevPulseService, Surface};
use revpulse_gateway_store::AuditQuery;
use revpulse_graph::model::UserRole;
use serde_json::{Value, json};

use crate::fixture::{caller_for, graph_service, shared, user_with};

const FROM_CACHE: &str = "served from the reply cache";

/// The `detail` of the newest audit entry (a tool call's).
async fn last_detail(service: &RevPulseService) -> Option<String> {
    let entries = service
        .app()
        .audit_entries(&AuditQuery {
            limit: 1000,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    entries
        .into_iter()
        .max_by_key(|e| e.seq)
        .and_then(|e| e.detail)
}

/// The account names in an `accounts` reply.
fn names(output: &Value) -> Vec<String> {
    output["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn accounts(service: &RevPulseService, caller: &Caller, args: Value) -> Value {
    service
        .call_tool(caller, "accounts", args)
        .await
        .unwrap()
        .output
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_reads_are_cached_per_scope_until_the_graph_changes() {
    let shared = shared().await;
    let data = &shared.dataset;
    let served = graph_service().await;
    let (service, client) = (&served.service, &served.client);
    let cro = caller_for(
        &data.users,
        &user_with(&data.users, UserRole::Cro),
        Surface::Graphql,
    );
    let vp = caller_for(
        &data.users,
        &user_with(&data.users, UserRole::RegionalVp),
        Surface::Graphql,
    );

    let page = json!({ "limit": 500, "offset": 0 });
    let first = accounts(service, &cro, page.clone()).await;
    assert_eq!(
        last_detail(service).await,
        None,
        "the first read is computed"
    );
    let again = accounts(service, &cro, json!({ "offset": 0, "limit": 500 })).await;
    assert_eq!(again, first);
    assert_eq!(
        last_detail(service).await.as_deref(),
        Some(FROM_CACHE),
        "the same read, arguments in another order, is a hit"
    );

    let regional = accounts(service, &vp, page.clone()).await;
    assert_eq!(
        last_detail(service).await,
        None,
        "another scope is computed"
    );
    let everyone = names(&first);
    let theirs = names(&regional);
    assert!(
        theirs.len() < everyone.len(),
        "the VP sees a part ({} of {})",
        theirs.len(),
        everyone.len()
    );
    let in_vp_region: usize = data
        .accounts
        .iter()
        .filter(|a| vp.scope.sees_region(&a.region_id))
        .count();
    assert!(theirs.len() >= in_vp_region);

    let mut renamed = data.accounts.clone();
    renamed.sort_by(|a, b| a.name.cmp(&b.name));
    let target = renamed[0].clone();
    let new_name = format!("{} Renamed Holdings", target.name);
    let changed: Vec<_> = renamed
        .into_iter()
        .filter(|a| a.id == target.id)
        .map(|mut a| {
            a.name = new_name.clone();
            a
        })
        .collect();
    client.write_records(&changed, None).await.unwrap();

    let after = accounts(service, &cro, page).await;
    assert_eq!(
        last_detail(service).await,
        None,
        "a write forces a fresh read"
    );
    let after_names = names(&after);
    assert!(after_names.contains(&new_name), "{after_names:?}");
    assert!(!after_names.contains(&target.name));
}
