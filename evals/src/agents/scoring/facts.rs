//! Numeric exactness: each expected fact, computed from the data, must appear in the answer's
//! prose or tables at the precision shown, or exactly among its tool outputs' numbers.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::agents::facts::{FactInputs, FactSpec, FactValue};
use crate::agents::numbers::{Shown, shown_numbers};
use crate::agents::replay::numbers_in;

/// One fact checked against an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactCheck {
    /// The fact as the suite names it.
    pub fact: String,
    /// Its expected value (`None` when the data cannot give one: not checked).
    pub expected: Option<FactValue>,
    /// Why there is no expected value.
    pub uncomputable: Option<String>,
    /// Shown in the prose or a table at its precision.
    pub in_text: bool,
    /// Present exactly in a tool output.
    pub in_outputs: bool,
}

impl FactCheck {
    /// Whether the fact was checked and found.
    pub fn matched(&self) -> bool {
        self.expected.is_some() && (self.in_text || self.in_outputs)
    }

    /// Whether it was checked at all.
    pub fn checked(&self) -> bool {
        self.expected.is_some()
    }
}

/// Checks every fact of `specs` in `texts` (prose and table cells) and `outputs`.
pub fn check_facts(
    specs: &[FactSpec],
    inputs: &FactInputs<'_>,
    texts: &[&str],
    outputs: &[&Value],
) -> Vec<FactCheck> {
    let shown: Vec<Shown> = texts.iter().flat_map(|t| shown_numbers(t)).collect();
    let mut numbers = Vec::new();
    for o in outputs {
        numbers_in(o, &mut numbers);
    }
    specs
        .iter()
        .map(|spec| match inputs.compute(*spec) {
            Ok(value) => FactCheck {
                fact: spec.to_string(),
                expected: Some(value),
                uncomputable: None,
                in_text: shown.iter().any(|s| reads_as(s, value)),
                in_outputs: numbers.iter().any(|n| equals(*n, value)),
            },
            Err(why) => FactCheck {
                fact: spec.to_string(),
                expected: None,
                uncomputable: Some(why),
                in_text: false,
                in_outputs: false,
            },
        })
        .collect()
}

/// Whether a written number reads as `value`.
pub fn reads_as(shown: &Shown, value: FactValue) -> bool {
    match value {
        FactValue::Money(v) => shown.shows_amount(v as f64),
        FactValue::Count(n) => shown.shows_count(n),
        FactValue::Rate(r) => shown.shows_rate(r),
    }
}

/// Whether an output number is `value` exactly (rates to 1e-6).
pub fn equals(number: f64, value: FactValue) -> bool {
    match value {
        FactValue::Money(v) | FactValue::Count(v) => number == v as f64,
        FactValue::Rate(r) => (number - r).abs() <= 1e-6,
    }
}

impl FactCheck {
    /// Why it failed, if it did.
    pub fn problems(&self) -> Vec<String> {
        match self.expected {
            Some(value) if !self.matched() => vec![format!(
                "fact `{}` = {} not found in the answer or its tool outputs",
                self.fact,
                describe(value)
            )],
            _ => Vec::new(),
        }
    }
}

/// A value as a report shows it.
pub fn describe(value: FactValue) -> String {
    match value {
        FactValue::Money(v) => format!("${v}"),
        FactValue::Count(n) => n.to_string(),
        FactValue::Rate(r) => format!("{:.4}", r),
    }
}
