//! Prometheus metrics: request, tool and agent latencies, errors and LLM tokens, recorded with
//! the `metrics` facade and rendered at `/metrics` by the Prometheus exporter.

use std::time::Duration;

use metrics::{counter, histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use revpulse_agents::{Answer, StepKind};

use crate::service::Surface;

/// Installs the global recorder once and returns the handle that renders it; later calls
/// return the same handle (tests build many servers in one process).
pub fn install() -> Result<PrometheusHandle, String> {
    static HANDLE: std::sync::OnceLock<Result<PrometheusHandle, String>> =
        std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .install_recorder()
                .map_err(|e| format!("installing the Prometheus recorder: {e}"))
        })
        .clone()
}

/// One HTTP request finished.
pub fn record_request(route: &str, status: u16, elapsed: Duration) {
    let labels = [("route", route.to_owned()), ("status", status.to_string())];
    counter!("revpulse_http_requests_total", &labels).increment(1);
    histogram!("revpulse_http_request_seconds", &labels).record(elapsed.as_secs_f64());
}

/// One tool call finished.
pub fn record_tool(tool: &str, surface: Surface, elapsed: Duration, ok: bool) {
    let labels = [
        ("tool", tool.to_owned()),
        ("surface", surface.as_str().to_owned()),
    ];
    histogram!("revpulse_tool_seconds", &labels).record(elapsed.as_secs_f64());
    if !ok {
        counter!("revpulse_tool_errors_total", &labels).increment(1);
    }
}

/// One direct tool read was served from the reply cache (`hit`) or computed (`miss`).
pub fn record_tool_cache(tool: &str, hit: bool) {
    let outcome = if hit { "hit" } else { "miss" };
    counter!("revpulse_tool_cache_total", "tool" => tool.to_owned(), "outcome" => outcome)
        .increment(1);
}

/// One answer finished: its latency, outcome and the LLM tokens it spent.
pub fn record_answer(surface: Surface, elapsed: Duration, answer: &Answer) {
    let outcome = match answer.outcome {
        revpulse_agents::Outcome::Answered => "answered",
        revpulse_agents::Outcome::Refused { .. } => "refused",
        revpulse_agents::Outcome::Unknown { .. } => "unknown",
    };
    let labels = [
        ("surface", surface.as_str().to_owned()),
        ("outcome", outcome.to_owned()),
    ];
    histogram!("revpulse_agent_answer_seconds", &labels).record(elapsed.as_secs_f64());
    counter!("revpulse_agent_answers_total", &labels).increment(1);
    let (input, output) = answer
        .trace
        .steps
        .iter()
        .fold((0u64, 0u64), |(i, o), step| match step.kind {
            StepKind::Completion {
                input_tokens,
                output_tokens,
            } => (i + input_tokens, o + output_tokens),
            _ => (i, o),
        });
    counter!("revpulse_llm_tokens_total", "direction" => "input").increment(input);
    counter!("revpulse_llm_tokens_total", "direction" => "output").increment(output);
}
