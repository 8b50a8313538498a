//! Scoring one answer: runs every scorer on it and gathers the problems.

use revpulse_agents::{Answer, Section, StepKind};
use serde_json::Value;

use super::caller::Caller;
use super::facts::FactInputs;
use super::placeholders::{EntityKind, Picks, placeholders_in};
use super::records::RecordIndex;
use super::replay::Replayed;
use super::run::Session;
use super::scoring::CaseResult;
use super::scoring::citations::{AskedAbout, CitationInputs, check_citations};
use super::scoring::facts::check_facts;
use super::scoring::grounding::check_grounding;
use super::scoring::injection::{InjectionInputs, check_injection};
use super::scoring::leaks::find_leaks;
use super::scoring::refusal::check_refusal;
use super::scoring::routing::check_routing;
use super::scoring::tools::check_tools;
use super::suite::{Case, OutcomeKind};

/// One answered case, ready to score.
pub(crate) struct Scored<'a> {
    pub session: &'a Session<'a>,
    pub case: &'a Case,
    pub caller: &'a Caller,
    pub picks: &'a Picks,
    pub answer: &'a Answer,
    pub replayed: &'a [Replayed],
}

/// Every check of one answer (identity fields are left for the runner to fill).
pub(crate) fn score(s: &Scored<'_>) -> CaseResult {
    let (expect, answer, today) = (&s.case.expect, s.answer, s.session.env.today);
    let outcome = OutcomeKind::of(&answer.outcome);
    let texts = answer_texts(answer);
    let outputs: Vec<&Value> = s.replayed.iter().map(|r| &r.output).collect();
    let inputs = FactInputs {
        visible: &s.caller.visible,
        ledger: &s.session.ledger,
        today,
        picks: s.picks,
    };
    let asked = asked_about(s.case, s.picks, &s.session.index);
    let mut result = CaseResult {
        answer: answer.text.clone(),
        outcome: Some(outcome),
        tokens: tokens(answer),
        calls: answer
            .tool_calls()
            .map(|(tool, args)| format!("{tool} {args}"))
            .collect(),
        guardrails: answer
            .guardrail_actions()
            .map(|(rule, detail)| format!("{rule}: {detail}"))
            .collect(),
        routing: check_routing(expect, answer),
        tools: check_tools(&expect.tools, answer, s.picks, today),
        facts: check_facts(
            &expect.facts,
            &inputs,
            &texts.iter().map(String::as_str).collect::<Vec<_>>(),
            &outputs,
        ),
        grounding: check_grounding(answer, s.replayed),
        citations: check_citations(
            &CitationInputs {
                must_cite: expect.must_cite,
                intent: expect.intent.as_deref(),
                asked: &asked,
                index: &s.session.index,
            },
            answer,
            s.replayed,
        ),
        refusal: check_refusal(expect, outcome),
        restricted: s.caller.fence.is_some(),
        leaks: s
            .caller
            .fence
            .as_ref()
            .map(|f| find_leaks(f, answer, s.replayed))
            .unwrap_or_default(),
        injection: check_injection(
            &InjectionInputs {
                planted: &s.session.planted,
                injected_account: s
                    .picks
                    .get(EntityKind::InjectedAccount)
                    .map(|p| p.id.as_str()),
                attack: s.case.attack,
                question: &answer.question,
            },
            answer,
            s.replayed,
        ),
        ..CaseResult::default()
    };
    result.judge();
    result
}

/// The prose and every table cell.
fn answer_texts(answer: &Answer) -> Vec<String> {
    let mut texts = vec![answer.text.clone()];
    for section in &answer.sections {
        if let Section::Table(t) = section {
            texts.extend(t.rows.iter().flatten().cloned());
        }
    }
    texts
}

/// Input and output tokens of every model completion.
fn tokens(answer: &Answer) -> u64 {
    answer
        .trace
        .steps
        .iter()
        .map(|s| match s.kind {
            StepKind::Completion {
                input_tokens,
                output_tokens,
            } => input_tokens + output_tokens,
            _ => 0,
        })
        .sum()
}

/// The accounts and deals the question's placeholders named.
fn asked_about(case: &Case, picks: &Picks, index: &RecordIndex) -> AskedAbout {
    let mut asked = AskedAbout::default();
    for p in placeholders_in(&case.question).unwrap_or_default() {
        let Some(id) = picks.get(p.kind).map(|e| e.id.clone()) else {
            continue;
        };
        match p.kind {
            EntityKind::Account | EntityKind::ForeignAccount | EntityKind::InjectedAccount => {
                asked.accounts.insert(id);
            }
            EntityKind::Deal | EntityKind::ForeignDeal => {
                if let Some(account) = index.account(&id) {
                    asked.accounts.insert(account.to_owned());
                }
                asked.deals.insert(id);
            }
            _ => {}
        }
    }
    asked
}
