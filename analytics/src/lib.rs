//! Pure, I/O-free revenue computations behind every insight: win probability with its
//! explanation, forecast roll-ups and simulation, slippage and risk rules, attribution,
//! funnel, churn and expansion, competitive intelligence and sentiment.
//!
//! Inputs are plain structs (feature rows, touch paths, time series, texts); the mapping
//! from graph rows to these inputs lives with the tools. Nothing here reads a file, a clock
//! or a network.

pub mod attribution;
pub mod competitive;
pub mod forecast;
pub mod stats;
pub mod win_probability;
