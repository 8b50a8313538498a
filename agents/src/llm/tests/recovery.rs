//! What the model is told when its call goes wrong, and when the turn is aborted instead: bad
//! arguments and unknown tools go back to the model so it can retry; a store failure aborts.

use revpulse_tools::{Catalogue, Tool, ToolError};
use serde_json::json;

use super::fixtures::{DemoCompany, ask};
use super::scripted::{ScriptedCompletionModel, ScriptedTurn};
use super::test_tools::BrokenLedgerTool;
use crate::{AgentError, DomainAgent, StepKind};

fn tool_calls(steps: &[crate::TraceStep]) -> Vec<(DomainAgent, String, Option<String>)> {
    steps
        .iter()
        .filter_map(|step| match &step.kind {
            StepKind::ToolCall { tool, error, .. } => {
                Some((step.agent, tool.clone(), error.clone()))
            }
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn bad_arguments_go_back_to_the_model_and_its_retry_succeeds() {
    let company = DemoCompany::new();
    let script = vec![
        ScriptedTurn::Call(
            "ask_finance_agent",
            json!({"question": "Bookings by region?"}),
        ),
        ScriptedTurn::Call("bookings_arr", json!({"group_by": "galaxy"})),
        ScriptedTurn::Call("bookings_arr", json!({"group_by": "region"})),
        ScriptedTurn::Text("Here are bookings by region."),
        ScriptedTurn::Text("Bookings by region are in."),
    ];
    let model = ScriptedCompletionModel::new(script);
    let brain = model.brain(&ScriptedCompletionModel::config());

    let draft = ask(&brain, &company, &Catalogue::standard(), "Bookings?")
        .await
        .draft
        .unwrap();

    let calls = tool_calls(&draft.steps);
    assert_eq!(calls.len(), 2);
    let error = calls[0].2.clone().unwrap();
    assert!(
        error.starts_with("invalid arguments for `bookings_arr`"),
        "{error}"
    );
    assert!(error.contains("galaxy"), "{error}");
    assert_eq!(
        calls[1],
        (DomainAgent::Finance, "bookings_arr".into(), None)
    );
    assert_eq!(draft.replies.len(), 1);
    assert_eq!(draft.replies[0].args, json!({"group_by": "region"}));
    // The model read the error exactly as the tool's user message words it.
    let requests = model.requests();
    assert_eq!(requests[2].tool_results(), vec![error]);
    assert_eq!(draft.text, "Bookings by region are in.");
}

#[tokio::test]
async fn an_unknown_agent_is_rejected_with_the_list_of_agents_and_the_model_recovers() {
    let company = DemoCompany::new();
    let script = vec![
        ScriptedTurn::Call("ask_legal_agent", json!({"question": "Are we compliant?"})),
        ScriptedTurn::Text("I can only ask the revenue agents."),
    ];
    let model = ScriptedCompletionModel::new(script);
    let brain = model.brain(&ScriptedCompletionModel::config());

    let draft = ask(&brain, &company, &Catalogue::standard(), "Compliance?")
        .await
        .draft
        .unwrap();

    assert_eq!(draft.text, "I can only ask the revenue agents.");
    assert!(draft.agents.is_empty());
    let feedback = &model.requests()[1].tool_results()[0];
    assert!(
        feedback.contains("no tool is called `ask_legal_agent`"),
        "{feedback}"
    );
    assert!(feedback.contains("ask_finance_agent"), "{feedback}");
    let calls = tool_calls(&draft.steps);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].0, DomainAgent::Coordinator);
    assert_eq!(calls[0].1, "ask_legal_agent");
}

#[tokio::test]
async fn a_consultation_without_a_question_is_sent_back() {
    let company = DemoCompany::new();
    let script = vec![
        ScriptedTurn::Call("ask_finance_agent", json!({"topic": "bookings"})),
        ScriptedTurn::Text("Sorry."),
    ];
    let model = ScriptedCompletionModel::new(script);
    let brain = model.brain(&ScriptedCompletionModel::config());

    let draft = ask(&brain, &company, &Catalogue::standard(), "Bookings?")
        .await
        .draft
        .unwrap();

    let feedback = &model.requests()[1].tool_results()[0];
    assert!(
        feedback.starts_with("invalid arguments for `ask_finance_agent`"),
        "{feedback}"
    );
    assert!(draft.agents.is_empty(), "no agent ran");
    assert_eq!(model.requests().len(), 2);
}

#[tokio::test]
async fn a_failing_store_aborts_the_turn_with_the_tool_error() {
    let company = DemoCompany::new();
    let mut catalogue = Catalogue::new();
    catalogue.register(BrokenLedgerTool);
    let script = vec![
        ScriptedTurn::Call(
            "ask_finance_agent",
            json!({"question": "How accurate was Q3?"}),
        ),
        ScriptedTurn::Call(BrokenLedgerTool::NAME, json!({})),
        ScriptedTurn::Text("unreachable"),
        ScriptedTurn::Text("unreachable"),
    ];
    let model = ScriptedCompletionModel::new(script);
    let brain = model.brain(&ScriptedCompletionModel::config());

    let asked = ask(&brain, &company, &catalogue, "Accuracy?").await;

    match asked.draft {
        Err(AgentError::Tool(ToolError::Analytics { analytic, .. })) => {
            assert_eq!(analytic, "forecast ledger");
        }
        other => panic!("expected the tool error, got {other:?}"),
    }
    assert_eq!(
        model.requests().len(),
        2,
        "nothing is asked after the failure"
    );
    // The failed call was still announced, with the safe message only.
    let calls = tool_calls(&asked.streamed);
    assert_eq!(calls.len(), 1);
    let message = calls[0].2.clone().unwrap();
    assert_eq!(
        message,
        "the forecast ledger computation could not run on this data"
    );
}

#[tokio::test]
async fn a_provider_failure_is_a_model_error() {
    let company = DemoCompany::new();
    let model = ScriptedCompletionModel::new(Vec::new());
    let brain = model.brain(&ScriptedCompletionModel::config());

    let draft = ask(&brain, &company, &Catalogue::standard(), "Anything?")
        .await
        .draft;

    assert!(matches!(draft, Err(AgentError::Model(_))), "{draft:?}");
}
