//! The authorisation matrix: every role × every tool (each a GraphQL query field and an MCP
//! tool, all served by `RevPulseService::call_tool`) × an in-scope and an out-of-scope entity,
//! over the fixture company loaded into a real Neo4j and read back through the scoped Cypher.
//!
//! What each role may see is recomputed here from the raw records by the role rule written out
//! plainly (a deal is visible when its account's region is granted, its owner is granted, or its
//! account is granted; an account when its region, owner or account is granted or it holds a
//! visible deal) — not by the code under test. A leak is any record id or passage id in an
//! output (values, sources, aggregates' drivers, search hits) that the role may not see. The
//! test also proves each out-of-scope entity is refused exactly like a missing one, and counts
//! the cells it covered.

use std::collections::{BTreeMap, BTreeSet};

use revpulse_gateway::service::Surface;
use revpulse_graph::model::{CompanyDataset, RecordScope, User, UserRole};
use revpulse_ingest::search_index::company_search_documents;
use revpulse_tools::Catalogue;
use serde_json::{Value, json};

use crate::fixture::{caller_for, graph_service, shared};

/// What one role may see, by the plain rule.
struct Visible {
    deals: BTreeSet<String>,
    accounts: BTreeSet<String>,
    regions: BTreeSet<String>,
}

fn visible(data: &CompanyDataset, scope: &RecordScope) -> Visible {
    let all_regions: BTreeSet<String> = data.regions.iter().map(|r| r.id.clone()).collect();
    let RecordScope::Granted {
        regions,
        owners,
        accounts,
    } = scope
    else {
        return Visible {
            deals: data.opportunities.iter().map(|o| o.id.clone()).collect(),
            accounts: data.accounts.iter().map(|a| a.id.clone()).collect(),
            regions: all_regions,
        };
    };
    let region_of: BTreeMap<&str, &str> = data
        .accounts
        .iter()
        .map(|a| (a.id.as_str(), a.region_id.as_str()))
        .collect();
    let deals: BTreeSet<String> = data
        .opportunities
        .iter()
        .filter(|o| {
            regions.contains(region_of[o.account_id.as_str()])
                || owners.contains(&o.owner_id)
                || accounts.contains(&o.account_id)
        })
        .map(|o| o.id.clone())
        .collect();
    let with_deal: BTreeSet<&str> = data
        .opportunities
        .iter()
        .filter(|o| deals.contains(&o.id))
        .map(|o| o.account_id.as_str())
        .collect();
    let account_ids = data
        .accounts
        .iter()
        .filter(|a| {
            regions.contains(&a.region_id)
                || owners.contains(&a.owner_id)
                || accounts.contains(&a.id)
                || with_deal.contains(a.id.as_str())
        })
        .map(|a| a.id.clone())
        .collect();
    Visible {
        deals,
        accounts: account_ids,
        regions: regions.clone(),
    }
}

/// Every string anywhere in `value`.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The arguments naming one entity of the kind the tool takes, if it takes one.
fn entity_args(
    args_schema: &Value,
    deal: &str,
    account: &str,
    region: Option<&str>,
) -> Option<Value> {
    let properties = args_schema.get("properties")?.as_object()?;
    let required: Vec<&str> = args_schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for (key, value) in [
        ("deal_id", Some(deal)),
        ("account_id", Some(account)),
        ("account", Some(account)),
        ("region", region),
    ] {
        if properties.contains_key(key)
            && (required.contains(&key) || key == "region" || key == "account")
        {
            return value.map(|v| json!({ key: v }));
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_every_tool_in_and_out_of_scope_without_leaks() {
    let shared = shared().await;
    let data = &shared.dataset;
    let served = graph_service().await;
    let service = &served.service;
    let passage_account: BTreeMap<String, String> = company_search_documents(data)
        .unwrap()
        .into_iter()
        .map(|d| (d.id, d.metadata.account_id))
        .collect();
    let all_deals: BTreeSet<&str> = data.opportunities.iter().map(|o| o.id.as_str()).collect();
    let all_accounts: BTreeSet<&str> = data.accounts.iter().map(|a| a.id.as_str()).collect();

    let roles = [
        UserRole::Cro,
        UserRole::RegionalVp,
        UserRole::Manager,
        UserRole::Rep,
        UserRole::Marketing,
        UserRole::Finance,
        UserRole::CustomerSuccess,
    ];
    let tools = Catalogue::standard().describe();
    let mut cells = 0usize;
    let mut restricted_cells = 0usize;
    let mut leaks: Vec<String> = Vec::new();
    for role in roles {
        let Some(user) = data.users.iter().find(|u| u.role == role) else {
            panic!("the fixture company has no {role:?}");
        };
        let caller = caller_for(&data.users, user, Surface::Graphql);
        let sees = visible(data, caller.scope.records());
        let restricted = !caller.scope.is_everything();
        let inside = pick_inside(data, &sees);
        let outside = pick_outside(data, &sees);
        for tool in &tools {
            // Aggregates and lists with default arguments.
            let reply = service.call_tool(&caller, tool.name, json!({})).await;
            cells += 1;
            if let Ok(reply) = &reply {
                check_output(
                    tool.name,
                    user,
                    &reply.output,
                    &sees,
                    &all_deals,
                    &all_accounts,
                    &passage_account,
                    &mut leaks,
                );
            }
            let Some(inside_args) =
                entity_args(&tool.args_schema, &inside.0, &inside.1, inside.2.as_deref())
            else {
                continue;
            };
            // An entity the role may see: answered (or "not enough data"), never "not found".
            cells += 1;
            match service
                .call_tool(&caller, tool.name, inside_args.clone())
                .await
            {
                Ok(reply) => check_output(
                    tool.name,
                    user,
                    &reply.output,
                    &sees,
                    &all_deals,
                    &all_accounts,
                    &passage_account,
                    &mut leaks,
                ),
                Err(e) => assert_ne!(
                    e.code(),
                    "not_found",
                    "{role:?} {} {inside_args}: {e}",
                    tool.name
                ),
            }
            // An entity outside: refused exactly like one that does not exist.
            if let Some(outside) = &outside {
                cells += 1;
                restricted_cells += 1;
                let outside_args =
                    entity_args(&tool.args_schema, &outside.0, &outside.1, Some(&outside.2))
                        .unwrap();
                let missing_args = entity_args(
                    &tool.args_schema,
                    "OPP-999999",
                    "ACC-999999",
                    Some("R-NOWHERE"),
                )
                .unwrap();
                let refused = service
                    .call_tool(&caller, tool.name, outside_args.clone())
                    .await;
                let missing = service.call_tool(&caller, tool.name, missing_args).await;
                match (&refused, &missing) {
                    (Err(a), Err(b)) => {
                        assert_eq!(a.code(), b.code(), "{role:?} {} {outside_args}", tool.name);
                    }
                    (Ok(reply), _) => {
                        // A filter tool may answer with nothing: then it must show nothing.
                        check_output(
                            tool.name,
                            user,
                            &reply.output,
                            &sees,
                            &all_deals,
                            &all_accounts,
                            &passage_account,
                            &mut leaks,
                        );
                    }
                    (Err(e), Ok(_)) => panic!(
                        "{role:?} {}: out of scope refused ({e}) but a missing id answered",
                        tool.name
                    ),
                }
            }
        }
        if restricted {
            assert!(
                outside.is_some(),
                "{role:?} has nothing out of scope to test"
            );
        }
    }
    eprintln!(
        "authorization matrix: {} roles × {} tools, {cells} cells ({restricted_cells} out-of-scope), {} leaks",
        roles.len(),
        tools.len(),
        leaks.len()
    );
    assert!(leaks.is_empty(), "leaks:\n{}", leaks.join("\n"));
    assert!(cells >= roles.len() * tools.len());
    assert!(restricted_cells > 0);
}

/// A deal, an account and a whole region the role sees (no region for a role granted none).
fn pick_inside(data: &CompanyDataset, sees: &Visible) -> (String, String, Option<String>) {
    let deal = data
        .opportunities
        .iter()
        .find(|o| sees.deals.contains(&o.id))
        .unwrap();
    let region = sees.regions.iter().next().cloned();
    (deal.id.clone(), deal.account_id.clone(), region)
}

/// A deal, an account and a region the role does not see, if any.
fn pick_outside(data: &CompanyDataset, sees: &Visible) -> Option<(String, String, String)> {
    let deal = data
        .opportunities
        .iter()
        .find(|o| !sees.deals.contains(&o.id))?;
    let account = data
        .accounts
        .iter()
        .find(|a| !sees.accounts.contains(&a.id))?;
    let region = data
        .regions
        .iter()
        .find(|r| {
            !sees.regions.contains(&r.id)
                && data
                    .accounts
                    .iter()
                    .filter(|a| a.region_id == r.id)
                    .all(|a| !sees.accounts.contains(&a.id))
        })
        .map(|r| r.id.clone())
        .unwrap_or_else(|| "R-NOWHERE".into());
    Some((deal.id.clone(), account.id.clone(), region))
}

#[allow(clippy::too_many_arguments)]
fn check_output(
    tool: &str,
    user: &User,
    output: &Value,
    sees: &Visible,
    all_deals: &BTreeSet<&str>,
    all_accounts: &BTreeSet<&str>,
    passage_account: &BTreeMap<String, String>,
    leaks: &mut Vec<String>,
) {
    let mut found = Vec::new();
    strings(output, &mut found);
    for s in found {
        let leaked = (all_deals.contains(s.as_str()) && !sees.deals.contains(&s))
            || (all_accounts.contains(s.as_str()) && !sees.accounts.contains(&s))
            || passage_account
                .get(&s)
                .is_some_and(|account| !sees.accounts.contains(account));
        if leaked {
            leaks.push(format!(
                "{tool} as {} ({}) shows {s}",
                user.id,
                user.role.as_str()
            ));
        }
    }
}
