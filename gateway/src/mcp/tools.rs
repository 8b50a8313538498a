//! The catalogue as MCP tools, and a service call's outcome as an MCP tool result. Schemas come
//! from the tools' Rust types (the same JSON Schema the agents and GraphQL see); MCP wants an
//! object at the root of both. A tool that ran and failed is a tool result with `isError` (the
//! model reads it and may retry, MCP 2025-11-25 also for invalid arguments); a tool that does
//! not exist is a JSON-RPC error (`-32602`), as the specification's example shows.

use std::sync::Arc;

use revpulse_tools::{Catalogue, ToolDescription, ToolError, ToolReply};
use rmcp::ErrorData;
use rmcp::model::{CallToolResult, ContentBlock, JsonObject, Tool, ToolAnnotations};
use serde_json::{Value, json};

use crate::ServiceError;

/// Every tool of `catalogue`, as MCP lists it.
pub(crate) fn mcp_tools(catalogue: &Catalogue) -> Vec<Tool> {
    catalogue.describe().into_iter().map(mcp_tool).collect()
}

fn mcp_tool(tool: ToolDescription) -> Tool {
    // Every catalogue tool reads; none changes anything or reaches outside RevPulse.
    let annotations = ToolAnnotations::with_title(title_of(tool.name))
        .read_only(true)
        .destructive(false)
        .idempotent(true)
        .open_world(false);
    Tool::new(
        tool.name,
        tool.description,
        object_schema(tool.name, tool.args_schema),
    )
    .with_title(title_of(tool.name))
    .with_raw_output_schema(Arc::new(object_schema(tool.name, tool.output_schema)))
    .with_annotations(annotations)
}

/// `pipeline_changes` → "Pipeline changes".
pub(crate) fn title_of(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `schema` as an MCP tool schema: a JSON object whose root type is `object`, without the
/// Rust type's title (the tool's name and title say it).
pub(crate) fn object_schema(tool: &str, schema: Value) -> JsonObject {
    let mut object = match schema {
        Value::Object(object) => object,
        other => {
            tracing::error!(tool, schema = %other, "a tool schema is not a JSON object");
            JsonObject::new()
        }
    };
    object.remove("title");
    match object.get("type") {
        Some(Value::String(t)) if t == "object" => {}
        None if object.contains_key("properties") || object.is_empty() => {
            object.insert("type".to_owned(), json!("object"));
        }
        found => {
            tracing::error!(tool, ?found, "a tool schema's root type is not `object`");
            object.insert("type".to_owned(), json!("object"));
        }
    }
    object
}

/// The MCP outcome of calling a tool through the service.
pub(crate) fn tool_result(
    result: Result<ToolReply, ServiceError>,
) -> Result<CallToolResult, ErrorData> {
    match result {
        Ok(reply) => Ok(CallToolResult::structured(reply.output)),
        Err(ServiceError::Tool(ToolError::UnknownTool(name))) => Err(ErrorData::invalid_params(
            format!("Unknown tool: no tool is called `{name}`; tools/list names them"),
            Some(json!({ "code": "unknown_tool" })),
        )),
        Err(error) => Ok(failed(&error)),
    }
}

/// A tool result saying why the call failed, with the service's stable code.
fn failed(error: &ServiceError) -> CallToolResult {
    let code = error.code();
    let message = safe_message(error);
    let mut result =
        CallToolResult::structured_error(json!({ "error": { "code": code, "message": message } }));
    result.content = vec![ContentBlock::text(format!("{code}: {message}"))];
    result
}

/// Text for the client: the service's messages are already safe for users and models, except
/// the app database's, which name internals; operators find those in the log.
pub(crate) fn safe_message(error: &ServiceError) -> String {
    match error {
        ServiceError::Store(detail) => {
            tracing::error!(error = %detail, "an MCP request failed in the app database");
            "the app database is unavailable right now; try again shortly".to_owned()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_tool_has_object_schemas_and_a_description() {
        let catalogue = Catalogue::standard();
        let described = catalogue.describe();
        for tool in described {
            for schema in [&tool.args_schema, &tool.output_schema] {
                assert_eq!(schema["type"], json!("object"), "{}: {schema}", tool.name);
            }
        }
        let tools = mcp_tools(&catalogue);
        assert_eq!(tools.len(), catalogue.names().count());
        for tool in &tools {
            assert!(
                tool.description.as_deref().is_some_and(|d| !d.is_empty()),
                "{}",
                tool.name
            );
            assert_eq!(tool.input_schema.get("type"), Some(&json!("object")));
            assert!(tool.input_schema.get("title").is_none());
            let output = tool.output_schema.as_ref().unwrap();
            assert_eq!(output.get("type"), Some(&json!("object")));
        }
    }

    #[test]
    fn a_schema_without_a_root_type_becomes_an_object() {
        let schema = object_schema("t", json!({ "title": "X", "properties": {} }));
        assert_eq!(
            Value::Object(schema),
            json!({ "type": "object", "properties": {} })
        );
    }

    #[test]
    fn titles_read_as_words() {
        assert_eq!(title_of("pipeline_changes"), "Pipeline changes");
        assert_eq!(title_of("forecast"), "Forecast");
    }

    #[test]
    fn unknown_tools_are_protocol_errors_and_other_failures_are_results() {
        let unknown = tool_result(Err(ServiceError::Tool(ToolError::UnknownTool("x".into()))));
        assert_eq!(
            unknown.unwrap_err().code,
            rmcp::model::ErrorCode::INVALID_PARAMS
        );
        let missing = tool_result(Err(ServiceError::Tool(ToolError::NotFound {
            what: "deal",
            id: "OPP-1".into(),
        })))
        .unwrap();
        assert_eq!(missing.is_error, Some(true));
        let structured = missing.structured_content.unwrap();
        assert_eq!(structured["error"]["code"], "not_found");
        let text = missing.content[0].as_text().unwrap().text.clone();
        assert!(text.starts_with("not_found: deal `OPP-1`"), "{text}");
    }
}
