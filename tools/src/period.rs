//! The time window a tool looks at: resolved by the agents ("this quarter", "last week", "Q3")
//! into explicit, inclusive dates before a tool is called.

use chrono::{Datelike, NaiveDate};
use revpulse_graph::model::Quarter;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ToolError;

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct DateRange {
    /// First day (inclusive), `YYYY-MM-DD`.
    pub from: NaiveDate,
    /// Last day (inclusive), `YYYY-MM-DD`.
    pub to: NaiveDate,
}

impl DateRange {
    /// A range, refusing one that ends before it starts.
    pub fn new(from: NaiveDate, to: NaiveDate, tool: &str) -> Result<Self, ToolError> {
        if to < from {
            return Err(ToolError::InvalidArgs {
                tool: tool.to_owned(),
                reason: format!("period ends ({to}) before it starts ({from})"),
            });
        }
        Ok(Self { from, to })
    }

    /// The calendar quarter.
    pub fn quarter(q: Quarter) -> Self {
        Self {
            from: q.start(),
            to: q.end(),
        }
    }

    /// The quarter containing `day`.
    pub fn quarter_of(day: NaiveDate) -> Self {
        Self::quarter(Quarter::containing(day))
    }

    /// The calendar year containing `day`.
    pub fn year_of(day: NaiveDate) -> Self {
        let from = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
        let to = NaiveDate::from_ymd_opt(day.year(), 12, 31).unwrap_or(day);
        Self { from, to }
    }

    /// Whether `day` falls inside.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Number of days, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Checks the range is the right way round (arguments arrive from models and users).
    pub fn validated(self, tool: &str) -> Result<Self, ToolError> {
        Self::new(self.from, self.to, tool)
    }
}

impl std::fmt::Display for DateRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} to {}", self.from, self.to)
    }
}
