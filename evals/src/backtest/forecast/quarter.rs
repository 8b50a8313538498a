//! This quarter's forecast for the demo company as of its "today": the roll-up overall and by
//! region, team, owner and product line, the simulated P10/P50/P90 with slip risk, and the gap
//! to quota with the deals that explain most of it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use revpulse_analytics::forecast::gap::{QuotaGap, gap_to_quota};
use revpulse_analytics::forecast::rollup::{Rollup, rollup, rollup_by_label};
use revpulse_analytics::forecast::simulation::{Simulation, SimulationConfig};
use revpulse_analytics::forecast::{ForecastDeal, ForecastError, Period};
use revpulse_graph::model::UserRole;
use revpulse_ingest::dataset::CompanyDataset;

use super::as_of::{Pricing, StageRates, forecast_deals, slip_rates};
use super::records::DealBook;

/// The dimensions the quarter is rolled up by.
pub const DIMENSIONS: [&str; 4] = ["region", "team", "owner", "product_line"];

/// Deals listed as explaining the gap.
const TOP_GAP_DEALS: usize = 10;

/// The quarter's forecast and what is behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuarterForecast {
    /// The quarter.
    pub period: Period,
    /// The day it is forecast from.
    pub as_of: NaiveDate,
    /// The deals due in the quarter, as priced.
    pub deals: Vec<ForecastDeal>,
    /// The whole company.
    pub total: Rollup,
    /// Per dimension, per value.
    pub by: BTreeMap<String, BTreeMap<String, Rollup>>,
    /// The gap to the company quota, with the range.
    pub gap: QuotaGap,
    /// Quota per region.
    pub region_quotas: BTreeMap<String, i64>,
}

/// The quarterly quota of every rep, summed per region (the company quota is their sum).
pub fn region_quotas(ds: &CompanyDataset) -> BTreeMap<String, i64> {
    let mut out: BTreeMap<String, i64> = BTreeMap::new();
    for u in ds.users.iter().filter(|u| u.role == UserRole::Rep) {
        let region = u.region_id.clone().unwrap_or_else(|| "unknown".into());
        *out.entry(region).or_default() += u.quarterly_quota;
    }
    out
}

/// The forecast of the quarter containing `as_of`, with weeks-matched slip rates.
pub fn quarter_forecast(
    ds: &CompanyDataset,
    book: &DealBook,
    history_start: NaiveDate,
    as_of: NaiveDate,
    simulation: SimulationConfig,
) -> Result<QuarterForecast, ForecastError> {
    let period = Period::quarter_containing(as_of);
    let week = ((as_of - period.start()).num_days() / 7) as u32;
    let win = StageRates::fit(book, as_of);
    let slip = slip_rates(book, history_start, as_of, week);
    let deals = forecast_deals(
        book,
        as_of,
        period,
        Pricing {
            win: &win,
            slip: &slip,
        },
    );
    let sim = Simulation::run(&deals, period, simulation)?;
    let quotas = region_quotas(ds);
    let quota = quotas.values().sum();
    Ok(QuarterForecast {
        period,
        as_of,
        total: rollup(&deals, period),
        by: DIMENSIONS
            .iter()
            .map(|d| (d.to_string(), rollup_by_label(&deals, period, d)))
            .collect(),
        gap: gap_to_quota(&deals, period, quota, Some(&sim), TOP_GAP_DEALS),
        region_quotas: quotas,
        deals,
    })
}
