//! Integration tests of the evals crate, one binary: the agent eval end to end on the demo
//! company in a real local Neo4j with the real MiniLM model.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "all/agent_eval.rs"]
mod agent_eval;
