//! A scripted completion model: the real OpenAI-compatible chat wire over an in-process
//! transport that plays back fixed assistant turns and records every request it is sent, so
//! tests assert on the outbound request exactly as a provider would receive it.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use bytes::Bytes;
use rig_core::http_client::{
    self, DynHttpClient, HttpClientExt, LazyBody, MultipartForm, Request, Response,
    StreamingResponse,
};
use rig_core::wasm_compat::WasmCompatSend;
use serde_json::{Value, json};

use crate::llm::{LlmBrain, LlmConfig, Provider};

/// One assistant turn to play back.
#[derive(Debug, Clone, PartialEq)]
pub enum ScriptedTurn {
    /// The model calls `tool` with `args`.
    Call(&'static str, Value),
    /// The model answers with text.
    Text(&'static str),
}

/// A request as the provider received it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedRequest {
    /// The full URL.
    pub uri: String,
    /// The JSON body.
    pub body: Value,
}

impl RecordedRequest {
    /// Names of the tools offered, in order.
    pub fn tool_names(&self) -> Vec<String> {
        self.body["tools"]
            .as_array()
            .map(|tools| {
                tools
                    .iter()
                    .filter_map(|tool| tool["function"]["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The system message.
    pub fn system(&self) -> String {
        self.messages()
            .iter()
            .find(|m| m["role"] == "system")
            .and_then(|m| m["content"].as_str())
            .unwrap_or_default()
            .to_owned()
    }

    /// The contents of the tool-result messages, in order.
    pub fn tool_results(&self) -> Vec<String> {
        self.messages()
            .iter()
            .filter(|m| m["role"] == "tool")
            .map(|m| match &m["content"] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect()
    }

    fn messages(&self) -> Vec<Value> {
        self.body["messages"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

#[derive(Default)]
struct Playback {
    turns: VecDeque<ScriptedTurn>,
    requests: Vec<RecordedRequest>,
}

/// Plays back `turns`, one per completion request, and records the requests.
#[derive(Clone, Default)]
pub struct ScriptedCompletionModel {
    playback: Arc<Mutex<Playback>>,
}

impl ScriptedCompletionModel {
    /// A model that answers with `turns`, in order.
    pub fn new(turns: impl IntoIterator<Item = ScriptedTurn>) -> Self {
        let playback = Playback {
            turns: turns.into_iter().collect(),
            requests: Vec::new(),
        };
        Self {
            playback: Arc::new(Mutex::new(playback)),
        }
    }

    /// The settings the tests use: an OpenAI-compatible server, temperature 0, seed 7.
    pub fn config() -> LlmConfig {
        let provider = Provider::OpenAiCompatible {
            base_url: "http://scripted.invalid/v1".into(),
        };
        LlmConfig::new(provider, "scripted-model").with_seed(7)
    }

    /// An LLM brain whose completions this model answers.
    pub fn brain(&self, config: &LlmConfig) -> LlmBrain {
        LlmBrain::from_config_over(config, DynHttpClient::new(self.clone())).unwrap()
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// Turns not yet played.
    pub fn remaining(&self) -> usize {
        self.lock().turns.len()
    }

    fn lock(&self) -> MutexGuard<'_, Playback> {
        self.playback.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records `uri` and `body`, and returns the next turn as a chat-completions reply.
    fn answer(&self, uri: String, body: &[u8]) -> Result<Vec<u8>, std::io::Error> {
        let body: Value = serde_json::from_slice(body).map_err(std::io::Error::other)?;
        let mut playback = self.lock();
        playback.requests.push(RecordedRequest { uri, body });
        let index = playback.requests.len();
        let turn = playback
            .turns
            .pop_front()
            .ok_or_else(|| std::io::Error::other("the script has no turn left"))?;
        Ok(reply(index, turn).to_string().into_bytes())
    }
}

/// An OpenAI chat-completions reply carrying `turn`.
fn reply(index: usize, turn: ScriptedTurn) -> Value {
    let (message, finish) = match turn {
        ScriptedTurn::Call(tool, args) => (
            json!({
                "role": "assistant",
                "content": null,
                "tool_calls": [{
                    "id": format!("call_{index}"),
                    "type": "function",
                    "function": {"name": tool, "arguments": args.to_string()},
                }],
            }),
            "tool_calls",
        ),
        ScriptedTurn::Text(text) => (json!({"role": "assistant", "content": text}), "stop"),
    };
    json!({
        "id": format!("chatcmpl-{index}"),
        "object": "chat.completion",
        "created": 0,
        "model": "scripted-model",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 100 + index, "completion_tokens": 10, "total_tokens": 110 + index},
    })
}

impl HttpClientExt for ScriptedCompletionModel {
    fn send<T, U>(
        &self,
        req: Request<T>,
    ) -> impl Future<Output = http_client::Result<Response<LazyBody<U>>>> + WasmCompatSend + 'static
    where
        T: Into<Bytes> + WasmCompatSend,
        U: From<Bytes> + WasmCompatSend + 'static,
    {
        let (parts, body) = req.into_parts();
        let answered = self.answer(parts.uri.to_string(), &body.into());
        async move {
            let bytes = Bytes::from(answered.map_err(http_client::Error::instance)?);
            let body: LazyBody<U> = Box::pin(async move { Ok(U::from(bytes)) });
            Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(body)
                .map_err(http_client::Error::Protocol)
        }
    }

    fn send_multipart<U>(
        &self,
        _req: Request<MultipartForm>,
    ) -> impl Future<Output = http_client::Result<Response<LazyBody<U>>>> + WasmCompatSend + 'static
    where
        U: From<Bytes> + WasmCompatSend + 'static,
    {
        std::future::ready(Err(unscripted("multipart")))
    }

    fn send_streaming<T>(
        &self,
        _req: Request<T>,
    ) -> impl Future<Output = http_client::Result<StreamingResponse>> + WasmCompatSend
    where
        T: Into<Bytes> + WasmCompatSend,
    {
        std::future::ready(Err(unscripted("streaming")))
    }
}

fn unscripted(what: &str) -> http_client::Error {
    http_client::Error::instance(std::io::Error::other(format!(
        "no {what} replies are scripted"
    )))
}
