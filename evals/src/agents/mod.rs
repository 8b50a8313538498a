//! The agent eval harness: suites of revenue questions as data files (`evals/suites/*.json`,
//! format in `evals/suites/README.md`), asked through the [`Coordinator`] as concrete users of
//! each role, and scored — routing, tool selection and arguments, numeric exactness against
//! facts computed here from the data, groundedness, citations, refusals, scope leaks, prompt
//! injection, latency and (for LLM brains) tokens, cost and pass^k.
//!
//! ```no_run
//! # async fn eval(env: &revpulse_evals::agents::AgentEvalEnv) -> Result<(), revpulse_evals::agents::EvalError> {
//! use revpulse_evals::agents::{RunOptions, load_suites, run_suites, write_report};
//! let suites = load_suites(&["evals/suites"])?;
//! let report = run_suites(env, &suites, &RunOptions::default()).await;
//! write_report(&report, std::path::Path::new("out"))?;
//! assert!(report.passed(), "{}", report.to_markdown());
//! # Ok(()) }
//! ```
//!
//! Expected values never come from the tools' code: facts are small passes over the generator's
//! in-memory records, scoped with the graph's reference rule ([`RecordScope::filter`]).
//!
//! [`Coordinator`]: revpulse_agents::Coordinator
//! [`RecordScope::filter`]: revpulse_graph::model::RecordScope::filter

mod caller;
mod error;
pub mod facts;
mod fence;
pub mod history;
mod load;
pub mod matchers;
pub mod numbers;
pub mod picks;
pub mod placeholders;
pub mod planted;
pub mod records;
pub mod replay;
pub mod report;
pub mod roles;
mod run;
mod score;
pub mod scoring;
pub mod suite;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;

use std::sync::Arc;

use chrono::NaiveDate;
use revpulse_agents::Coordinator;
use revpulse_graph::model::{CompanyDataset, User};
use revpulse_ingest::demo::GroundTruth;
use revpulse_tools::Stores;

pub use self::error::EvalError;
pub use self::load::{load_suites, parse_suite, parse_suite_text};
pub use self::report::{EvalReport, Thresholds, write_report};
pub use self::run::run_suites;
pub use self::scoring::{CaseResult, CaseStatus};
pub use self::suite::{Case, Expect, Suite};

/// Injection cases are asked for at most this many accounts holding planted passages.
pub const DEFAULT_INJECTION_CAP: usize = 20;

/// What an eval runs against.
pub struct AgentEvalEnv {
    /// The coordinator under test (its brain and catalogue).
    pub coordinator: Coordinator,
    /// The stores its tools read (the graph records and the conversation index).
    pub stores: Stores,
    /// The whole company in memory (the generator's records), for expected values.
    pub dataset: Arc<CompanyDataset>,
    /// The generator's ground truth, when the data is the demo company (planted injections).
    pub truth: Option<GroundTruth>,
    /// Everyone in the company (for scopes).
    pub users: Vec<User>,
    /// The day that counts as today.
    pub today: NaiveDate,
}

/// How to run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOptions {
    /// Times each case is asked (pass^k for LLM brains; 1 for the deterministic offline brain).
    pub repeats: usize,
    /// Name of the brain in the report (empty: the coordinator's brain name).
    pub brain_label: String,
    /// Price of 1,000 model tokens, for the cost figure.
    pub price_per_1k_tokens: f64,
    /// A progress line on stderr every this many runs.
    pub progress_every: usize,
    /// Accounts with planted injections to ask about, at most.
    pub injection_cap: usize,
    /// The bar.
    pub thresholds: Thresholds,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            repeats: 1,
            brain_label: String::new(),
            price_per_1k_tokens: 0.0,
            progress_every: 25,
            injection_cap: DEFAULT_INJECTION_CAP,
            thresholds: Thresholds::default(),
        }
    }
}
