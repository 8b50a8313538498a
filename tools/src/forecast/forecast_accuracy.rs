//! `forecast_accuracy`: how good past forecasts were — for each week of a past period (default
//! the previous full quarter), the commit forecast and the model-expected forecast as they stood
//! that day against what the period finally booked, with the error per week and the mean
//! absolute percentage error, through the analytics' forecast backtest.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{Duration, NaiveDate};
use revpulse_analytics::forecast::ForecastCategory;
use revpulse_analytics::forecast::backtest::{BacktestPoint, ForecastMethod, backtest};
use revpulse_analytics::forecast::simulation::SimulationConfig;
use revpulse_analytics::stats;
use revpulse_graph::model::Stage;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::as_of_week::PeriodStart;
use super::cache::{TrainedCache, fingerprint};
use super::features::end_of;
use super::period_deals::period_of;
use super::views::{WinMethod, deal_sources, dollars, previous_quarter};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Models trained as of a period's start, per (records, first day).
static PERIOD_STARTS: TrainedCache<PeriodStart> = TrainedCache::new();
/// Last week forecast (week 0 is the period's first day).
const LAST_WEEK: u32 = 12;
/// Iterations of the backtest's simulation (its median is not reported here).
const ITERATIONS: usize = 1_000;
/// Most records cited.
const MAX_SOURCES: usize = 50;

/// Arguments of `forecast_accuracy`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForecastAccuracyArgs {
    /// The period to measure; defaults to the previous full calendar quarter.
    #[serde(default)]
    pub period: Option<DateRange>,
}

/// The forecast as it stood at one week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AccuracyWeek {
    /// Weeks into the period (0 = its first day).
    pub week: u32,
    /// The day the forecast is as of (records to the end of that day).
    pub week_start: NaiveDate,
    /// Won by then plus open deals called commit, closing in the period.
    pub commit_forecast: i64,
    /// Won by then plus Σ amount × win probability of the open deals closing in the period.
    pub model_expected: i64,
    /// Won in the period by then.
    pub actual_to_date: i64,
    /// commit_forecast − actual (positive: over-forecast).
    pub commit_error: i64,
    /// commit_error ÷ actual; `None` when nothing was booked.
    pub commit_error_rate: Option<f64>,
    /// model_expected − actual.
    pub model_error: i64,
    /// model_error ÷ actual; `None` when nothing was booked.
    pub model_error_rate: Option<f64>,
}

/// Forecast accuracy over a past period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ForecastAccuracyOutput {
    /// The period measured.
    pub period: DateRange,
    /// New-business and expansion deals won with a close date in the period.
    pub actual: i64,
    /// Week by week, up to week 12 or today.
    pub weeks: Vec<AccuracyWeek>,
    /// Mean over the weeks of |commit_forecast − actual| ÷ actual.
    pub commit_mape: Option<f64>,
    /// Mean over the weeks of |model_expected − actual| ÷ actual.
    pub model_mape: Option<f64>,
    /// How the probabilities were produced (trained on deals closed before the period).
    pub method: WinMethod,
    /// The deals won in the period, largest first.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(ForecastAccuracyOutput);

/// The `forecast_accuracy` tool.
pub struct ForecastAccuracyTool;

#[async_trait]
impl Tool for ForecastAccuracyTool {
    const NAME: &'static str = "forecast_accuracy";
    const DESCRIPTION: &'static str = "How accurate past forecasts were: for each week of a past \
        period (default last quarter), the commit and model forecasts as they stood that day \
        versus what actually closed, with the error per week and the mean absolute percentage \
        error.";
    type Args = ForecastAccuracyArgs;
    type Output = ForecastAccuracyOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: ForecastAccuracyArgs,
    ) -> Result<ForecastAccuracyOutput, ToolError> {
        let today = ctx.today();
        let range = args
            .period
            .unwrap_or_else(|| previous_quarter(today))
            .validated(Self::NAME)?;
        if range.from > today {
            return Err(ToolError::InvalidArgs {
                tool: Self::NAME.to_owned(),
                reason: format!("the period starts after today ({today}); pick a past period"),
            });
        }
        let period = period_of(range)?;
        let company = ctx.company().await?;
        let key = (fingerprint(&company), range.from);
        let start = PERIOD_STARTS
            .get_or_build(key, move || PeriodStart::build(&company, period))
            .await?;
        accuracy(&start, range, today)
    }
}

fn accuracy(
    start: &Arc<PeriodStart>,
    range: DateRange,
    today: NaiveDate,
) -> Result<ForecastAccuracyOutput, ToolError> {
    let period = period_of(range)?;
    let actual = final_bookings(start, range);
    let last_day = range.to.min(today);
    let days: Vec<(u32, NaiveDate)> = (0..=LAST_WEEK)
        .map(|w| (w, range.from + Duration::days(7 * i64::from(w))))
        .take_while(|(_, day)| *day <= last_day)
        .collect();
    let snapshots: Vec<_> = days
        .iter()
        .map(|(w, day)| start.snapshot(period, *w, end_of(*day), actual))
        .collect();
    let config = SimulationConfig {
        iterations: ITERATIONS,
        ..SimulationConfig::default()
    };
    let report = backtest(&snapshots, config).map_err(|e| ToolError::analytics("backtest", e))?;
    let point = |week: u32, method: ForecastMethod| {
        report
            .points
            .iter()
            .find(|p| p.week == week && p.method == method)
    };
    let mut weeks = Vec::new();
    for ((w, day), snapshot) in days.iter().zip(&snapshots) {
        let (Some(commit), Some(model)) = (
            point(*w, ForecastMethod::Commit),
            point(*w, ForecastMethod::ModelExpected),
        ) else {
            continue;
        };
        let won: i64 = snapshot
            .deals
            .iter()
            .filter(|d| d.category == ForecastCategory::Closed)
            .map(|d| d.amount)
            .sum();
        weeks.push(week_row(*w, *day, commit, model, won));
    }
    let mape = |method: ForecastMethod| {
        let errors: Vec<f64> = report
            .points
            .iter()
            .filter(|p| p.method == method)
            .filter_map(|p| p.abs_pct_error)
            .collect();
        stats::mean(&errors)
    };
    let won = won_in(start, range);
    Ok(ForecastAccuracyOutput {
        period: range,
        actual,
        weeks,
        commit_mape: mape(ForecastMethod::Commit),
        model_mape: mape(ForecastMethod::ModelExpected),
        method: WinMethod::of(start.model.method()),
        sources: deal_sources(&start.book, won, MAX_SOURCES),
    })
}

fn week_row(
    week: u32,
    day: NaiveDate,
    commit: &BacktestPoint,
    model: &BacktestPoint,
    actual_to_date: i64,
) -> AccuracyWeek {
    let rate = |p: &BacktestPoint| (p.actual != 0).then(|| p.error / p.actual as f64);
    AccuracyWeek {
        week,
        week_start: day,
        commit_forecast: dollars(commit.forecast),
        model_expected: dollars(model.forecast),
        actual_to_date,
        commit_error: dollars(commit.error),
        commit_error_rate: rate(commit),
        model_error: dollars(model.error),
        model_error_rate: rate(model),
    }
}

/// The bookings deals won with a close date in the period, largest first.
fn won_in(start: &PeriodStart, range: DateRange) -> Vec<&super::deal_book::DealEntry> {
    let mut won: Vec<_> = start
        .book
        .deals
        .values()
        .filter(|d| d.is_bookings() && d.opportunity.stage == Stage::ClosedWon)
        .filter(|d| range.contains(d.opportunity.close_date))
        .collect();
    won.sort_by(|a, b| {
        b.opportunity
            .amount
            .cmp(&a.opportunity.amount)
            .then(a.opportunity.id.cmp(&b.opportunity.id))
    });
    won
}

/// What the period finally booked.
fn final_bookings(start: &PeriodStart, range: DateRange) -> i64 {
    won_in(start, range)
        .iter()
        .map(|d| d.opportunity.amount)
        .sum()
}
