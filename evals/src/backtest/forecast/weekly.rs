//! The forecast backtest on the demo company: for every past full quarter (after a first
//! warm-up quarter, when the company's history is too young to forecast from) and every week
//! 0–12 of it, the deals as they stood that day, priced with the models known that day, against
//! the bookings the quarter really closed.

use chrono::NaiveDate;
use revpulse_analytics::forecast::ForecastError;
use revpulse_analytics::forecast::backtest::{BacktestReport, ForecastSnapshot, backtest};
use revpulse_analytics::forecast::simulation::SimulationConfig;

use super::as_of::{
    Pricing, StageRates, actual_bookings, forecast_deals, quarters_between, slip_rates, week_day,
};
use super::records::DealBook;

/// Quarters at the start of history that are not backtested.
pub const WARM_UP_QUARTERS: usize = 1;

/// Weeks into each quarter that are forecast from (0 = its first day).
pub const WEEKS: std::ops::RangeInclusive<u32> = 0..=12;

/// Every snapshot of every backtested quarter, quarter by quarter, week by week.
pub fn weekly_snapshots(
    book: &DealBook,
    history_start: NaiveDate,
    today: NaiveDate,
) -> Vec<ForecastSnapshot> {
    let mut snapshots = Vec::new();
    for period in quarters_between(history_start, today)
        .into_iter()
        .skip(WARM_UP_QUARTERS)
    {
        let actual = actual_bookings(book, period);
        for week in WEEKS {
            let day = week_day(period, week);
            let win = StageRates::fit(book, day);
            let slip = slip_rates(book, history_start, day, week);
            snapshots.push(ForecastSnapshot {
                label: super::quarter_label(period),
                period,
                week,
                deals: forecast_deals(
                    book,
                    day,
                    period,
                    Pricing {
                        win: &win,
                        slip: &slip,
                    },
                ),
                actual,
            });
        }
    }
    snapshots
}

/// Runs the backtest.
pub fn weekly_backtest(
    book: &DealBook,
    history_start: NaiveDate,
    today: NaiveDate,
    simulation: SimulationConfig,
) -> Result<BacktestReport, ForecastError> {
    backtest(&weekly_snapshots(book, history_start, today), simulation)
}
