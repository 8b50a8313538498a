//! Tool selection and arguments: was each expected tool called, and did one of its calls send
//! arguments that satisfy every matcher?

use chrono::NaiveDate;
use revpulse_agents::Answer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::agents::placeholders::Picks;
use crate::agents::suite::ToolExpect;

/// One expected tool against the calls made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCheck {
    /// The tool expected.
    pub name: String,
    /// Whether it was called at all.
    pub called: bool,
    /// Whether one call's arguments satisfied every matcher.
    pub args_ok: bool,
    /// For the closest call, each argument that did not match: `arg: expected X, got Y`.
    pub mismatches: Vec<String>,
}

/// Checks every expected tool against `answer`'s calls.
pub fn check_tools(
    expected: &[ToolExpect],
    answer: &Answer,
    picks: &Picks,
    today: NaiveDate,
) -> Vec<ToolCheck> {
    let calls: Vec<(&str, &Value)> = answer.tool_calls().collect();
    expected
        .iter()
        .map(|want| check_one(want, &calls, picks, today))
        .collect()
}

fn check_one(
    want: &ToolExpect,
    calls: &[(&str, &Value)],
    picks: &Picks,
    today: NaiveDate,
) -> ToolCheck {
    let candidates: Vec<&Value> = calls
        .iter()
        .filter(|(n, _)| *n == want.name)
        .map(|(_, a)| *a)
        .collect();
    let mut best: Option<Vec<String>> = None;
    for args in &candidates {
        let mismatches = mismatches(want, args, picks, today);
        if best.as_ref().is_none_or(|b| mismatches.len() < b.len()) {
            best = Some(mismatches);
        }
    }
    let called = !candidates.is_empty();
    let mismatches = best.unwrap_or_else(|| {
        let made: Vec<&str> = calls.iter().map(|(n, _)| *n).collect();
        vec![format!("not called (calls: [{}])", made.join(", "))]
    });
    ToolCheck {
        name: want.name.clone(),
        called,
        args_ok: called && mismatches.is_empty(),
        mismatches,
    }
}

/// The arguments of `args` that break `want`'s matchers.
pub fn mismatches(want: &ToolExpect, args: &Value, picks: &Picks, today: NaiveDate) -> Vec<String> {
    want.args
        .iter()
        .filter_map(|(name, matcher)| {
            let actual = args.get(name);
            match matcher.expected(picks, today) {
                Ok(expected) if expected.admits(actual) => None,
                Ok(expected) => Some(format!(
                    "{name}: expected {}, got {}",
                    expected.describe(),
                    actual.map_or("(absent)".to_owned(), |v| serde_json::to_string(v)
                        .unwrap_or_default())
                )),
                Err(why) => Some(format!("{name}: {why}")),
            }
        })
        .collect()
}

impl ToolCheck {
    /// Why it failed, if it did.
    pub fn problems(&self) -> Vec<String> {
        if self.args_ok {
            return Vec::new();
        }
        if !self.called {
            return vec![format!(
                "tool `{}` {}",
                self.name,
                self.mismatches.join("; ")
            )];
        }
        vec![format!(
            "tool `{}` arguments: {}",
            self.name,
            self.mismatches.join("; ")
        )]
    }
}
