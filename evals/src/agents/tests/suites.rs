//! The shipped suites: they load, cover every question of QUESTIONS.md with at least five
//! paraphrases that are not the router's training examples, resolve on a demo company for
//! their roles, and a broken file is reported with its case.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use revpulse_tools::Scope;

use crate::agents::history::DealLedger;
use crate::agents::picks::{Viewpoint, pick};
use crate::agents::suite::{Expansion, Suite};
use crate::agents::{EvalError, load_suites};

use super::fixture::{company, today};

fn suites_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("suites")
}

fn suites() -> Vec<Suite> {
    load_suites(&[suites_dir()]).unwrap()
}

/// The intents behind the questions of QUESTIONS.md.
const QUESTION_INTENTS: [&str; 25] = [
    "brief",
    "forecast_gap",
    "pipeline_changes",
    "call_summaries",
    "objections",
    "next_best_actions",
    "follow_up_email",
    "at_risk_deals",
    "slipped_deals",
    "stuck_deals",
    "rep_attainment",
    "forecast",
    "deal_probability",
    "forecast_accuracy",
    "bookings_arr",
    "attribution",
    "content_influence",
    "funnel",
    "campaign_roi",
    "churn_risk",
    "expansion",
    "account_health",
    "competitor_mentions",
    "competitor_insights",
    "competitor_win_rates",
];

#[test]
fn the_suites_cover_every_question_role_and_safety_case() {
    let suites = suites();
    let names: BTreeSet<&str> = suites.iter().map(|s| s.suite.as_str()).collect();
    let expected = [
        "access_and_safety",
        "brief_and_forecast",
        "conversations",
        "customer",
        "finance",
        "marketing",
        "sales",
    ];
    assert_eq!(names, BTreeSet::from(expected));
    let cases: Vec<_> = suites.iter().flat_map(|s| &s.cases).collect();
    assert!((230..=350).contains(&cases.len()), "{} cases", cases.len());
    let mut per_intent: BTreeMap<&str, usize> = BTreeMap::new();
    for c in cases.iter().filter(|c| c.context.is_empty()) {
        if let Some(i) = &c.expect.intent {
            *per_intent.entry(i.as_str()).or_default() += 1;
        }
    }
    for intent in QUESTION_INTENTS {
        assert!(
            per_intent.get(intent).copied().unwrap_or(0) >= 5,
            "{intent}: {per_intent:?}"
        );
    }
    let families: BTreeSet<&str> = cases.iter().map(|c| c.caller.family()).collect();
    assert_eq!(families.len(), 7, "{families:?}");
    let refusals = cases.iter().filter(|c| c.expect.must_refuse).count();
    let unknowns = cases
        .iter()
        .filter(|c| {
            c.expect
                .outcome
                .as_ref()
                .is_some_and(|o| o.describe() == "unknown")
        })
        .count();
    let attacks = cases.iter().filter(|c| c.attack).count();
    let follow_ups = cases.iter().filter(|c| !c.context.is_empty()).count();
    assert!(
        refusals >= 15 && unknowns >= 5 && attacks >= 5 && follow_ups >= 20,
        "{refusals} {unknowns} {attacks} {follow_ups}"
    );
    assert!(
        cases
            .iter()
            .any(|c| c.each == Some(Expansion::InjectedAccount))
    );
}

fn words(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text.to_lowercase();
    while let (Some(open), Some(close)) = (rest.find('{'), rest.find('}')) {
        if close < open {
            break;
        }
        rest.replace_range(open..=close, " x ");
    }
    for w in rest
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.insert(w.to_owned());
    }
    out
}

#[test]
fn no_question_is_a_copy_of_a_routing_example() {
    let examples: Vec<(String, BTreeSet<String>)> = revpulse_agents::offline::intent_catalogue()
        .unwrap()
        .into_iter()
        .flat_map(|i| i.examples)
        .map(|e| (e.clone(), words(&e)))
        .collect();
    for case in suites().iter().flat_map(|s| &s.cases) {
        for text in case.texts() {
            let w = words(text);
            for (example, e) in &examples {
                let jaccard = w.intersection(e).count() as f64 / w.union(e).count() as f64;
                assert!(
                    jaccard < 0.7,
                    "{}: «{text}» is too close to the example «{example}»",
                    case.id
                );
            }
        }
    }
}

#[test]
fn every_case_resolves_for_its_role_on_the_demo_company() {
    let full = &company().dataset;
    let ledger = DealLedger::new(full);
    for case in suites().iter().flat_map(|s| &s.cases) {
        let user = case
            .caller
            .resolve(full, today())
            .unwrap_or_else(|| panic!("{}: no user", case.id));
        let scope = Scope::for_user(&user, &full.users);
        let visible = scope.records().filter(full);
        let picks = pick(&Viewpoint {
            full,
            visible: &visible,
            user: &user,
            scope: &scope,
            today: today(),
            ledger: &ledger,
        });
        if case.each.is_some() {
            continue;
        }
        for text in case.texts() {
            picks
                .fill(text)
                .unwrap_or_else(|e| panic!("{}: {e}", case.id));
        }
        for tool in &case.expect.tools {
            for (arg, m) in &tool.args {
                m.expected(&picks, today())
                    .unwrap_or_else(|e| panic!("{} {}.{arg}: {e}", case.id, tool.name));
            }
        }
    }
}

#[test]
fn a_broken_suite_is_reported_with_its_file_and_case() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    let write = |text: &str| std::fs::write(&bad, text).unwrap();
    let message = |e: EvalError| e.to_string();
    write(
        r#"{"suite": "s", "cases": [{"id": "ok", "question": "q", "as": "cro", "expect": {}}, {"id": "s.2", "question": "q", "as": "ceo", "expect": {}}]}"#,
    );
    let e = message(load_suites(&[&bad]).unwrap_err());
    assert!(
        e.contains("bad.json") && e.contains("case `s.2`") && e.contains("unknown role `ceo`"),
        "{e}"
    );
    write(
        r#"{"suite": "s", "cases": [{"id": "s.1", "question": "q {acount}", "as": "cro", "expect": {}}]}"#,
    );
    let e = message(load_suites(&[&bad]).unwrap_err());
    assert!(
        e.contains("case `s.1`") && e.contains("unknown placeholder `{acount}`"),
        "{e}"
    );
    write(
        r#"{"suite": "s", "cases": [{"id": "s.1", "question": "q", "as": "cro", "expect": {"intent": "gossip"}}]}"#,
    );
    assert!(message(load_suites(&[&bad]).unwrap_err()).contains("unknown intent `gossip`"));
    write(
        r#"{"suite": "s", "cases": [{"id": "s.1", "question": "q", "as": "cro", "expect": {"tools": [{"name": "pipeline", "args": {"region": "$here"}}]}}]}"#,
    );
    assert!(message(load_suites(&[&bad]).unwrap_err()).contains("unknown matcher `$here`"));
    write(
        r#"{"suite": "s", "cases": [{"id": "s.1", "question": "q", "as": "cro", "expect": {}}, {"id": "s.1", "question": "q", "as": "cro", "expect": {}}]}"#,
    );
    assert!(message(load_suites(&[&bad]).unwrap_err()).contains("used twice"));
    write(
        r#"{"suite": "s", "cases": [{"id": "s.1", "question": "q", "as": "cro", "expect": {"must_refuse": true, "outcome": "answered"}}]}"#,
    );
    assert!(message(load_suites(&[&bad]).unwrap_err()).contains("disagree"));
    let empty = tempfile::tempdir().unwrap();
    assert!(matches!(
        load_suites(&[empty.path()]),
        Err(EvalError::NoSuites(_))
    ));
}
