//! Logs and traces: `tracing` events as JSON lines (or readable text) on standard error, and,
//! when an OTLP endpoint is configured, spans exported over OTLP/HTTP — request → agent step →
//! tool → Cypher query, as the crates below open them.

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{WithExportConfig, WithHttpConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::config::TelemetryConfig;

/// Flushes and stops the trace exporter when dropped.
pub struct TelemetryGuard {
    provider: Option<SdkTracerProvider>,
}

impl TelemetryGuard {
    /// Whether traces are exported.
    pub fn exporting(&self) -> bool {
        self.provider.is_some()
    }

    /// Sends the spans still buffered.
    pub fn flush(&self) {
        if let Some(provider) = &self.provider
            && let Err(e) = provider.force_flush()
        {
            eprintln!("revpulse: flushing traces failed: {e}");
        }
    }
}

impl Drop for TelemetryGuard {
    fn drop(&mut self) {
        if let Some(provider) = self.provider.take()
            && let Err(e) = provider.shutdown()
        {
            eprintln!("revpulse: stopping the trace exporter failed: {e}");
        }
    }
}

/// Installs the global subscriber for `config`; fails if one is installed already or a value
/// is invalid.
pub fn init(config: &TelemetryConfig) -> Result<TelemetryGuard, String> {
    let filter = EnvFilter::try_new(&config.log_filter)
        .map_err(|e| format!("telemetry.log_filter `{}`: {e}", config.log_filter))?;
    let (json, text) = if config.json_logs {
        let layer = tracing_subscriber::fmt::layer()
            .json()
            .with_current_span(true)
            .with_writer(std::io::stderr);
        (Some(layer), None)
    } else {
        let layer = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
        (None, Some(layer))
    };
    let provider = match &config.otlp_endpoint {
        Some(endpoint) => Some(tracer_provider(endpoint, &config.service_name)?),
        None => None,
    };
    let otel = provider.as_ref().map(|p| {
        tracing_opentelemetry::layer()
            .with_tracer(p.tracer("revpulse"))
            .boxed()
    });
    tracing_subscriber::registry()
        .with(otel)
        .with(json)
        .with(text)
        .with(filter)
        .try_init()
        .map_err(|e| format!("installing the log subscriber: {e}"))?;
    Ok(TelemetryGuard { provider })
}

/// A provider exporting spans in batches to `{endpoint}/v1/traces`.
fn tracer_provider(endpoint: &str, service: &str) -> Result<SdkTracerProvider, String> {
    let url = format!("{}/v1/traces", endpoint.trim_end_matches('/'));
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .with_endpoint(&url)
        .with_headers(Default::default())
        .build()
        .map_err(|e| format!("telemetry.otlp_endpoint `{endpoint}`: {e}"))?;
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(
            Resource::builder()
                .with_service_name(service.to_owned())
                .build(),
        )
        .build())
}
