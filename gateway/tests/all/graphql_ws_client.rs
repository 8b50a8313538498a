//! The graphql-transport-ws protocol spoken by hand over `tokio-tungstenite`, a WebSocket
//! client this project did not write — `connection_init` → `connection_ack`, `subscribe`,
//! `next`…, `complete` — and the reading of an `ask_stream` answer from its messages.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

/// The subprotocol asked for and expected back.
pub const PROTOCOL: &str = "graphql-transport-ws";

/// `ask_stream` selecting what the tests compare: each step's agent and kind (with the tool
/// name of tool calls), each paragraph, and the stored answer with its trace.
pub const ASK_STREAM: &str = "subscription($q: String!) { ask_stream(question: $q) { \
     __typename \
     ... on AnswerStreamEventStep { step { agent kind { __typename ... on StepKindToolCall { tool } } } } \
     ... on AnswerStreamEventText { text } \
     ... on AnswerStreamEventDone { outcome { conversation_id message_id answer { text \
         trace { steps { agent kind { __typename ... on StepKindToolCall { tool } } } } } } } \
     } }";

/// The longest a test waits for the server's next frame.
const PATIENCE: Duration = Duration::from_secs(120);

/// What the server sent.
#[derive(Debug)]
pub enum ServerFrame {
    /// A protocol message (`connection_ack`, `next`, `error`, `complete`, `pong`).
    Message(Value),
    /// A close frame: its code and reason.
    Closed {
        /// The close code.
        code: u16,
        /// The reason.
        reason: String,
    },
    /// The connection ended without a readable close frame.
    Broken(String),
}

/// One graphql-transport-ws connection.
pub struct GraphqlWsClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// The subprotocol the server chose (`Sec-WebSocket-Protocol` of the handshake).
    pub protocol: Option<String>,
}

impl GraphqlWsClient {
    /// Opens `url` asking for graphql-transport-ws, with `authorization` as the HTTP
    /// `Authorization` header when given.
    pub async fn connect(url: &str, authorization: Option<&str>) -> Self {
        let mut request = url.into_client_request().unwrap();
        let headers = request.headers_mut();
        headers.insert("Sec-WebSocket-Protocol", HeaderValue::from_static(PROTOCOL));
        if let Some(value) = authorization {
            headers.insert("Authorization", HeaderValue::from_str(value).unwrap());
        }
        let (socket, response) = connect_async(request).await.unwrap();
        let protocol = response
            .headers()
            .get("Sec-WebSocket-Protocol")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Self { socket, protocol }
    }

    /// Sends one protocol message.
    pub async fn send(&mut self, message: Value) {
        self.socket
            .send(Message::text(message.to_string()))
            .await
            .unwrap();
    }

    /// Sends `connection_init` with `payload`; the server's answer.
    pub async fn init(&mut self, payload: Value) -> ServerFrame {
        self.send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        self.receive().await
    }

    /// `init` with `payload`, asserting the server acknowledged it.
    pub async fn init_accepted(&mut self, payload: Value) {
        let ack = self.init(payload).await;
        assert!(
            matches!(&ack, ServerFrame::Message(m) if m["type"] == "connection_ack"),
            "{ack:?}"
        );
    }

    /// Starts subscription `id` of `query` with `variables`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(json!({
            "id": id,
            "type": "subscribe",
            "payload": { "query": query, "variables": variables },
        }))
        .await;
    }

    /// The next frame the server sends (answering pings on the way).
    pub async fn receive(&mut self) -> ServerFrame {
        let read = async {
            loop {
                let frame = match self.socket.next().await {
                    None => ServerFrame::Broken("the connection ended".to_owned()),
                    Some(Err(e)) => ServerFrame::Broken(e.to_string()),
                    Some(Ok(Message::Text(text))) => {
                        ServerFrame::Message(serde_json::from_str(&text).unwrap())
                    }
                    Some(Ok(Message::Close(Some(close)))) => ServerFrame::Closed {
                        code: close.code.into(),
                        reason: close.reason.to_string(),
                    },
                    Some(Ok(Message::Close(None))) => ServerFrame::Closed {
                        code: 1005,
                        reason: String::new(),
                    },
                    Some(Ok(Message::Binary(_))) => panic!("graphql-transport-ws is text only"),
                    Some(Ok(_)) => continue,
                };
                return frame;
            }
        };
        tokio::time::timeout(PATIENCE, read)
            .await
            .unwrap_or_else(|_| panic!("no frame from the server within {PATIENCE:?}"))
    }

    /// The next protocol message; panics on a close or a broken connection.
    pub async fn message(&mut self) -> Value {
        match self.receive().await {
            ServerFrame::Message(message) => message,
            ServerFrame::Broken(why) => panic!("the connection broke: {why}"),
            closed => panic!("expected a protocol message, got {closed:?}"),
        }
    }

    /// Every message of subscription `id` up to and including its `complete`.
    pub async fn until_complete(&mut self, id: &str) -> Vec<Value> {
        let mut messages = Vec::new();
        loop {
            let message = self.message().await;
            assert_eq!(message["id"], json!(id), "{message}");
            let complete = message["type"] == "complete";
            messages.push(message);
            if complete {
                return messages;
            }
        }
    }
}

/// An `ask_stream` answer read from its messages, checked to be well formed: `next` events
/// only, one or more steps, then the paragraphs, then exactly one `done`, then `complete`.
#[derive(Debug)]
pub struct StreamedAnswer {
    /// The steps as streamed (`{ agent kind { __typename tool? } }`).
    pub steps: Vec<Value>,
    /// The paragraphs as streamed.
    pub paragraphs: Vec<String>,
    /// The `done` event's outcome.
    pub outcome: Value,
}

impl StreamedAnswer {
    /// Reads `messages` (ending with `complete`).
    pub fn read(messages: &[Value]) -> Self {
        let (complete, events) = messages.split_last().unwrap();
        assert_eq!(complete["type"], "complete", "{complete}");
        let mut steps = Vec::new();
        let mut paragraphs = Vec::new();
        let mut outcome = None;
        for message in events {
            assert_eq!(message["type"], "next", "{message}");
            assert!(message["payload"]["errors"].is_null(), "{message}");
            assert!(outcome.is_none(), "an event after `done`: {message}");
            let event = &message["payload"]["data"]["ask_stream"];
            match event["__typename"].as_str().unwrap() {
                "AnswerStreamEventStep" => {
                    assert!(paragraphs.is_empty(), "a step after the text: {message}");
                    steps.push(event["step"].clone());
                }
                "AnswerStreamEventText" => {
                    paragraphs.push(event["text"].as_str().unwrap().to_owned());
                }
                "AnswerStreamEventDone" => outcome = Some(event["outcome"].clone()),
                other => panic!("unknown event {other}"),
            }
        }
        let outcome = outcome.unwrap_or_else(|| panic!("no `done` event: {messages:?}"));
        assert!(!steps.is_empty(), "no step streamed: {messages:?}");
        Self {
            steps,
            paragraphs,
            outcome,
        }
    }

    /// The stored answer's text.
    pub fn text(&self) -> &str {
        self.outcome["answer"]["text"].as_str().unwrap()
    }

    /// Checks what the coordinator guarantees: the paragraphs are the answer's text split at
    /// blank lines (so joined they are the text), and the steps streamed are the first steps
    /// of the answer's trace, the rest being the guardrails' repairs recorded afterwards.
    pub fn assert_consistent(&self) {
        assert!(!self.paragraphs.is_empty(), "no paragraph streamed");
        assert_eq!(self.paragraphs.join("\n\n"), self.text());
        let trace = self.outcome["answer"]["trace"]["steps"].as_array().unwrap();
        assert!(trace.len() >= self.steps.len(), "{trace:?}");
        assert_eq!(trace[..self.steps.len()], self.steps[..]);
        for later in &trace[self.steps.len()..] {
            assert_eq!(later["kind"]["__typename"], "StepKindGuardrail", "{later}");
        }
    }

    /// The tools the streamed steps called, in order.
    pub fn tools(&self) -> Vec<&str> {
        self.steps
            .iter()
            .filter_map(|s| s["kind"]["tool"].as_str())
            .collect()
    }

    /// The `done` event's conversation id.
    pub fn conversation_id(&self) -> &str {
        self.outcome["conversation_id"].as_str().unwrap()
    }

    /// The `done` event's message id.
    pub fn message_id(&self) -> &str {
        self.outcome["message_id"].as_str().unwrap()
    }
}
