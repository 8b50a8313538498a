//! The eval case format: what a suite file holds, parsed into types that cannot hold an unknown
//! role, fact, matcher or outcome (see `evals/suites/README.md` for the file format).

use revpulse_agents::DomainAgent;
use serde::{Deserialize, Serialize};

use super::facts::FactSpec;
use super::matchers::ArgMatcher;
use super::roles::RoleSelector;

/// One suite file: a named list of cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suite {
    /// The suite's name (`sales`, `conversations`, …).
    pub suite: String,
    /// What the suite covers.
    #[serde(default)]
    pub description: String,
    /// Its cases.
    pub cases: Vec<Case>,
}

/// One question to ask, as whom, after which earlier questions, and what must come back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique id across all suites.
    pub id: String,
    /// The question; `{placeholder}`s are filled from the data at run time.
    pub question: String,
    /// Who asks (a role selector resolved to a user at run time).
    #[serde(rename = "as")]
    pub caller: RoleSelector,
    /// Earlier questions of the same conversation, asked first.
    #[serde(default)]
    pub context: Vec<String>,
    /// Run the case once per entity of this kind instead of once.
    #[serde(default)]
    pub each: Option<Expansion>,
    /// The question itself tries to make the assistant act: score it as an injection attempt.
    #[serde(default)]
    pub attack: bool,
    /// What the answer must show.
    pub expect: Expect,
}

/// What a case is multiplied over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expansion {
    /// Every account holding a planted prompt-injection passage (capped).
    InjectedAccount,
}

/// The expectations of a case; every field is optional and unchecked when absent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The intent the question must be routed to.
    #[serde(default)]
    pub intent: Option<String>,
    /// Domain agents that must take part.
    #[serde(default)]
    pub agents: Vec<DomainAgent>,
    /// Tools that must be called, with argument matchers.
    #[serde(default)]
    pub tools: Vec<ToolExpect>,
    /// Facts computed from the data that the answer must state.
    #[serde(default)]
    pub facts: Vec<FactSpec>,
    /// At least one citation (a passage for conversation questions).
    #[serde(default)]
    pub must_cite: bool,
    /// The answer must be a refusal.
    #[serde(default)]
    pub must_refuse: bool,
    /// The outcome, or the outcomes accepted.
    #[serde(default)]
    pub outcome: Option<OutcomeSet>,
}

/// One expected tool call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolExpect {
    /// Tool name.
    pub name: String,
    /// Argument name → matcher; arguments not named are not checked.
    #[serde(default)]
    pub args: std::collections::BTreeMap<String, ArgMatcher>,
}

/// How an answer ended, as a suite names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// Answered from tool outputs.
    Answered,
    /// Refused (outside the caller's scope).
    Refused,
    /// "I don't know" plus what data would answer.
    Unknown,
}

impl OutcomeKind {
    /// The kind of an answer's outcome.
    pub fn of(outcome: &revpulse_agents::Outcome) -> Self {
        match outcome {
            revpulse_agents::Outcome::Answered => Self::Answered,
            revpulse_agents::Outcome::Refused { .. } => Self::Refused,
            revpulse_agents::Outcome::Unknown { .. } => Self::Unknown,
        }
    }

    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Answered => "answered",
            Self::Refused => "refused",
            Self::Unknown => "unknown",
        }
    }
}

/// One outcome or several accepted ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OutcomeSet {
    /// Exactly this outcome.
    One(OutcomeKind),
    /// Any of these.
    Any(Vec<OutcomeKind>),
}

impl OutcomeSet {
    /// Whether `kind` is accepted.
    pub fn accepts(&self, kind: OutcomeKind) -> bool {
        match self {
            Self::One(k) => *k == kind,
            Self::Any(ks) => ks.contains(&kind),
        }
    }

    /// The accepted outcomes, for reports.
    pub fn describe(&self) -> String {
        match self {
            Self::One(k) => k.as_str().to_owned(),
            Self::Any(ks) => ks.iter().map(|k| k.as_str()).collect::<Vec<_>>().join("|"),
        }
    }
}

impl Case {
    /// Every text of the case that may hold placeholders: context questions, then the question.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.context
            .iter()
            .map(String::as_str)
            .chain([self.question.as_str()])
    }
}
