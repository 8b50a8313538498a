//! The GraphQL API: a schema generated from the API operations (the tool catalogue and the
//! app's actions), served over HTTP and graphql-ws by the router, and its SDL checked into
//! `gateway/schema.graphql`.

mod schema;
mod subscription;
pub mod types;

pub use schema::{GraphqlLimits, build_schema, graphql_error, sdl, unauthenticated};
pub use subscription::AnswerStreamEvent;
