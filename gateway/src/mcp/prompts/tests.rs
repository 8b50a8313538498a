//! The prompts' own tests: every named tool exists, names are unique, arguments are checked.

use super::*;
use revpulse_tools::Catalogue;

fn object(value: Value) -> Option<JsonObject> {
    value.as_object().cloned()
}

/// Every tool a prompt names in backticks exists, so a prompt never sends a model to a
/// tool the catalogue does not have.
#[test]
fn every_prompt_names_only_catalogue_tools() {
    let catalogue = Catalogue::standard();
    for p in all() {
        let args = Args(
            p.arguments
                .iter()
                .map(|a| (a.name.to_owned(), json!("X-1")))
                .collect(),
        );
        let text = (p.request)(&args);
        let named: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
        assert!(!named.is_empty(), "{} names no tool", p.name);
        for tool in named {
            assert!(catalogue.contains(tool), "{} names `{tool}`", p.name);
        }
    }
}

#[test]
fn names_are_unique_and_there_are_about_ten() {
    let mut names: Vec<_> = all().map(|p| p.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), all().count());
    assert!((10..=14).contains(&names.len()));
    assert_eq!(list().len(), all().count());
}

#[test]
fn a_deal_review_names_the_deal_and_the_ground_rules() {
    let got = get("deal_review", object(json!({ "deal_id": "OPP-001045" }))).unwrap();
    let text = serde_json::to_value(&got.messages[0]).unwrap()["content"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(text.contains("{\"deal_id\": \"OPP-001045\"}"), "{text}");
    assert!(text.contains("revpulse://deal/OPP-001045"), "{text}");
    assert!(text.contains("I don't know"), "{text}");
}

#[test]
fn missing_unknown_and_malformed_arguments_are_invalid_params() {
    let invalid = rmcp::model::ErrorCode::INVALID_PARAMS;
    assert_eq!(get("deal_review", None).unwrap_err().code, invalid);
    assert_eq!(
        get("deal_review", object(json!({ "deal_id": " " })))
            .unwrap_err()
            .code,
        invalid
    );
    assert_eq!(
        get("deal_review", object(json!({ "deal_id": 7 })))
            .unwrap_err()
            .code,
        invalid
    );
    assert_eq!(
        get("deal_review", object(json!({ "deal_id": "a\nb" })))
            .unwrap_err()
            .code,
        invalid
    );
    assert_eq!(
        get("deal_review", object(json!({ "deal_id": "a", "x": "b" })))
            .unwrap_err()
            .code,
        invalid
    );
    assert_eq!(get("no_such_prompt", None).unwrap_err().code, invalid);
    assert!(get("executive_brief", None).is_ok());
    assert_eq!(
        get("executive_brief", object(json!({ "kind": "monthly" })))
            .unwrap_err()
            .code,
        invalid
    );
    assert!(get("executive_brief", object(json!({ "kind": "weekly" }))).is_ok());
    assert_eq!(
        get("pipeline_changes", object(json!({ "from": "last week" })))
            .unwrap_err()
            .code,
        invalid
    );
    assert!(get("pipeline_changes", object(json!({ "from": "2026-11-19" }))).is_ok());
    assert_eq!(
        get("churn_review", object(json!({ "within_days": "soon" })))
            .unwrap_err()
            .code,
        invalid
    );
}
