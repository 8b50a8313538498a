//! The report of an agent eval: headline metrics against thresholds, figures per suite and per
//! role, the routing confusions of the misses, and every case result — serialisable to JSON
//! and rendered to Markdown.

mod markdown;
pub mod metrics;
pub mod thresholds;
mod write;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use self::metrics::{InjectionMetrics, Latency, Metrics, Ratio};
pub use self::thresholds::{ThresholdCheck, Thresholds};
pub use self::write::write_report;
use super::scoring::{CaseResult, CaseStatus};
use super::{AgentEvalEnv, RunOptions};

/// Figures of one group of cases (a suite or a role).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// The suite or role.
    pub name: String,
    /// Runs asked (skipped ones excluded).
    pub runs: usize,
    /// Runs skipped.
    pub skipped: usize,
    /// Runs that passed.
    pub passed: usize,
    /// Routing accuracy.
    pub routing: Ratio,
    /// Tool arguments (expected tools called with matching arguments).
    pub tools: Ratio,
    /// Numeric exactness.
    pub facts: Ratio,
    /// Refusal correctness.
    pub refusals: Ratio,
    /// Scope leaks.
    pub leaks: usize,
}

/// How often questions expecting one intent were routed to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confusion {
    /// The intent expected.
    pub expected: String,
    /// The intent routed to.
    pub got: String,
    /// How often.
    pub count: usize,
    /// Up to three questions that went there.
    pub examples: Vec<String>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    /// The brain evaluated.
    pub brain: String,
    /// The data's today.
    pub today: NaiveDate,
    /// Repeats per case.
    pub repeats: usize,
    /// Wall time of the run, seconds.
    pub wall_seconds: f64,
    /// Runs in total (cases × repeats).
    pub runs: usize,
    /// Runs skipped.
    pub skipped: usize,
    /// Runs that ended in an agent error.
    pub errors: usize,
    /// Runs that passed.
    pub passed_runs: usize,
    /// Every metric.
    pub metrics: Metrics,
    /// The bar.
    pub thresholds: Thresholds,
    /// Headline metrics against the bar.
    pub checks: Vec<ThresholdCheck>,
    /// Per suite.
    pub suites: Vec<GroupSummary>,
    /// Per role.
    pub roles: Vec<GroupSummary>,
    /// Routing misses by (expected, got).
    pub confusion: Vec<Confusion>,
    /// Every run.
    pub results: Vec<CaseResult>,
}

impl EvalReport {
    /// The report of `results`.
    pub fn build(
        results: Vec<CaseResult>,
        options: &RunOptions,
        env: &AgentEvalEnv,
        wall_seconds: f64,
    ) -> Self {
        let brain = if options.brain_label.is_empty() {
            env.coordinator.brain_name()
        } else {
            options.brain_label.clone()
        };
        Self::from_results(results, options, brain, env.today, wall_seconds)
    }

    /// The report of `results` for `brain` on `today`.
    pub fn from_results(
        results: Vec<CaseResult>,
        options: &RunOptions,
        brain: String,
        today: NaiveDate,
        wall_seconds: f64,
    ) -> Self {
        let metrics = Metrics::of(&results, options.price_per_1k_tokens);
        let checks = options.thresholds.check(&metrics);
        Self {
            brain,
            today,
            repeats: options.repeats.max(1),
            wall_seconds,
            runs: results.len(),
            skipped: results
                .iter()
                .filter(|r| matches!(r.status, CaseStatus::Skipped(_)))
                .count(),
            errors: results
                .iter()
                .filter(|r| matches!(r.status, CaseStatus::Failed(_)))
                .count(),
            passed_runs: results.iter().filter(|r| r.passed()).count(),
            thresholds: options.thresholds,
            checks,
            suites: groups(&results, |r| r.suite.clone()),
            roles: groups(&results, |r| {
                r.role.split(':').next().unwrap_or_default().to_owned()
            }),
            confusion: confusion(&results),
            metrics,
            results,
        }
    }

    /// Whether every headline metric clears its threshold.
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    /// Runs that did not pass (skipped ones excluded).
    pub fn failures(&self) -> impl Iterator<Item = &CaseResult> {
        self.results
            .iter()
            .filter(|r| !r.passed() && !matches!(r.status, CaseStatus::Skipped(_)))
    }

    /// The report as Markdown.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }
}

fn groups(results: &[CaseResult], key: impl Fn(&CaseResult) -> String) -> Vec<GroupSummary> {
    let mut by: BTreeMap<String, Vec<&CaseResult>> = BTreeMap::new();
    for r in results {
        by.entry(key(r)).or_default().push(r);
    }
    by.into_iter()
        .map(|(name, rs)| {
            let owned: Vec<CaseResult> = rs.iter().map(|r| (*r).clone()).collect();
            let m = Metrics::of(&owned, 0.0);
            GroupSummary {
                name,
                runs: rs
                    .iter()
                    .filter(|r| !matches!(r.status, CaseStatus::Skipped(_)))
                    .count(),
                skipped: rs
                    .iter()
                    .filter(|r| matches!(r.status, CaseStatus::Skipped(_)))
                    .count(),
                passed: rs.iter().filter(|r| r.passed()).count(),
                routing: m.routing_accuracy,
                tools: m.tool_arguments,
                facts: m.numeric_exactness,
                refusals: m.refusal_correctness,
                leaks: m.scope_leaks,
            }
        })
        .collect()
}

fn confusion(results: &[CaseResult]) -> Vec<Confusion> {
    let mut by: BTreeMap<(String, String), Vec<&CaseResult>> = BTreeMap::new();
    for r in results
        .iter()
        .filter(|r| r.routing.intent_ok == Some(false))
    {
        let expected = r.routing.expected_intent.clone().unwrap_or_default();
        let got = r
            .routing
            .got_intent
            .clone()
            .unwrap_or_else(|| "(none)".to_owned());
        by.entry((expected, got)).or_default().push(r);
    }
    let mut out: Vec<Confusion> = by
        .into_iter()
        .map(|((expected, got), rs)| Confusion {
            expected,
            got,
            count: rs.len(),
            examples: rs.iter().take(3).map(|r| r.question.clone()).collect(),
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.expected.cmp(&b.expected)));
    out
}
