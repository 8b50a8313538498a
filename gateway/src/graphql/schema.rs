//! The GraphQL schema: one query or mutation field per API operation, the answer-streaming
//! subscription, and the types generated from the operations' Rust types. Resolvers find the
//! service and the authenticated caller in the request data; a request without a caller is
//! refused before any operation runs.

use async_graphql::dynamic::{Field, FieldFuture, Object, Schema, SchemaError, Subscription};
use async_graphql::{ErrorExtensions, Value as GqlValue};
use serde_json::{Map, Value};

use super::subscription::ask_stream_field;
use super::types::register::{
    UnionTags, input_value, register_types, to_field_value, to_json, type_ref,
};
use super::types::{FieldDef, Shape, TypeReader};
use crate::ServiceError;
use crate::api::{Operation, OperationKind, operations};
use crate::ops::in_flight::InFlight;
use crate::service::{Caller, RevPulseService};

/// Limits and switches of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphqlLimits {
    /// Deepest selection accepted.
    pub max_depth: usize,
    /// Highest complexity accepted (fields selected, weighted).
    pub max_complexity: usize,
    /// Whether introspection is answered (off in production).
    pub introspection: bool,
}

impl Default for GraphqlLimits {
    fn default() -> Self {
        Self {
            max_depth: 12,
            max_complexity: 2_000,
            introspection: true,
        }
    }
}

/// The schema over `catalogue`'s tools and the app operations, resolving against `service`
/// (absent when only the SDL is wanted); `in_flight` counts streaming answers.
pub fn build_schema(
    catalogue: &revpulse_tools::Catalogue,
    limits: GraphqlLimits,
    service: Option<(RevPulseService, InFlight)>,
) -> Result<Schema, SchemaError> {
    let operations = operations(catalogue);
    let mut reader = TypeReader::new();
    let mut fields = Vec::new();
    for op in &operations {
        let output = reader.read_type(&op.name, &op.output_type, &op.output_schema);
        let args = reader
            .read_arguments(
                &op.name,
                &format!("{}Args", op.output_type),
                &op.args_schema,
            )
            .map_err(|e| SchemaError(e.to_string()))?;
        fields.push((op.clone(), output, args));
    }
    let event_type = super::subscription::read_event_types(&mut reader)?;
    let types = reader.finish();
    let tags = UnionTags(types.clone());

    let mut query = Object::new("Query").description(
        "Reads: every tool of the catalogue (same names and shapes as over MCP) and the app's \
         records.",
    );
    let mut mutation = Object::new("Mutation")
        .description("Asking questions and recording decisions; every call is audited.");
    for (op, output, args) in fields {
        let field = operation_field(op.clone(), output, &args);
        match op.kind {
            OperationKind::Query => query = query.field(field),
            OperationKind::Mutation => mutation = mutation.field(field),
        }
    }
    let subscription = Subscription::new("Subscription").field(ask_stream_field(&event_type));

    let mut builder = Schema::build("Query", Some("Mutation"), Some("Subscription"))
        .register(query)
        .register(mutation)
        .register(subscription)
        .data(tags)
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity);
    if !limits.introspection {
        builder = builder.disable_introspection();
    }
    if let Some((service, in_flight)) = service {
        builder = builder.data(service).data(in_flight);
    }
    register_types(builder, &types).finish()
}

/// The field of `op`: flat arguments, its output type, and a resolver that calls the service.
fn operation_field(op: Operation, output: Shape, args: &[FieldDef]) -> Field {
    let arg_names: Vec<String> = args.iter().map(|a| a.name.clone()).collect();
    let description = op.description.clone();
    let name = op.name.clone();
    let mut field = Field::new(&name, type_ref(&output, true), move |ctx| {
        let op = op.clone();
        let output = output.clone();
        let arg_names = arg_names.clone();
        FieldFuture::new(async move {
            let caller = ctx.data::<Caller>().map_err(|_| unauthenticated())?.clone();
            let service = ctx.data::<RevPulseService>()?.clone();
            let mut json = Map::new();
            for arg in &arg_names {
                if let Some(value) = ctx.args.get(arg) {
                    let value: GqlValue = value.as_value().clone();
                    if value != GqlValue::Null {
                        json.insert(arg.clone(), to_json(&value));
                    }
                }
            }
            let tags = ctx.data::<UnionTags>()?;
            let json_output = (op.run)(service, caller, Value::Object(json))
                .await
                .map_err(|e| graphql_error(&e))?;
            Ok(to_field_value(json_output, &output, tags))
        })
    })
    .description(description);
    for arg in args {
        field = field.argument(input_value(arg));
    }
    field
}

/// The error a request without credentials gets.
pub fn unauthenticated() -> async_graphql::Error {
    async_graphql::Error::new("sign in: send `Authorization: Bearer <token>`")
        .extend_with(|_, e| e.set("code", "unauthenticated"))
}

/// A service error with its code in `extensions.code`.
pub fn graphql_error(error: &ServiceError) -> async_graphql::Error {
    let code = error.code();
    async_graphql::Error::new(error.to_string()).extend_with(|_, e| e.set("code", code))
}

/// The schema's SDL (what `gateway/schema.graphql` holds).
pub fn sdl(catalogue: &revpulse_tools::Catalogue) -> Result<String, SchemaError> {
    Ok(build_schema(catalogue, GraphqlLimits::default(), None)?.sdl())
}
