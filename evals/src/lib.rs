//! Evaluation of RevPulse on data with a known ground truth: analytic backtests on the demo
//! company now, the agent eval harness later. Inputs for the analytics are built here from
//! the demo company's records, independently of the graph.

pub mod backtest;
