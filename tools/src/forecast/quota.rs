//! The quota of a period: the quarterly quotas of the visible quota-carrying reps (in the
//! region asked for), each counted for the share of every calendar quarter the period covers —
//! a full quarter counts once, a month of a 92-day quarter 31/92 of it. Managers', VPs' and the
//! CRO's quotas are roll-ups of their reps' and are not added again.

use chrono::Duration;
use revpulse_graph::model::Quarter;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::deal_book::DealBook;
use crate::DateRange;

/// A period's quota and how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PeriodQuota {
    /// The quota, whole dollars.
    pub quota: i64,
    /// Quota-carrying reps counted.
    pub reps: usize,
    /// Sum of their quarterly quotas.
    pub quarterly_quota: i64,
    /// Quarters the period spans: Σ over calendar quarters of (days of the period in the
    /// quarter ÷ days of the quarter).
    pub quarters: f64,
}

/// Quarters `period` spans, each partial quarter prorated by days.
pub(crate) fn quarters_in(period: DateRange) -> f64 {
    let mut total = 0.0;
    let mut q = Quarter::containing(period.from);
    while q.start() <= period.to {
        let from = q.start().max(period.from);
        let to = q.end().min(period.to);
        let covered = (to - from + Duration::days(1)).num_days() as f64;
        let length = (q.end() - q.start() + Duration::days(1)).num_days() as f64;
        total += covered / length;
        q = q.next();
    }
    total
}

/// The quota of `period` for the reps the caller sees, in `region` when given.
pub(crate) fn period_quota(
    book: &DealBook,
    period: DateRange,
    region: Option<&str>,
) -> PeriodQuota {
    let reps: Vec<_> = book
        .reps
        .iter()
        .filter(|r| region.is_none_or(|want| r.region_id.as_deref() == Some(want)))
        .collect();
    let quarterly_quota: i64 = reps.iter().map(|r| r.quarterly_quota).sum();
    let quarters = quarters_in(period);
    PeriodQuota {
        quota: (quarterly_quota as f64 * quarters).round() as i64,
        reps: reps.len(),
        quarterly_quota,
        quarters,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn full_quarters_count_once_and_partial_ones_by_days() {
        let q3 = DateRange::quarter_of(day(2025, 8, 1));
        assert!((quarters_in(q3) - 1.0).abs() < 1e-12);
        let july = DateRange {
            from: day(2025, 7, 1),
            to: day(2025, 7, 31),
        };
        assert!((quarters_in(july) - 31.0 / 92.0).abs() < 1e-12);
        let year = DateRange::year_of(day(2025, 3, 3));
        assert!((quarters_in(year) - 4.0).abs() < 1e-12);
    }
}
