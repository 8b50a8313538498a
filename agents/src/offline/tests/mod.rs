//! The offline brain end to end over a small demo company held in memory: follow-ups, scope
//! checks on every named region, unmatched names and off-topic questions, asked through the
//! [`crate::Coordinator`] with the real sentence model.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixture;

use fixture::{ask, asked_in, world};
use revpulse_tools::Scope;
use serde_json::json;

use crate::{Conversation, Outcome};

#[tokio::test]
async fn a_follow_up_that_only_changes_the_region_keeps_the_intent() {
    let w = world();
    let region = &w.company.regions[1];
    let ctx = w.ctx(Scope::everything("cro"));
    let mut c = Conversation::new();
    ask(&ctx, &mut c, "Which deals are at risk this quarter?").await;
    let answer = ask(&ctx, &mut c, &format!("and in {}?", region.name)).await;
    assert_eq!(answer.intent(), Some("at_risk_deals"));
    let (tool, args) = answer.tool_calls().next().unwrap();
    assert_eq!(tool, "at_risk_deals");
    assert_eq!(args["region"], json!(region.id));
}

#[tokio::test]
async fn a_pronoun_follow_up_keeps_the_account_it_points_back_to() {
    let w = world();
    let account = &w.company.accounts[0];
    let ctx = w.ctx(Scope::everything("cro"));
    let mut c = Conversation::new();
    ask(
        &ctx,
        &mut c,
        &format!("Give me the health of {}", account.name),
    )
    .await;
    let answer = ask(&ctx, &mut c, "and the last 3 calls with them?").await;
    assert_eq!(answer.intent(), Some("call_summaries"));
    let (_, args) = answer.tool_calls().next().unwrap();
    assert_eq!(args["account_id"], json!(account.id));
    assert_eq!(args["limit"], json!(3));
}

#[tokio::test]
async fn every_region_a_question_names_is_checked_against_the_scope() {
    let w = world();
    let (own, other) = (&w.company.regions[0], &w.company.regions[1]);
    let ctx = w.ctx(Scope::granted("vp", [own.id.clone()], [], []));
    for question in [
        format!("Compare {} with {} on open pipeline", own.name, other.name),
        format!("Compare {} with {} on open pipeline", other.name, own.name),
    ] {
        let answer = asked_in(&ctx, &question).await;
        assert!(
            matches!(answer.outcome, Outcome::Refused { .. }),
            "{question}: {answer:?}"
        );
        assert_eq!(answer.tool_calls().count(), 0);
    }
}

#[tokio::test]
async fn a_name_that_matches_nothing_visible_is_said_back_not_dropped() {
    let w = world();
    let hidden = &w.company.accounts[0];
    let ctx = w.ctx(Scope::granted(
        "rep",
        [],
        [],
        w.company.accounts[1..4].iter().map(|a| a.id.clone()),
    ));
    let answer = asked_in(
        &ctx,
        &format!("Which objections has {} raised?", hidden.name),
    )
    .await;
    assert!(
        matches!(answer.outcome, Outcome::Unknown { .. }),
        "{answer:?}"
    );
    assert!(answer.text.contains(&hidden.name), "{}", answer.text);
    assert_eq!(
        answer.tool_calls().count(),
        0,
        "no answer about every account instead"
    );
}

#[tokio::test]
async fn questions_outside_revenue_are_not_answered_even_with_revenue_words() {
    let w = world();
    let ctx = w.ctx(Scope::everything("cro"));
    for question in [
        "Who will win the football league this season?",
        "What will our share price do next quarter?",
    ] {
        let answer = asked_in(&ctx, question).await;
        assert!(
            matches!(answer.outcome, Outcome::Unknown { .. }),
            "{question}: {}",
            answer.text
        );
        assert_eq!(answer.tool_calls().count(), 0, "{question}");
    }
}

#[tokio::test]
async fn a_follow_up_naming_a_refused_region_keeps_the_intent_and_is_refused() {
    let w = world();
    let (own, other) = (&w.company.regions[0], &w.company.regions[1]);
    let ctx = w.ctx(Scope::granted("vp", [own.id.clone()], [], []));
    let mut c = Conversation::new();
    ask(
        &ctx,
        &mut c,
        &format!("How much open pipeline sits in {}?", own.name),
    )
    .await;
    let answer = ask(&ctx, &mut c, &format!("and in {}?", other.name)).await;
    assert_eq!(answer.intent(), Some("pipeline"));
    assert!(
        matches!(answer.outcome, Outcome::Refused { .. }),
        "{answer:?}"
    );
}
