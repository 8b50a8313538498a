//! Guardrails applied to every draft, whichever brain wrote it: retrieved text is data and
//! instruction-like content in it is flagged ([`injection`]); every number in the answer must
//! come from a tool output ([`numbers`]); citation markers must point at sources the tools
//! returned, and quotes from conversations must carry one ([`citations`]). [`finalize`] runs
//! them all and produces the [`crate::Answer`].

pub mod citations;
mod finalize;
pub mod injection;
pub mod numbers;
pub mod quoted;

pub use finalize::finalize;
