//! A past period's forecast as it stood at the end of one week's first day, rebuilt from the
//! records known then: each bookings deal's stage, amount, close date and call as of that
//! instant, priced by a win model trained only on deals closed before the period began — the
//! as-of discipline that keeps the backtest honest.

use chrono::{DateTime, Utc};
use revpulse_analytics::forecast::backtest::ForecastSnapshot;
use revpulse_analytics::forecast::{ForecastCategory, ForecastDeal, Period, Probability};
use revpulse_analytics::win_probability::WinProbabilityModel;
use revpulse_graph::model::CompanyDataset;

use super::deal_book::{DealBook, DealEntry};
use super::features::{Snapshot, before, end_of};
use super::period_deals::open_category;
use super::training;
use crate::ToolError;

/// The history known when a period began, and the model trained on it.
#[derive(Debug)]
pub(crate) struct PeriodStart {
    /// The records per deal (read only up to each week's instant).
    pub book: DealBook,
    /// Trained on deals closed before the period's first day.
    pub model: WinProbabilityModel,
}

impl PeriodStart {
    /// Trains as of the start of `period`.
    pub fn build(ds: &CompanyDataset, period: Period) -> Result<Self, ToolError> {
        let book = DealBook::new(ds);
        let cutoff = end_of(period.start().pred_opt().unwrap_or(period.start()));
        let model = training::train(&book, cutoff)?;
        Ok(Self { book, model })
    }

    /// The period's deals as they stood at `at`: won by then (closed), or open with a close
    /// date then inside the period (priced by the model).
    pub fn deals_at(&self, period: Period, at: DateTime<Utc>) -> Vec<ForecastDeal> {
        let snapshot = Snapshot::new(&self.book, at);
        self.book
            .deals
            .values()
            .filter(|d| d.is_bookings())
            .filter_map(|d| self.deal_at(d, &snapshot, period))
            .collect()
    }

    fn deal_at(
        &self,
        d: &DealEntry,
        snapshot: &Snapshot<'_>,
        period: Period,
    ) -> Option<ForecastDeal> {
        let at = snapshot.at;
        let close_date = before(&d.closes, at, |c| c.at).last()?.to;
        let amount = before(&d.amounts, at, |c| c.at).last()?.to;
        if !period.contains(close_date) {
            return None;
        }
        let (category, win_probability) = match d.closed {
            Some((t, true)) if t < at => (ForecastCategory::Closed, Probability::ONE),
            Some((t, false)) if t < at => return None,
            _ => {
                let features = snapshot.features(d)?;
                let category = before(&d.categories, at, |c| c.at)
                    .last()
                    .map_or(ForecastCategory::Pipeline, |c| open_category(c.to));
                let p = self.model.probability(&features);
                (category, Probability::clamped(p))
            }
        };
        Some(ForecastDeal {
            id: d.opportunity.id.clone(),
            amount,
            category,
            close_date,
            win_probability,
            slip_probability: Probability::ZERO,
            labels: Default::default(),
        })
    }

    /// The snapshot of week `week` (its first day at `day`) against the period's final
    /// bookings `actual`.
    pub fn snapshot(
        &self,
        period: Period,
        week: u32,
        at: DateTime<Utc>,
        actual: i64,
    ) -> ForecastSnapshot {
        ForecastSnapshot {
            label: format!("{} to {}", period.start(), period.end()),
            period,
            week,
            deals: self.deals_at(period, at),
            actual,
        }
    }
}
