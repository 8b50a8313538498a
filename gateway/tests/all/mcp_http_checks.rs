//! What the MCP-over-HTTP end-to-end test expects, computed from the fixture's records and
//! direct service calls rather than from the server's output: the regional VP's view, the
//! rep's view (nothing outside it leaks), and the audit trail.

use revpulse_agents::write_brief;
use revpulse_gateway::service::{RevPulseService, Surface};
use revpulse_gateway_store::{AuditQuery, Decision};
use revpulse_graph::model::{CompanyDataset, Opportunity, User, UserRole};
use revpulse_tools::Catalogue;
use revpulse_tools::brief::BriefKind;
use serde_json::{Value, json};

use crate::fixture::caller_for;
use crate::mcp_python::dollars;

/// Open deals `visible` keeps, largest first (ties by id), at most 20: what the resource list
/// must name, computed from the records.
pub fn largest_open(data: &CompanyDataset, visible: impl Fn(&Opportunity) -> bool) -> Vec<String> {
    let mut open: Vec<&Opportunity> = data
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open() && visible(o))
        .collect();
    open.sort_by(|a, b| b.amount.cmp(&a.amount).then(a.id.cmp(&b.id)));
    open.iter().take(20).map(|o| o.id.clone()).collect()
}

/// The regional VP with the most open deals in their region (the small test company leaves
/// some regions without open deals).
pub fn busiest_vp(data: &CompanyDataset) -> User {
    data.users
        .iter()
        .filter(|u| u.role == UserRole::RegionalVp && u.region_id.is_some())
        .max_by_key(|vp| {
            let count = data
                .opportunities
                .iter()
                .filter(|o| {
                    o.stage.is_open() && Some(region_of(data, o)) == vp.region_id.as_deref()
                })
                .count();
            (count, std::cmp::Reverse(vp.id.clone()))
        })
        .cloned()
        .unwrap()
}

pub fn region_of<'d>(data: &'d CompanyDataset, deal: &Opportunity) -> &'d str {
    let account = data
        .accounts
        .iter()
        .find(|a| a.id == deal.account_id)
        .unwrap();
    &account.region_id
}

fn listed_deals(resources: &Value) -> Vec<String> {
    resources["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| {
            r["uri"]
                .as_str()?
                .strip_prefix("revpulse://deal/")
                .map(str::to_owned)
        })
        .collect()
}

fn resource_text(read: &Value) -> &str {
    read["contents"][0]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("no text in {read}"))
}

pub async fn check_vp(
    service: &RevPulseService,
    data: &CompanyDataset,
    vp: &User,
    deals: &[String],
    got: &Value,
) {
    assert_eq!(got["server"], "revpulse");
    assert!(
        got["instructions"]
            .as_str()
            .unwrap()
            .contains("revpulse://brief/daily")
    );
    let mut names: Vec<&str> = got["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    let expected: Vec<&str> = Catalogue::standard().names().collect();
    assert_eq!(names, expected);
    for tool in got["tools"].as_array().unwrap() {
        assert_eq!(tool["input_schema"]["type"], "object", "{tool}");
        assert_eq!(tool["output_schema"]["type"], "object", "{tool}");
    }

    // The same numbers as the service gives the same caller directly.
    let caller = caller_for(&data.users, vp, Surface::McpHttp);
    let direct = service
        .call_tool(&caller, "pipeline", json!({ "group_by": "stage" }))
        .await
        .unwrap();
    assert_eq!(got["pipeline"]["is_error"], false, "{}", got["pipeline"]);
    assert_eq!(got["pipeline"]["structured"], direct.output);
    let text: Value = serde_json::from_str(got["pipeline"]["text"][0].as_str().unwrap()).unwrap();
    assert_eq!(text, direct.output, "the text block is the same JSON");

    // A tool that ran and failed is a result the model can read; an unknown tool is an error.
    assert_eq!(
        got["bad_arguments"]["is_error"], true,
        "{}",
        got["bad_arguments"]
    );
    assert_eq!(
        got["bad_arguments"]["structured"]["error"]["code"],
        "invalid_input"
    );
    assert_eq!(
        got["unknown_tool"]["protocol_error"]["code"], -32602,
        "{}",
        got["unknown_tool"]
    );

    let resources = &got["resources"];
    assert_eq!(resources["templates"], json!(["revpulse://deal/{deal_id}"]));
    let uris: Vec<&str> = resources["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"revpulse://brief/daily") && uris.contains(&"revpulse://brief/weekly"));
    assert_eq!(
        listed_deals(resources),
        deals,
        "the VP's twenty largest open deals"
    );

    let brief = write_brief(
        &service.context(&caller),
        service.catalogue(),
        BriefKind::Daily,
    )
    .await
    .unwrap();
    assert_eq!(resource_text(&got["daily_brief"]), brief.to_markdown());
    assert_eq!(
        got["daily_brief"]["contents"][0]["mime_type"],
        "text/markdown"
    );

    let deal = data
        .opportunities
        .iter()
        .find(|o| o.id == deals[0])
        .unwrap();
    let text = resource_text(&got["deal"]);
    let risk = service
        .call_tool(&caller, "deal_risk", json!({ "deal_id": deal.id }))
        .await
        .unwrap()
        .output;
    let probability = format!("{:.1}%", risk["win_probability"].as_f64().unwrap() * 100.0);
    let account = data
        .accounts
        .iter()
        .find(|a| a.id == deal.account_id)
        .unwrap();
    for expected in [
        format!("# Deal {}", deal.id),
        dollars(deal.amount),
        probability,
        account.name.clone(),
    ] {
        assert!(
            text.contains(&expected),
            "`{expected}` is missing from:\n{text}"
        );
    }

    let prompts = &got["prompts"];
    assert!(
        prompts["names"].as_array().unwrap().len() >= 10,
        "{prompts}"
    );
    assert_eq!(
        prompts["arguments"]["deal_review"],
        json!([{ "name": "deal_id", "required": true }])
    );
    let message = prompts["messages"][0]["text"].as_str().unwrap();
    assert!(
        message.contains(&deal.id) && message.contains("`deal_risk`"),
        "{message}"
    );
    assert_eq!(prompts["without_arguments"]["code"], -32602, "{prompts}");
}

pub fn check_rep(
    data: &CompanyDataset,
    rep: &User,
    own: &[String],
    foreign: &Opportunity,
    missing: &str,
    got: &Value,
) {
    assert_eq!(
        listed_deals(&got["resources"]),
        own,
        "only the rep's own deals are listed"
    );
    assert!(resource_text(&got["own_deal"]).contains(&format!("# Deal {}", own[0])));
    assert!(
        data.opportunities
            .iter()
            .any(|o| o.id == own[0] && o.owner_id == rep.id)
    );

    // Out of scope reads exactly like missing: same code, same words, nothing of the deal.
    let refused = &got["foreign_deal"]["error"];
    let absent = &got["missing_deal"]["error"];
    assert_eq!(refused["code"], -32002, "{got}");
    assert_eq!(refused["code"], absent["code"]);
    let refused_text = refused["message"]
        .as_str()
        .unwrap()
        .replace(&foreign.id, "ID");
    assert_eq!(
        refused_text,
        absent["message"].as_str().unwrap().replace(missing, "ID")
    );
    let account = data
        .accounts
        .iter()
        .find(|a| a.id == foreign.account_id)
        .unwrap();
    let leaked = [
        foreign.name.as_str(),
        account.name.as_str(),
        &dollars(foreign.amount),
    ];
    let everything = got["foreign_deal"].to_string() + &got["foreign_deal_tool"].to_string();
    for secret in leaked {
        assert!(
            !everything.contains(secret),
            "`{secret}` leaked: {everything}"
        );
    }
    assert_eq!(got["foreign_deal_tool"]["is_error"], true);
    assert_eq!(
        got["foreign_deal_tool"]["structured"]["error"]["code"],
        "not_found"
    );
}

pub async fn check_audit(service: &RevPulseService, vp: &User, rep: &User) {
    let entries = |principal: &str| {
        let query = AuditQuery {
            principal: Some(principal.to_owned()),
            surface: Some("mcp_http".to_owned()),
            limit: 1_000,
            ..AuditQuery::default()
        };
        async move { service.app().audit_entries(&query).await.unwrap() }
    };
    let vp_entries = entries(&vp.id).await;
    assert!(
        vp_entries.iter().any(|e| e.kind == "tool_call"
            && e.name == "pipeline"
            && e.decision == Decision::Allowed),
        "{vp_entries:#?}"
    );
    let rep_entries = entries(&rep.id).await;
    assert!(
        rep_entries
            .iter()
            .any(|e| e.name == "deal_detail" && e.decision == Decision::Refused),
        "{rep_entries:#?}"
    );
}
