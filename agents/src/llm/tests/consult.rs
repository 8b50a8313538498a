//! The coordinator consults a domain agent, whose model calls a real catalogue tool over the
//! demo company; the requests show what each model was offered.

use revpulse_tools::Catalogue;
use serde_json::json;

use super::fixtures::{DemoCompany, ask};
use super::scripted::{ScriptedCompletionModel, ScriptedTurn};
use crate::llm::catalogue_tool::model_view;
use crate::{DomainAgent, Outcome, StepKind};

/// A real Finance tool of the standard catalogue.
const FINANCE_TOOL: &str = "forecast";
const FINAL: &str = "The quarter's forecast is below quota; two deals explain most of the gap.";

/// This quarter of the demo company, as the Finance agent's model would ask for it.
fn forecast_args() -> serde_json::Value {
    json!({"period": {"from": "2025-10-01", "to": "2025-12-31"}})
}

fn consult_script() -> Vec<ScriptedTurn> {
    vec![
        ScriptedTurn::Call(
            "ask_finance_agent",
            json!({"question": "What is the forecast for Q4 2025 against quota?"}),
        ),
        ScriptedTurn::Call(FINANCE_TOOL, forecast_args()),
        ScriptedTurn::Text("The Q4 forecast and its gap are in the tool output."),
        ScriptedTurn::Text(FINAL),
    ]
}

#[tokio::test]
async fn the_coordinator_consults_finance_whose_tool_runs_over_the_demo_company() {
    let company = DemoCompany::new();
    let catalogue = Catalogue::standard();
    assert!(catalogue.contains(FINANCE_TOOL));
    let model = ScriptedCompletionModel::new(consult_script());
    let brain = model.brain(&ScriptedCompletionModel::config());

    let asked = ask(
        &brain,
        &company,
        &catalogue,
        "What is our forecast this quarter?",
    )
    .await;
    let draft = asked.draft.unwrap();

    assert_eq!(draft.text, FINAL);
    assert_eq!(draft.outcome, Outcome::Answered);
    assert_eq!(draft.agents, vec![DomainAgent::Finance]);
    assert_eq!(draft.memory, (None, serde_json::Value::Null));
    let direct = catalogue
        .call(&company.ctx, FINANCE_TOOL, forecast_args())
        .await
        .unwrap();
    assert_eq!(draft.replies.len(), 1);
    assert_eq!(draft.replies[0].tool, FINANCE_TOOL);
    assert_eq!(draft.replies[0].args, forecast_args());
    assert_eq!(draft.replies[0].output, direct.output);
    assert_eq!(draft.replies[0].sources, direct.sources);
    assert_eq!(model.remaining(), 0);
    // Steps are streamed as they finish, and the draft keeps the same ones.
    assert_eq!(asked.streamed, draft.steps);
}

#[tokio::test]
async fn the_trace_records_the_consultation_the_tool_call_and_each_completion() {
    let company = DemoCompany::new();
    let model = ScriptedCompletionModel::new(consult_script());
    let brain = model.brain(&ScriptedCompletionModel::config());

    let draft = ask(&brain, &company, &Catalogue::standard(), "Forecast?")
        .await
        .draft
        .unwrap();

    let kinds: Vec<(DomainAgent, &StepKind)> =
        draft.steps.iter().map(|s| (s.agent, &s.kind)).collect();
    let tool_call = kinds.iter().find_map(|(agent, kind)| match kind {
        StepKind::ToolCall {
            tool,
            error,
            sources,
            ..
        } => Some((*agent, tool, error, *sources)),
        _ => None,
    });
    let (agent, tool, error, sources) = tool_call.unwrap();
    assert_eq!(
        (agent, tool.as_str(), error),
        (DomainAgent::Finance, FINANCE_TOOL, &None)
    );
    assert_eq!(sources, draft.replies[0].sources.len());
    assert!(kinds.contains(&(
        DomainAgent::Coordinator,
        &StepKind::Consult {
            agent: DomainAgent::Finance
        }
    )));
    let completions: Vec<(DomainAgent, u64)> = kinds
        .iter()
        .filter_map(|(agent, kind)| match kind {
            StepKind::Completion {
                input_tokens,
                output_tokens,
            } => {
                assert_eq!(*output_tokens, 10);
                Some((*agent, *input_tokens))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        completions,
        vec![
            (DomainAgent::Coordinator, 101),
            (DomainAgent::Finance, 102),
            (DomainAgent::Finance, 103),
            (DomainAgent::Coordinator, 104),
        ]
    );
}

#[tokio::test]
async fn each_model_is_offered_its_own_tools_and_reads_tool_outputs_as_json() {
    let company = DemoCompany::new();
    let catalogue = Catalogue::standard();
    let model = ScriptedCompletionModel::new(consult_script());
    let brain = model.brain(&ScriptedCompletionModel::config());

    let draft = ask(&brain, &company, &catalogue, "Forecast?")
        .await
        .draft
        .unwrap();
    let requests = model.requests();

    assert_eq!(requests.len(), 4);
    for request in &requests {
        assert!(
            request.uri.ends_with("/v1/chat/completions"),
            "{}",
            request.uri
        );
        assert_eq!(request.body["model"], "scripted-model");
        assert_eq!(request.body["temperature"], 0.0);
        assert_eq!(request.body["seed"], 7);
        assert_eq!(request.body["tool_choice"], "auto");
    }
    let coordinator_tools = [
        "ask_sales_agent",
        "ask_marketing_agent",
        "ask_finance_agent",
        "ask_customer_agent",
    ];
    for index in [0, 3] {
        assert_eq!(requests[index].tool_names(), coordinator_tools);
        assert!(requests[index].system().contains("You coordinate RevPulse"));
    }
    let finance: Vec<&str> = DomainAgent::Finance
        .tools()
        .iter()
        .copied()
        .filter(|name| catalogue.contains(name))
        .collect();
    assert!(finance.contains(&FINANCE_TOOL));
    for index in [1, 2] {
        assert_eq!(requests[index].tool_names(), finance);
        assert!(
            requests[index]
                .system()
                .contains("You are the finance agent")
        );
    }
    let finance_tool =
        &requests[1].body["tools"][finance.iter().position(|t| *t == FINANCE_TOOL).unwrap()];
    let described = catalogue.describe();
    let description = described.iter().find(|d| d.name == FINANCE_TOOL).unwrap();
    assert_eq!(
        finance_tool["function"]["parameters"],
        description.args_schema
    );
    assert_eq!(
        finance_tool["function"]["description"],
        description.description
    );
    // The sub-agent reads the tool's output as JSON; the coordinator reads the agent's answer.
    assert_eq!(
        requests[2].tool_results(),
        vec![model_view(&draft.replies[0].output)]
    );
    assert_eq!(
        requests[3].tool_results(),
        vec!["The Q4 forecast and its gap are in the tool output.".to_owned()]
    );
    // What the coordinator's model said before is replayed with the plain content strict
    // OpenAI-compatible servers require.
    let replayed = &requests[3].body["messages"][2];
    assert_eq!(replayed["role"], "assistant");
    assert_eq!(replayed["content"], "");
    assert_eq!(
        replayed["tool_calls"][0]["function"]["name"],
        "ask_finance_agent"
    );
}

#[tokio::test]
async fn a_sub_agent_only_sees_tools_of_its_own_domain() {
    let company = DemoCompany::new();
    let catalogue = Catalogue::standard();
    let script = vec![
        ScriptedTurn::Call(
            "ask_marketing_agent",
            json!({"question": "Which campaigns won?"}),
        ),
        ScriptedTurn::Call(FINANCE_TOOL, json!({})),
        ScriptedTurn::Text("I cannot see the forecast."),
        ScriptedTurn::Text("Marketing could not answer."),
    ];
    let model = ScriptedCompletionModel::new(script);
    let brain = model.brain(&ScriptedCompletionModel::config());

    let draft = ask(&brain, &company, &catalogue, "Campaigns?")
        .await
        .draft
        .unwrap();

    let requests = model.requests();
    assert!(!requests[1].tool_names().contains(&FINANCE_TOOL.to_owned()));
    assert!(draft.replies.is_empty(), "an unoffered tool must not run");
    let rejected = &requests[2].tool_results()[0];
    assert!(
        rejected.contains("no tool is called `forecast`"),
        "{rejected}"
    );
    assert_eq!(draft.agents, vec![DomainAgent::Marketing]);
}
