//! The agents crate's integration tests, in one binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "all/llm_local.rs"]
mod llm_local;
