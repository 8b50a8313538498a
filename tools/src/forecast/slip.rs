//! Slip risk for the simulation: how often deals with the same number of close-date pushes,
//! due in a past quarter and open at the same week of it, were not won inside that quarter —
//! dollar-weighted and shrunk toward the overall rate by the analytics' [`SlipRates`]. Only
//! quarters that ended by the as-of day are learnt from.

use chrono::{Duration, NaiveDate};
use revpulse_analytics::forecast::slip_rate::{SlipObservation, SlipRateConfig, SlipRates};
use revpulse_analytics::forecast::slippage::close_date_pushes;
use revpulse_analytics::forecast::{Period, SalesStage};

use super::deal_book::DealBook;

/// The last week of a quarter a forecast is made at.
const LAST_WEEK: i64 = 12;

/// Weeks from the start of `period` to `day`, within 0..=12.
pub(crate) fn week_of(period: Period, day: NaiveDate) -> i64 {
    ((day - period.start()).num_days() / 7).clamp(0, LAST_WEEK)
}

/// Every calendar quarter that ended before `as_of`, from the one containing `first`.
fn past_quarters(first: NaiveDate, as_of: NaiveDate) -> Vec<Period> {
    let mut out = Vec::new();
    let mut q = Period::quarter_containing(first);
    while q.end() < as_of {
        out.push(q);
        q = Period::quarter_containing(q.end() + Duration::days(1));
    }
    out
}

/// Slip rates as of `as_of`, observed at week `week` of every earlier quarter: the deals open
/// then and due in that quarter that were not lost by `as_of`; slipped when not won inside it.
pub(crate) fn slip_rates(book: &DealBook, as_of: NaiveDate, week: i64) -> SlipRates {
    let first = book.deals.values().map(|d| d.record.created_on).min();
    let quarters = first.map_or_else(Vec::new, |f| past_quarters(f, as_of));
    let mut observations = Vec::new();
    for q in quarters {
        let day = q.start() + Duration::days(7 * week);
        for deal in book.deals.values().filter(|d| d.is_bookings()) {
            let then = deal.record.as_of(day);
            let now = deal.record.as_of(as_of);
            let due = then.close_date().is_some_and(|c| q.contains(c));
            if !(then.is_open() && due) || now.stage() == Some(SalesStage::ClosedLost) {
                continue;
            }
            let won_inside = now.stage() == Some(SalesStage::ClosedWon)
                && now.stage_entered_on().is_some_and(|d| d <= q.end());
            observations.push(SlipObservation {
                pushes: close_date_pushes(&then).len() as u32,
                slipped: !won_inside,
                weight: then.amount().unwrap_or(0) as f64,
            });
        }
    }
    SlipRates::fit(&observations, SlipRateConfig::default())
}
