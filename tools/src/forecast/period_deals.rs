//! The deals of one period as the forecast counts them: bookings deals (new business and
//! expansion — quotas are set on them; renewals follow the customer motion) won with a close
//! date in the period, and those still open with an expected close date in it, in the region
//! asked for — and the same deals in the analytics' [`ForecastDeal`] terms.

use revpulse_analytics::forecast::{ForecastCategory, ForecastDeal, Period, Probability};
use revpulse_graph::model::{self as graph, Stage};

use super::deal_book::DealEntry;
use super::live::{LiveForecast, OpenDeal};
use super::views::in_region;
use crate::{DateRange, ToolError};

/// The period's won and open deals.
pub(crate) struct PeriodDeals<'a> {
    /// The period.
    pub period: Period,
    /// Won, closed in the period, by id.
    pub won: Vec<&'a DealEntry>,
    /// Open, expected to close in the period, by id.
    pub open: Vec<(&'a DealEntry, &'a OpenDeal)>,
}

/// The analytics' period of a date range.
pub(crate) fn period_of(range: DateRange) -> Result<Period, ToolError> {
    Period::new(range.from, range.to).map_err(|e| ToolError::analytics("forecast period", e))
}

/// The rep's call as the forecast buckets an open deal: a stale "closed" or "omitted" call on
/// a deal still open counts as pipeline.
pub(crate) fn open_category(category: graph::ForecastCategory) -> ForecastCategory {
    match category {
        graph::ForecastCategory::Commit => ForecastCategory::Commit,
        graph::ForecastCategory::BestCase => ForecastCategory::BestCase,
        graph::ForecastCategory::Pipeline
        | graph::ForecastCategory::Closed
        | graph::ForecastCategory::Omitted => ForecastCategory::Pipeline,
    }
}

impl<'a> PeriodDeals<'a> {
    /// The bookings deals of `range` in `region` (every region when `None`).
    pub fn new(
        live: &'a LiveForecast,
        range: DateRange,
        region: Option<&str>,
    ) -> Result<Self, ToolError> {
        let period = period_of(range)?;
        let counted = |d: &DealEntry| d.is_bookings() && in_region(d, region);
        let won = live
            .book
            .deals
            .values()
            .filter(|d| counted(d) && d.opportunity.stage == Stage::ClosedWon)
            .filter(|d| period.contains(d.opportunity.close_date))
            .collect();
        let open = live
            .open
            .iter()
            .filter_map(|(id, open)| live.book.deal(id).map(|d| (d, open)))
            .filter(|(d, _)| counted(d) && period.contains(d.opportunity.close_date))
            .collect();
        Ok(Self { period, won, open })
    }

    /// Won in the period.
    pub fn closed_won(&self) -> i64 {
        self.won.iter().map(|d| d.opportunity.amount).sum()
    }

    /// The deals in the analytics' terms: won ones as closed, open ones with their win
    /// probability and, when `slip` is set, their slip probability (else none).
    pub fn forecast_deals(&self, slip: bool) -> Vec<ForecastDeal> {
        let won = self.won.iter().map(|d| ForecastDeal {
            id: d.opportunity.id.clone(),
            amount: d.opportunity.amount,
            category: ForecastCategory::Closed,
            close_date: d.opportunity.close_date,
            win_probability: Probability::ONE,
            slip_probability: Probability::ZERO,
            labels: Default::default(),
        });
        let open = self.open.iter().map(|(d, o)| ForecastDeal {
            id: d.opportunity.id.clone(),
            amount: d.opportunity.amount,
            category: open_category(d.opportunity.forecast_category),
            close_date: d.opportunity.close_date,
            win_probability: Probability::clamped(o.probability),
            slip_probability: if slip { o.slip } else { Probability::ZERO },
            labels: Default::default(),
        });
        won.chain(open).collect()
    }
}
