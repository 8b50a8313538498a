//! Output pieces several forecast tools share — how far to trust a probability, which method
//! produced it — and the argument checks they share: default periods and the region filter.

use revpulse_analytics::win_probability::{ConfidenceLabel, ScoringMethod};
use revpulse_graph::model::Quarter;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::deal_book::{DealBook, DealEntry};
use crate::{DateRange, Scope, Source, ToolError};

/// Lowest score called medium (the analytics' threshold for one deal's confidence).
const MEDIUM_FROM: f64 = 0.45;
/// Lowest score called high.
const HIGH_FROM: f64 = 0.7;

/// How far to trust a number, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConfidenceLevel {
    /// Thin or unusual history, or the model's ensemble disagrees.
    Low,
    /// Some support.
    Medium,
    /// Many similar closed deals, an agreeing ensemble, typical deals.
    High,
}

impl ConfidenceLevel {
    /// The level of a score in [0, 1] (low below 0.45, high from 0.7).
    pub fn of_score(score: f64) -> Self {
        if score >= HIGH_FROM {
            Self::High
        } else if score >= MEDIUM_FROM {
            Self::Medium
        } else {
            Self::Low
        }
    }

    /// The analytics' label.
    pub fn of_label(label: ConfidenceLabel) -> Self {
        match label {
            ConfidenceLabel::Low => Self::Low,
            ConfidenceLabel::Medium => Self::Medium,
            ConfidenceLabel::High => Self::High,
        }
    }
}

/// A confidence score with its word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Confidence {
    /// Score in [0, 1].
    pub score: f64,
    /// Low (< 0.45), medium (< 0.7) or high.
    pub label: ConfidenceLevel,
}

/// How win probabilities were produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WinMethod {
    /// Calibrated gradient-boosted trees trained on the visible closed deals.
    GradientBoostedTrees,
    /// Too little closed history for the model: stage-and-segment win rates (low confidence).
    StageSegmentRates,
}

impl WinMethod {
    /// The analytics' method.
    pub fn of(method: ScoringMethod) -> Self {
        match method {
            ScoringMethod::GradientBoostedTrees => Self::GradientBoostedTrees,
            ScoringMethod::StageSegmentRates => Self::StageSegmentRates,
        }
    }
}

/// The previous full calendar quarter before `today`'s.
pub(crate) fn previous_quarter(today: chrono::NaiveDate) -> DateRange {
    DateRange::quarter(Quarter::containing(today).previous())
}

/// Checks a region argument: known, and either seen whole by the caller or holding deals the
/// caller can see; otherwise `NotFound` (the same for another region's id as for a typo).
pub(crate) fn check_region(
    book: &DealBook,
    scope: &Scope,
    region: Option<&str>,
) -> Result<(), ToolError> {
    let Some(region) = region else {
        return Ok(());
    };
    let visible = book.regions.contains(region)
        && (scope.sees_region(region) || book.deals.values().any(|d| d.region_id == region));
    if visible {
        Ok(())
    } else {
        Err(ToolError::NotFound {
            what: "region",
            id: region.to_owned(),
        })
    }
}

/// Whether a deal is in the region asked for (every deal when none was).
pub(crate) fn in_region(deal: &DealEntry, region: Option<&str>) -> bool {
    region.is_none_or(|r| deal.region_id == r)
}

/// Citations of deals and their accounts, without duplicates, at most `cap`.
pub(crate) fn deal_sources<'a>(
    book: &DealBook,
    deals: impl IntoIterator<Item = &'a DealEntry>,
    cap: usize,
) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    for d in deals {
        let o = &d.opportunity;
        let candidates = [
            Source::record("Opportunity", &o.id, &o.name),
            Source::record("Account", &o.account_id, &book.account_name(&o.account_id)),
        ];
        for source in candidates {
            if out.len() < cap && !out.contains(&source) {
                out.push(source);
            }
        }
    }
    out
}

/// Rounds money to whole dollars.
pub(crate) fn dollars(value: f64) -> i64 {
    value.round() as i64
}
