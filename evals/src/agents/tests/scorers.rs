//! The answer-quality scorers on hand-made answers: routing, tools, facts, grounding, citations
//! and refusals.

use std::collections::BTreeSet;

use revpulse_agents::{DomainAgent, Outcome};
use revpulse_tools::Source;
use serde_json::json;

use crate::agents::facts::{FactInputs, FactSpec};
use crate::agents::history::DealLedger;
use crate::agents::placeholders::Picks;
use crate::agents::records::RecordIndex;
use crate::agents::replay::Replayed;
use crate::agents::scoring::citations::{AskedAbout, CitationInputs, check_citations};
use crate::agents::scoring::facts::check_facts;
use crate::agents::scoring::grounding::check_grounding;
use crate::agents::scoring::refusal::check_refusal;
use crate::agents::scoring::routing::check_routing;
use crate::agents::scoring::tools::check_tools;
use crate::agents::suite::{Expect, OutcomeKind, OutcomeSet, ToolExpect};

use super::fixture::{answer, call, company, guard, passage, route, today};

fn expect(v: serde_json::Value) -> Expect {
    serde_json::from_value(v).unwrap()
}

fn replayed(tool: &str, output: serde_json::Value, sources: Vec<Source>) -> Replayed {
    Replayed {
        tool: tool.into(),
        args: json!({}),
        output,
        sources,
    }
}

#[test]
fn routing_compares_the_intent_and_requires_every_expected_agent() {
    let a = answer("x", vec![route("objections")], vec![], Outcome::Answered);
    let ok = check_routing(
        &expect(json!({"intent": "objections", "agents": ["sales"]})),
        &a,
    );
    assert_eq!((ok.intent_ok, ok.agents_ok), (Some(true), Some(true)));
    let bad = check_routing(
        &expect(json!({"intent": "call_summaries", "agents": ["customer"]})),
        &a,
    );
    assert_eq!((bad.intent_ok, bad.agents_ok), (Some(false), Some(false)));
    assert_eq!(bad.problems().len(), 2);
    let unchecked = check_routing(&Expect::default(), &a);
    assert_eq!((unchecked.intent_ok, unchecked.agents_ok), (None, None));
    assert_eq!(a.agents, vec![DomainAgent::Coordinator, DomainAgent::Sales]);
}

#[test]
fn tools_are_matched_by_name_then_by_the_best_call_s_arguments() {
    let mut picks = Picks::default();
    picks.entities.insert(
        crate::agents::placeholders::EntityKind::OwnRegion,
        crate::agents::placeholders::Picked {
            id: "EMEA".into(),
            text: "EMEA".into(),
        },
    );
    let a = answer(
        "x",
        vec![
            call("at_risk_deals", json!({"region": "NA"})),
            call(
                "at_risk_deals",
                json!({"region": "EMEA", "period": {"from": "2026-10-01", "to": "2026-12-31"}}),
            ),
        ],
        vec![],
        Outcome::Answered,
    );
    let want: Vec<ToolExpect> = serde_json::from_value(json!([
        {"name": "at_risk_deals", "args": {"region": "{region_id}", "period": "$this_quarter", "limit": "$absent"}},
        {"name": "pipeline", "args": {}},
    ])).unwrap();
    let checks = check_tools(&want, &a, &picks, today());
    assert!(checks[0].called && checks[0].args_ok, "{:?}", checks[0]);
    assert!(!checks[1].called && !checks[1].args_ok);
    assert!(checks[1].problems()[0].contains("not called"));
    let strict: Vec<ToolExpect> =
        serde_json::from_value(json!([{"name": "at_risk_deals", "args": {"region": "APAC"}}]))
            .unwrap();
    let miss = &check_tools(&strict, &a, &picks, today())[0];
    assert!(miss.called && !miss.args_ok);
    assert!(
        miss.mismatches[0].starts_with("region: expected \"APAC\""),
        "{:?}",
        miss.mismatches
    );
}

#[test]
fn facts_are_found_in_text_or_outputs_at_their_precision() {
    let full = &company().dataset;
    let ledger = DealLedger::new(full);
    let picks = Picks::default();
    let inputs = FactInputs {
        visible: full,
        ledger: &ledger,
        today: today(),
        picks: &picks,
    };
    let spec = FactSpec::try_from("open_pipeline_total".to_owned()).unwrap();
    let Ok(crate::agents::facts::FactValue::Money(total)) = inputs.compute(spec) else {
        panic!()
    };
    let shown = format!("Open pipeline is ${:.2}M.", total as f64 / 1e6);
    let in_text = check_facts(&[spec], &inputs, &[&shown], &[]);
    assert!(in_text[0].in_text && !in_text[0].in_outputs && in_text[0].matched());
    let output = json!({"total_amount": total});
    let in_outputs = check_facts(&[spec], &inputs, &["nothing here"], &[&output]);
    assert!(!in_outputs[0].in_text && in_outputs[0].in_outputs);
    let off = json!({"total_amount": total + 1});
    let missing = check_facts(&[spec], &inputs, &["Pipeline is $1.00."], &[&off]);
    assert!(!missing[0].matched());
    assert_eq!(missing[0].problems().len(), 1);
    let deal = FactSpec::try_from("deal_amount".to_owned()).unwrap();
    let uncomputable = check_facts(&[deal], &inputs, &[], &[]);
    assert!(
        !uncomputable[0].checked() && uncomputable[0].uncomputable.is_some(),
        "no deal was picked"
    );
}

#[test]
fn grounding_counts_removals_and_citations_no_tool_returned() {
    let a = answer(
        "x [1] [2]",
        vec![
            guard("numeric_grounding", "removed"),
            guard("citation", "removed"),
        ],
        vec![
            passage("TR-1#0-2"),
            Source::record("Opportunity", "OPP-9", "n"),
        ],
        Outcome::Answered,
    );
    let g = check_grounding(
        &a,
        &[replayed("objections", json!({}), vec![passage("TR-1#0-2")])],
    );
    assert_eq!(
        (g.numeric_removals, g.citations, g.citations_in_sources),
        (1, 2, 1)
    );
    assert_eq!(g.unsupported, vec!["OPP-9"]);
}

#[test]
fn citations_need_a_passage_for_conversation_questions_and_belong_to_the_named_account() {
    let full = &company().dataset;
    let index = RecordIndex::new(full);
    let transcript = &full.transcripts[0];
    let activity = full
        .activities
        .iter()
        .find(|a| a.id == transcript.activity_id)
        .unwrap();
    let other = full
        .accounts
        .iter()
        .find(|a| a.id != activity.account_id)
        .unwrap();
    let chunk = format!("{}#0-3", transcript.id);
    let asked = AskedAbout {
        accounts: BTreeSet::from([activity.account_id.clone()]),
        deals: BTreeSet::new(),
    };
    let inputs = |must_cite, intent, asked| CitationInputs {
        must_cite,
        intent,
        asked,
        index: &index,
    };
    let returned = [replayed(
        "call_summaries",
        json!({}),
        vec![passage(&chunk), Source::record("Account", &other.id, "o")],
    )];
    let a = answer(
        "x [1] [2]",
        vec![],
        vec![passage(&chunk), Source::record("Account", &other.id, "o")],
        Outcome::Answered,
    );
    let c = check_citations(&inputs(true, Some("call_summaries"), &asked), &a, &returned);
    assert!(c.needs_passage && c.satisfied());
    assert_eq!((c.judged, c.relevant), (2, 1));
    assert_eq!(c.irrelevant, vec![other.id.clone()]);
    let records_only = answer(
        "x [1]",
        vec![],
        vec![Source::record("Account", &other.id, "o")],
        Outcome::Answered,
    );
    assert!(
        !check_citations(
            &inputs(true, Some("objections"), &asked),
            &records_only,
            &returned
        )
        .satisfied()
    );
    let nothing = AskedAbout::default();
    assert!(
        check_citations(
            &inputs(true, Some("pipeline"), &nothing),
            &records_only,
            &returned
        )
        .satisfied()
    );
    let none = answer("No deal has slipped.", vec![], vec![], Outcome::Answered);
    assert!(
        !check_citations(
            &inputs(true, Some("slipped_deals"), &nothing),
            &none,
            &returned
        )
        .satisfied()
    );
    assert!(
        check_citations(&inputs(true, Some("slipped_deals"), &nothing), &none, &[]).satisfied(),
        "nothing returned, nothing to cite"
    );
    assert!(check_citations(&inputs(false, None, &asked), &none, &returned).satisfied());
    let similar = full
        .opportunities
        .iter()
        .find(|o| o.account_id != activity.account_id)
        .unwrap();
    let with_deal = answer(
        "x [1]",
        vec![],
        vec![Source::record("Opportunity", &similar.id, "s")],
        Outcome::Answered,
    );
    let c = check_citations(&inputs(false, None, &asked), &with_deal, &returned);
    assert_eq!(
        c.judged, 0,
        "a similar deal of another account is not judged"
    );
}

#[test]
fn refusals_must_match_must_refuse_and_outcomes_the_accepted_set() {
    let refuse = expect(json!({"must_refuse": true, "outcome": "refused"}));
    assert!(check_refusal(&refuse, OutcomeKind::Refused).correct());
    let wrong = check_refusal(&refuse, OutcomeKind::Answered);
    assert!(!wrong.correct() && !wrong.problems(OutcomeKind::Answered).is_empty());
    let either = expect(json!({"outcome": ["refused", "unknown"]}));
    assert_eq!(
        check_refusal(&either, OutcomeKind::Unknown).outcome_ok,
        Some(true)
    );
    let answered = check_refusal(&either, OutcomeKind::Answered);
    assert_eq!(answered.outcome_ok, Some(false));
    assert!(answered.correct(), "answering is not refusing");
    assert!(OutcomeSet::Any(vec![OutcomeKind::Refused]).accepts(OutcomeKind::Refused));
}
