//! Argument matchers: how a suite says what a tool argument must be — an exact JSON value,
//! present or absent, a period relative to today, or an entity picked from the data.

use chrono::{Datelike, Duration, NaiveDate};
use revpulse_graph::model::Quarter;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::placeholders::{Picks, Placeholder};

/// A period or date relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// `{"from", "to"}` of the current calendar quarter.
    ThisQuarter,
    /// `{"from", "to"}` of the previous calendar quarter.
    LastQuarter,
    /// `{"from", "to"}` of the next calendar quarter.
    NextQuarter,
    /// The current year as a number.
    ThisYear,
    /// The previous year as a number.
    LastYear,
    /// Today's date.
    Today,
    /// The date seven days before today.
    WeekAgo,
}

impl Relative {
    const NAMES: [(&'static str, Relative); 7] = [
        ("$this_quarter", Self::ThisQuarter),
        ("$last_quarter", Self::LastQuarter),
        ("$next_quarter", Self::NextQuarter),
        ("$this_year", Self::ThisYear),
        ("$last_year", Self::LastYear),
        ("$today", Self::Today),
        ("$week_ago", Self::WeekAgo),
    ];

    /// The JSON value it stands for on `today`.
    pub fn value(self, today: NaiveDate) -> Value {
        let quarter = |q: Quarter| json!({"from": q.start(), "to": q.end()});
        match self {
            Self::ThisQuarter => quarter(Quarter::containing(today)),
            Self::LastQuarter => quarter(Quarter::containing(today).previous()),
            Self::NextQuarter => quarter(Quarter::containing(today).next()),
            Self::ThisYear => json!(today.year()),
            Self::LastYear => json!(today.year() - 1),
            Self::Today => json!(today),
            Self::WeekAgo => json!(today - Duration::days(7)),
        }
    }
}

/// What one argument must be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub enum ArgMatcher {
    /// Exactly this value (numbers compare by value).
    Exact(Value),
    /// Present with any value.
    Present,
    /// Not sent (or null).
    Absent,
    /// A period or date relative to today.
    Relative(Relative),
    /// The id or name the placeholder resolves to.
    Entity(Placeholder),
}

impl TryFrom<Value> for ArgMatcher {
    type Error = String;

    fn try_from(v: Value) -> Result<Self, String> {
        let Value::String(s) = &v else {
            return Ok(Self::Exact(v));
        };
        if s == "$present" {
            return Ok(Self::Present);
        }
        if s == "$absent" {
            return Ok(Self::Absent);
        }
        if let Some((_, r)) = Relative::NAMES.iter().find(|(n, _)| n == s) {
            return Ok(Self::Relative(*r));
        }
        if s.starts_with('$') {
            return Err(format!(
                "unknown matcher `{s}` ($present, $absent, $this_quarter, $last_quarter, \
                 $next_quarter, $this_year, $last_year, $today, $week_ago)"
            ));
        }
        if let Some(name) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            return Placeholder::parse(name).map(Self::Entity);
        }
        Ok(Self::Exact(v))
    }
}

impl From<ArgMatcher> for Value {
    fn from(m: ArgMatcher) -> Self {
        match m {
            ArgMatcher::Exact(v) => v,
            ArgMatcher::Present => json!("$present"),
            ArgMatcher::Absent => json!("$absent"),
            ArgMatcher::Relative(r) => Relative::NAMES
                .iter()
                .find(|(_, x)| *x == r)
                .map_or(Value::Null, |(n, _)| json!(n)),
            ArgMatcher::Entity(p) => json!(format!("{{{}}}", p.name())),
        }
    }
}

impl ArgMatcher {
    /// What it expects on `today` with `picks`, or why it cannot say.
    pub fn expected(&self, picks: &Picks, today: NaiveDate) -> Result<Expected, String> {
        Ok(match self {
            Self::Exact(v) => Expected::Value(v.clone()),
            Self::Present => Expected::Present,
            Self::Absent => Expected::Absent,
            Self::Relative(r) => Expected::Value(r.value(today)),
            Self::Entity(p) => Expected::Value(Value::String(picks.value(*p)?)),
        })
    }
}

/// What a matcher expects once today and the picked entities are known.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// Exactly this value.
    Value(Value),
    /// Any value.
    Present,
    /// No value.
    Absent,
}

impl Expected {
    /// Whether `actual` (the argument as sent, `None` when not sent) satisfies it.
    pub fn admits(&self, actual: Option<&Value>) -> bool {
        let actual = actual.filter(|v| !v.is_null());
        match (self, actual) {
            (Self::Present, a) => a.is_some(),
            (Self::Absent, a) => a.is_none(),
            (Self::Value(want), Some(got)) => same_json(want, got),
            (Self::Value(_), None) => false,
        }
    }

    /// How it reads in a report.
    pub fn describe(&self) -> String {
        match self {
            Self::Value(v) => serde_json::to_string(v).unwrap_or_default(),
            Self::Present => "(any value)".to_owned(),
            Self::Absent => "(absent)".to_owned(),
        }
    }
}

/// JSON equality with numbers compared by value (5 == 5.0).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
