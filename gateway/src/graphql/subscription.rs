//! `ask_stream`: a question answered over graphql-ws, each step, each paragraph and then the
//! stored answer sent as they happen — the same events the CLI prints.

use std::sync::Arc;

use async_graphql::dynamic::{
    InputValue, SchemaError, SubscriptionField, SubscriptionFieldFuture, TypeRef,
};
use futures::StreamExt;
use revpulse_agents::{AnswerEvent, EventSink, TraceStep};
use schemars::JsonSchema;
use serde::Serialize;
use tokio_stream::wrappers::UnboundedReceiverStream;

use super::schema::{graphql_error, unauthenticated};
use super::types::register::{UnionTags, to_field_value};
use super::types::{Shape, TypeReader};
use crate::ops::in_flight::InFlight;
use crate::service::{AskOutcome, AskRequest, Caller, RevPulseService};

/// One event of a streamed answer.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum AnswerStreamEvent {
    /// A step finished.
    Step {
        /// The step.
        step: TraceStep,
    },
    /// A paragraph of the final text.
    Text {
        /// The paragraph.
        text: String,
    },
    /// The stored answer; the last event.
    Done {
        /// The answer with its conversation and message ids.
        outcome: AskOutcome,
    },
}

/// Reads the event types; returns the union's name.
pub fn read_event_types(reader: &mut TypeReader) -> Result<String, SchemaError> {
    let schema = schemars::schema_for!(AnswerStreamEvent).to_value();
    match reader.read_type("ask_stream", "AnswerStreamEvent", &schema) {
        Shape::Union(name) => Ok(name),
        other => Err(SchemaError(format!(
            "the answer stream's events read as {other:?}, not a union"
        ))),
    }
}

/// The subscription field.
pub fn ask_stream_field(event_type: &str) -> SubscriptionField {
    let union_name = event_type.to_owned();
    SubscriptionField::new("ask_stream", TypeRef::named_nn(event_type), move |ctx| {
        let union_name = union_name.clone();
        SubscriptionFieldFuture::new(async move {
            let caller = ctx.data::<Caller>().map_err(|_| unauthenticated())?.clone();
            let service = ctx.data::<RevPulseService>()?.clone();
            let tags = ctx.data::<UnionTags>()?.clone();
            let question = ctx.args.try_get("question")?.string()?.to_owned();
            let conversation_id = match ctx.args.get("conversation_id") {
                Some(v) if !v.is_null() => Some(v.string()?.to_owned()),
                _ => None,
            };
            let (sink, receiver) = EventSink::channel();
            let request = AskRequest {
                question,
                conversation_id,
            };
            let (done_tx, done_rx) = tokio::sync::oneshot::channel();
            // Counted until both the answer is stored and the stream has ended: a shutdown
            // waits for the `done` event to be sent, not only for the answer to be computed.
            let streaming = ctx.data_opt::<InFlight>().map(|f| Arc::new(f.enter()));
            let answering = streaming.clone();
            tokio::spawn(async move {
                let result = service.ask(&caller, request, &sink).await;
                drop(answering);
                drop(sink);
                let _ = done_tx.send(result);
            });
            let steps = UnboundedReceiverStream::new(receiver).filter_map(|event| async move {
                match event {
                    AnswerEvent::Step(step) => Some(AnswerStreamEvent::Step { step }),
                    AnswerEvent::Text(text) => Some(AnswerStreamEvent::Text { text }),
                    AnswerEvent::Done(_) => None,
                }
            });
            let done = futures::stream::once(async move {
                match done_rx.await {
                    Ok(Ok(outcome)) => Ok(AnswerStreamEvent::Done { outcome }),
                    Ok(Err(e)) => Err(graphql_error(&e)),
                    Err(_) => Err(async_graphql::Error::new("the answer was interrupted")),
                }
            });
            let shape = Shape::Union(union_name);
            Ok(steps.map(Ok).chain(done).map(move |event| {
                let _streaming = &streaming;
                let event = event?;
                let json = serde_json::to_value(&event)
                    .map_err(|e| async_graphql::Error::new(e.to_string()))?;
                to_field_value(json, &shape, &tags)
                    .ok_or_else(|| async_graphql::Error::new("an empty answer event"))
            }))
        })
    })
    .description(
        "Asks a question and streams the answer: each step as it finishes, each paragraph of \
         the text, then the stored answer (`done`).",
    )
    .argument(InputValue::new(
        "question",
        TypeRef::named_nn(TypeRef::STRING),
    ))
    .argument(InputValue::new(
        "conversation_id",
        TypeRef::named(TypeRef::STRING),
    ))
}
