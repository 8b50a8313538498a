//! The deal sets facts sum over: won in a period, called in a forecast category, open — each a
//! filter over the visible deals as they stand today.

use chrono::NaiveDate;
use revpulse_graph::model::{ForecastCategory, Opportunity, Quarter, Stage};

use crate::agents::history::DealState;

/// A visible deal and its state today.
pub type DealToday<'d> = (&'d Opportunity, DealState);

/// Whether a deal counts toward bookings and quota (renewals keep ARR, they are not bookings).
pub fn is_new_bookings(deal: &Opportunity) -> bool {
    deal.deal_type != "renewal"
}

/// Deals open today.
pub fn open<'a, 'd>(deals: &'a [DealToday<'d>]) -> impl Iterator<Item = &'a DealToday<'d>> {
    deals.iter().filter(|(_, s)| s.stage.is_open())
}

/// New-bookings deals standing closed won today that entered closed won between `from` and
/// `to`.
pub fn won_in<'a, 'd>(
    deals: &'a [DealToday<'d>],
    from: NaiveDate,
    to: NaiveDate,
) -> impl Iterator<Item = &'a DealToday<'d>> {
    deals.iter().filter(move |(o, s)| {
        is_new_bookings(o) && s.stage == Stage::ClosedWon && (from..=to).contains(&s.stage_since)
    })
}

/// New-bookings deals open today, closing in `quarter`, in forecast category `category`.
pub fn called<'a, 'd>(
    deals: &'a [DealToday<'d>],
    quarter: Quarter,
    category: ForecastCategory,
) -> impl Iterator<Item = &'a DealToday<'d>> {
    deals.iter().filter(move |(o, s)| {
        is_new_bookings(o)
            && s.stage.is_open()
            && s.category == Some(category)
            && s.close_date
                .is_some_and(|c| Quarter::containing(c) == quarter)
    })
}

/// Σ amount today.
pub fn sum<'a, 'd: 'a>(deals: impl Iterator<Item = &'a DealToday<'d>>) -> i64 {
    deals.map(|(_, s)| s.amount).sum()
}

/// How many.
pub fn len<T>(items: impl Iterator<Item = T>) -> i64 {
    i64::try_from(items.count()).unwrap_or(i64::MAX)
}
