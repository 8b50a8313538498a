//! Time-stamped changes to an opportunity's stage, amount, close date and forecast category.
//!
//! Every opportunity has at least one record of each kind (the initial value, `from = None`), so
//! its state *as of* any instant after creation is the latest change at or before that instant.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ForecastCategory, Stage};

/// The stage moved (forward, or backward: a regression).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    /// The deal.
    pub opportunity_id: String,
    /// Order among all changes of this deal (ties in `at` are broken by it).
    pub seq: u32,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Previous stage; `None` for the initial record.
    pub from: Option<Stage>,
    /// New stage.
    pub to: Stage,
}

/// The amount was revised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountChange {
    /// The deal.
    pub opportunity_id: String,
    /// Order among all changes of this deal.
    pub seq: u32,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Previous amount; `None` for the initial record.
    pub from: Option<i64>,
    /// New amount in dollars.
    pub to: i64,
}

/// The expected close date moved (later: a push / slip; earlier: a pull-in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseDateChange {
    /// The deal.
    pub opportunity_id: String,
    /// Order among all changes of this deal.
    pub seq: u32,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Previous close date; `None` for the initial record.
    pub from: Option<NaiveDate>,
    /// New close date.
    pub to: NaiveDate,
}

/// The rep changed their forecast call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForecastCategoryChange {
    /// The deal.
    pub opportunity_id: String,
    /// Order among all changes of this deal.
    pub seq: u32,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Previous category; `None` for the initial record.
    pub from: Option<ForecastCategory>,
    /// New category.
    pub to: ForecastCategory,
}

/// The graph id of a change record: deal id and sequence number.
pub(crate) fn change_id(opportunity_id: &str, seq: u32) -> String {
    format!("{opportunity_id}#{seq}")
}

/// Gives each change kind its stable id.
macro_rules! change_ids {
    ($($ty:ty),*) => {$(
        impl $ty {
            /// Stable id of this change: deal id and sequence number.
            pub fn id(&self) -> String {
                change_id(&self.opportunity_id, self.seq)
            }
        }
    )*};
}

change_ids!(
    StageChange,
    AmountChange,
    CloseDateChange,
    ForecastCategoryChange
);
