//! The family's tools are in the standard catalogue with derived schemas, and answer a call by
//! name with JSON arguments (defaults filled in).

use super::fixture;
use crate::Catalogue;

const TOOLS: [&str; 6] = [
    "forecast",
    "forecast_accuracy",
    "deal_detail",
    "deal_risk",
    "at_risk_deals",
    "next_best_actions",
];

#[test]
fn every_tool_is_listed_with_its_schemas() {
    let catalogue = Catalogue::standard();
    for name in TOOLS {
        let tool = catalogue
            .describe()
            .into_iter()
            .find(|t| t.name == name)
            .unwrap();
        assert!(
            tool.args_schema.is_object() && tool.output_schema.is_object(),
            "{name}"
        );
        assert!(tool.output_schema.to_string().contains("sources"), "{name}");
    }
}

#[tokio::test]
async fn a_call_by_name_fills_in_the_defaults_and_refuses_unknown_fields() {
    let catalogue = Catalogue::standard();
    let ctx = fixture::company().everything();
    let reply = catalogue
        .call(&ctx, "at_risk_deals", serde_json::Value::Null)
        .await
        .unwrap();
    assert!(reply.output["deals"].as_array().unwrap().len() <= 10);
    assert!(!reply.sources.is_empty());
    let refused = catalogue
        .call(&ctx, "forecast", serde_json::json!({ "quarter": "Q4" }))
        .await;
    assert!(matches!(refused, Err(crate::ToolError::InvalidArgs { .. })));
    let detail = catalogue
        .call(
            &ctx,
            "deal_detail",
            serde_json::json!({ "deal_id": fixture::company().data.opportunities[0].id }),
        )
        .await
        .unwrap();
    assert!(detail.output["history"][0]["field"].is_string());
}
