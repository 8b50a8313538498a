//! Evaluation of RevPulse on data with a known ground truth: analytic backtests and the
//! retrieval quality of the conversation search on the demo company now, the agent eval
//! harness later. Inputs for the analytics are built here from the demo company's records,
//! independently of the graph.

pub mod backtest;
pub mod retrieval;
