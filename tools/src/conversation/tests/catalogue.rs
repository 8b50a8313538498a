//! The family's tools are in the standard catalogue with schemas a model can read: every
//! argument described, unknown arguments refused.

use serde_json::json;

use super::fixture::company;
use crate::{Catalogue, ToolError};

const NAMES: [&str; 6] = [
    "conversation_search",
    "call_summaries",
    "objections",
    "competitor_mentions",
    "competitor_insights",
    "competitor_win_rates",
];

#[test]
fn every_tool_is_listed_with_described_arguments() {
    let catalogue = Catalogue::standard();
    for name in NAMES {
        let tool = catalogue
            .describe()
            .into_iter()
            .find(|t| t.name == name)
            .unwrap();
        assert!(!tool.description.is_empty());
        let properties = tool.args_schema["properties"].as_object().unwrap();
        for (field, schema) in properties {
            let text = schema.to_string();
            assert!(
                text.contains("\"description\""),
                "{name}.{field} has no description"
            );
        }
        assert!(
            tool.output_schema["properties"]["sources"].is_object(),
            "{name}"
        );
    }
}

#[tokio::test]
async fn unknown_arguments_are_refused() {
    let ctx = company().everything();
    for name in NAMES {
        let reply = Catalogue::standard()
            .call(&ctx, name, json!({"nonsense": 1}))
            .await;
        assert!(
            matches!(reply, Err(ToolError::InvalidArgs { .. })),
            "{name}"
        );
    }
}
