//! An API operation: a name, a description, typed args and output with their JSON Schemas,
//! and the service call behind it. GraphQL fields are generated from operations; every tool of
//! the catalogue is one, so is every app action (ask, forecast submission, alert
//! acknowledgement, briefs, the audit log).

use std::future::Future;
use std::sync::Arc;

use futures::future::BoxFuture;
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::ServiceError;
use crate::service::{Caller, RevPulseService};

/// Whether an operation reads or changes state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    /// Reads (a GraphQL query).
    Query,
    /// Changes state or runs an agent (a GraphQL mutation).
    Mutation,
}

/// The call behind an operation: the service, the caller and the JSON args, to JSON output.
pub type RunFn = Arc<
    dyn Fn(RevPulseService, Caller, Value) -> BoxFuture<'static, Result<Value, ServiceError>>
        + Send
        + Sync,
>;

/// One operation.
#[derive(Clone)]
pub struct Operation {
    /// Field name (a tool's name, or the action's).
    pub name: String,
    /// What it does.
    pub description: String,
    /// Query or mutation.
    pub kind: OperationKind,
    /// JSON Schema of the args.
    pub args_schema: Value,
    /// JSON Schema of the output.
    pub output_schema: Value,
    /// The GraphQL name of the output type.
    pub output_type: String,
    /// The call.
    pub run: RunFn,
}

impl Operation {
    /// A typed operation: args parsed from JSON into `A` (a clear error naming the operation
    /// otherwise), output `O` serialised back.
    pub fn typed<A, O, F, Fut>(name: &str, description: &str, kind: OperationKind, call: F) -> Self
    where
        A: DeserializeOwned + JsonSchema + Send + 'static,
        O: Serialize + JsonSchema + 'static,
        F: Fn(RevPulseService, Caller, A) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<O, ServiceError>> + Send + 'static,
    {
        let call = Arc::new(call);
        let op_name = name.to_owned();
        let run: RunFn = Arc::new(move |service, caller, args| {
            let call = call.clone();
            let op_name = op_name.clone();
            Box::pin(async move {
                let args = if args.is_null() {
                    Value::Object(Default::default())
                } else {
                    args
                };
                let args: A = serde_json::from_value(args).map_err(|e| {
                    ServiceError::InvalidInput(format!("invalid arguments for `{op_name}`: {e}"))
                })?;
                let output = call(service, caller, args).await?;
                serde_json::to_value(output).map_err(|e| {
                    ServiceError::InvalidInput(format!("`{op_name}` output is not JSON: {e}"))
                })
            })
        });
        Self {
            name: name.to_owned(),
            description: description.to_owned(),
            kind,
            args_schema: schemars::schema_for!(A).to_value(),
            output_schema: schemars::schema_for!(O).to_value(),
            output_type: type_title::<O>(),
            run,
        }
    }
}

/// The Rust type's schema title, the GraphQL name of its type.
fn type_title<T: JsonSchema>() -> String {
    T::schema_name().into_owned()
}
