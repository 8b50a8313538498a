//! What an operator needs: metrics, readiness, answers in flight, telemetry.

pub mod in_flight;
pub mod metrics;
pub mod readiness;
pub mod telemetry;
