//! The open pipeline at the end of one day — the deals created by then whose as-of stage is
//! open (and, when asked, whose as-of close date falls in a window) — and the count-and-money
//! pair every pipeline output reports.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::as_of::{DealBook, DealHistory, DealState};
use super::deal_filter::DealFilter;
use super::directory::Directory;
use crate::{DateRange, Source};

/// A number of deals and their amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DealsAmount {
    /// Number of deals.
    pub deals: i64,
    /// Their amount in whole dollars.
    pub amount: i64,
}

impl DealsAmount {
    /// Adds one deal of `amount`.
    pub fn add(&mut self, amount: i64) {
        self.deals += 1;
        self.amount += amount;
    }

    /// The count and sum of `amounts`.
    pub fn of(amounts: impl IntoIterator<Item = i64>) -> Self {
        let mut total = Self::default();
        for amount in amounts {
            total.add(amount);
        }
        total
    }
}

/// A deal in the open pipeline with its as-of values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OpenDeal<'b, 'a> {
    /// The deal and its history.
    pub history: &'b DealHistory<'a>,
    /// Its stage, amount and close date at the end of the day.
    pub state: DealState,
}

/// The deals in the open pipeline at the end of `day` that `filter` admits, in id order.
pub(crate) fn open_deals<'b, 'a>(
    book: &'b DealBook<'a>,
    directory: &Directory<'_>,
    filter: &DealFilter,
    day: NaiveDate,
    window: Option<DateRange>,
) -> Vec<OpenDeal<'b, 'a>> {
    book.deals()
        .iter()
        .filter(|h| filter.admits(h.deal, directory))
        .filter_map(|history| {
            let state = history.on(day).filter(|s| s.in_pipeline(window))?;
            Some(OpenDeal { history, state })
        })
        .collect()
}

/// Citations for the largest deals among `deals` (amount, then id), at most `cap`.
pub(crate) fn largest_deals<'h>(
    deals: impl IntoIterator<Item = (&'h DealHistory<'h>, i64)>,
    cap: usize,
) -> Vec<Source> {
    let mut ranked: Vec<(&DealHistory<'_>, i64)> = deals.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.deal.id.cmp(&b.0.deal.id)));
    ranked
        .into_iter()
        .take(cap)
        .map(|(h, _)| deal_source(h))
        .collect()
}

/// The citation of one deal.
pub(crate) fn deal_source(history: &DealHistory<'_>) -> Source {
    Source::record("Opportunity", &history.deal.id, &history.deal.name)
}
