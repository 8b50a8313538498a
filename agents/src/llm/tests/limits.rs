//! The turn budget bounds both levels: a coordinator that never stops calling tools ends the
//! turn with a model error; a sub-agent that never stops is cut off and the coordinator is told.

use revpulse_tools::Catalogue;
use serde_json::json;

use super::fixtures::{DemoCompany, ask};
use super::scripted::{ScriptedCompletionModel, ScriptedTurn};
use crate::AgentError;

#[tokio::test]
async fn the_turn_limit_stops_a_coordinator_that_loops_on_tool_calls() {
    let company = DemoCompany::new();
    // An empty catalogue: each consultation is refused at once, so only the coordinator loops.
    let catalogue = Catalogue::new();
    let looping =
        (0..10).map(|_| ScriptedTurn::Call("ask_finance_agent", json!({"question": "And now?"})));
    let model = ScriptedCompletionModel::new(looping);
    let config = ScriptedCompletionModel::config().with_max_turns(3);
    let brain = model.brain(&config);

    let draft = ask(&brain, &company, &catalogue, "Forecast?").await.draft;

    match draft {
        Err(AgentError::Model(message)) => assert!(message.contains("3 model calls"), "{message}"),
        other => panic!("expected the turn limit, got {other:?}"),
    }
    assert_eq!(model.requests().len(), 3);
    assert_eq!(model.remaining(), 7);
    let refusal = &model.requests()[1].tool_results()[0];
    assert!(refusal.contains("has no data tools"), "{refusal}");
}

#[tokio::test]
async fn a_looping_sub_agent_is_cut_off_and_the_coordinator_still_answers() {
    let company = DemoCompany::new();
    let mut script = vec![ScriptedTurn::Call(
        "ask_finance_agent",
        json!({"question": "Bookings by region?"}),
    )];
    script.extend((0..3).map(|_| ScriptedTurn::Call("bookings_arr", json!({}))));
    script.push(ScriptedTurn::Text("Finance could not finish."));
    let model = ScriptedCompletionModel::new(script);
    let config = ScriptedCompletionModel::config().with_max_turns(3);
    let brain = model.brain(&config);

    let draft = ask(&brain, &company, &Catalogue::standard(), "Bookings?")
        .await
        .draft
        .unwrap();

    assert_eq!(draft.text, "Finance could not finish.");
    let requests = model.requests();
    assert_eq!(
        requests.len(),
        5,
        "one coordinator call, three agent calls, one answer"
    );
    let told = &requests[4].tool_results()[0];
    assert_eq!(
        told,
        "the Finance agent stopped after 3 model calls without an answer"
    );
    assert_eq!(draft.replies.len(), 3, "every call that ran is kept");
}
