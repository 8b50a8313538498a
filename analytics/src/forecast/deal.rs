//! The forecast's inputs: a deal as the forecast sees it (amount, the rep's call, close date,
//! win and slip probabilities, grouping labels), the period it is forecast for, and a
//! probability type that is in [0, 1] by construction.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::ForecastError;

/// Sales stage of a deal, in funnel order; mirrors the CRM stages so analytics needs no
/// dependency on the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SalesStage {
    /// First conversations.
    Prospecting,
    /// Need, budget and timing confirmed.
    Qualification,
    /// Discovery and demos.
    Discovery,
    /// Proposal sent.
    Proposal,
    /// Commercial negotiation and procurement.
    Negotiation,
    /// Signed.
    ClosedWon,
    /// Lost or abandoned.
    ClosedLost,
}

impl SalesStage {
    /// The open stages in funnel order.
    pub const OPEN: [SalesStage; 5] = [
        Self::Prospecting,
        Self::Qualification,
        Self::Discovery,
        Self::Proposal,
        Self::Negotiation,
    ];

    /// Position in the funnel (0 = prospecting); both closed stages share the last position.
    pub fn order(self) -> u8 {
        match self {
            Self::Prospecting => 0,
            Self::Qualification => 1,
            Self::Discovery => 2,
            Self::Proposal => 3,
            Self::Negotiation => 4,
            Self::ClosedWon | Self::ClosedLost => 5,
        }
    }

    /// Whether the deal is still being worked.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::ClosedWon | Self::ClosedLost)
    }

    /// The stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prospecting => "prospecting",
            Self::Qualification => "qualification",
            Self::Discovery => "discovery",
            Self::Proposal => "proposal",
            Self::Negotiation => "negotiation",
            Self::ClosedWon => "closed_won",
            Self::ClosedLost => "closed_lost",
        }
    }
}

/// The rep's forecast call on a deal, as in the CRM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ForecastCategory {
    /// Early, not expected this period without luck.
    Pipeline,
    /// Could close this period.
    BestCase,
    /// The rep commits to it.
    Commit,
    /// Won: the amount is booked.
    Closed,
    /// Lost or excluded from the forecast.
    Omitted,
}

/// A probability: finite and within [0, 1] by construction.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Probability(f64);

impl Probability {
    /// Certain failure.
    pub const ZERO: Probability = Probability(0.0);
    /// Certain success.
    pub const ONE: Probability = Probability(1.0);

    /// A probability, or an error naming `subject` when `value` is outside [0, 1] or not a
    /// number.
    pub fn new(value: f64, subject: &str) -> Result<Self, ForecastError> {
        if value.is_finite() && (0.0..=1.0).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ForecastError::InvalidProbability {
                subject: subject.to_string(),
                value,
            })
        }
    }

    /// `value` clamped into [0, 1]; not-a-number becomes 0.
    pub fn clamped(value: f64) -> Self {
        if value.is_nan() {
            Self::ZERO
        } else {
            Self(value.clamp(0.0, 1.0))
        }
    }

    /// The value.
    pub fn value(self) -> f64 {
        self.0
    }

    /// The complement, `1 − p`.
    pub fn complement(self) -> Self {
        Self(1.0 - self.0)
    }
}

/// An inclusive range of days a forecast is made for (a quarter, a month, a fiscal year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

impl Period {
    /// The days `start ..= end`; an error when `end` is before `start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, ForecastError> {
        if end < start {
            return Err(ForecastError::InvalidPeriod { start, end });
        }
        Ok(Self { start, end })
    }

    /// The calendar quarter containing `date`.
    pub fn quarter_containing(date: NaiveDate) -> Self {
        let first_month = date.month0() / 3 * 3 + 1;
        let start = NaiveDate::from_ymd_opt(date.year(), first_month, 1).unwrap_or(date);
        let next = start.checked_add_months(chrono::Months::new(3));
        let end = next.and_then(|n| n.pred_opt()).unwrap_or(date);
        Self { start, end }
    }

    /// First day.
    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// Last day.
    pub fn end(self) -> NaiveDate {
        self.end
    }

    /// Whether `date` falls in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// One deal as the forecast sees it at the moment of forecasting.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastDeal {
    /// Deal id (also keys the deal's random stream in the simulation).
    pub id: String,
    /// Amount in whole dollars; assumed non-negative.
    pub amount: i64,
    /// The rep's call; `Closed` means won.
    pub category: ForecastCategory,
    /// Expected close date (actual close date when won).
    pub close_date: NaiveDate,
    /// Probability the deal is eventually won (from a model or the CRM).
    pub win_probability: Probability,
    /// Probability a deal that will be won closes after its period ends.
    pub slip_probability: Probability,
    /// Grouping labels, dimension → value (e.g. `"region"` → `"EMEA"`).
    pub labels: BTreeMap<String, String>,
}

impl ForecastDeal {
    /// Whether the deal is still open and in the forecast (not won, not omitted).
    pub fn is_open(&self) -> bool {
        match self.category {
            ForecastCategory::Pipeline | ForecastCategory::BestCase | ForecastCategory::Commit => {
                true
            }
            ForecastCategory::Closed | ForecastCategory::Omitted => false,
        }
    }

    /// Probability it is won inside its period: win and not slip.
    pub fn in_period_probability(&self) -> f64 {
        self.win_probability.value() * self.slip_probability.complement().value()
    }
}
