//! Tests of the LLM brain, over a scripted completion model and a demo company.

mod compat;
mod config;
mod consult;
mod fixtures;
mod limits;
mod recovery;
mod retrieved;
mod scripted;
mod test_tools;
