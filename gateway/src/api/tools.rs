//! Every tool of the catalogue as a query operation: the same name, description and schemas
//! the agents and MCP clients see, called through the service so scope and audit apply.

use std::sync::Arc;

use revpulse_tools::Catalogue;

use super::{Operation, OperationKind, RunFn};
use crate::graphql::types::pascal_case;

/// The catalogue's tools as operations.
pub fn tool_operations(catalogue: &Catalogue) -> Vec<Operation> {
    catalogue
        .describe()
        .into_iter()
        .map(|tool| {
            let name = tool.name;
            let run: RunFn = Arc::new(move |service, caller, args| {
                Box::pin(async move {
                    let reply = service.call_tool(&caller, name, args).await?;
                    Ok(reply.output)
                })
            });
            let output_type = tool
                .output_schema
                .get("title")
                .and_then(|t| t.as_str())
                .map(str::to_owned)
                .unwrap_or_else(|| format!("{}Output", pascal_case(name)));
            Operation {
                name: name.to_owned(),
                description: tool.description.to_owned(),
                kind: OperationKind::Query,
                args_schema: tool.args_schema,
                output_schema: tool.output_schema,
                output_type,
                run,
            }
        })
        .collect()
}
