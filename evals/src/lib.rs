//! Evaluation of RevPulse on data with a known ground truth: analytic backtests, the retrieval
//! quality of the conversation search, and the agent eval harness on the demo company. Inputs
//! and expected values are built here from the demo company's records, independently of the
//! graph and of the tools.

pub mod agents;
pub mod backtest;
pub mod retrieval;
