//! Forecast backtest: the forecast each method would have given as of week N of past periods,
//! against what actually closed, with the error per week — so a leader can see how far to trust
//! the number at this point of the quarter, and which method to trust.
//!
//! The caller prepares the snapshots (the deals as they stood on each week's day, with the win
//! and slip probabilities known then) and the actual bookings of each period. Error is
//! forecast − actual (positive = over-forecast); the percentage error divides by the actual.

use std::collections::BTreeMap;

use super::ForecastError;
use super::deal::{ForecastDeal, Period};
use super::rollup::rollup;
use super::simulation::{Simulation, SimulationConfig};
use crate::stats;

/// A way of forecasting a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ForecastMethod {
    /// Closed + commit.
    Commit,
    /// Closed + commit + best case.
    BestCase,
    /// Closed + Σ amount × win probability.
    ModelExpected,
    /// The simulated median, with slip risk.
    SimulatedMedian,
}

impl ForecastMethod {
    /// Every method, in report order.
    pub const ALL: [ForecastMethod; 4] = [
        Self::Commit,
        Self::BestCase,
        Self::ModelExpected,
        Self::SimulatedMedian,
    ];

    /// The stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Commit => "commit",
            Self::BestCase => "best_case",
            Self::ModelExpected => "model_expected",
            Self::SimulatedMedian => "simulated_p50",
        }
    }
}

/// The deals of one period as they stood on one week's day.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastSnapshot {
    /// The period label, e.g. `"Q3 2024"`.
    pub label: String,
    /// The period forecast.
    pub period: Period,
    /// Weeks into the period (0 = its first day).
    pub week: u32,
    /// The deals then.
    pub deals: Vec<ForecastDeal>,
    /// What actually closed (won) in the period.
    pub actual: i64,
}

/// One method's forecast on one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestPoint {
    /// Period label.
    pub label: String,
    /// Week.
    pub week: u32,
    /// Method.
    pub method: ForecastMethod,
    /// Forecast.
    pub forecast: f64,
    /// Actual.
    pub actual: i64,
    /// Forecast − actual.
    pub error: f64,
    /// |error| / actual; `None` when nothing closed.
    pub abs_pct_error: Option<f64>,
}

/// The accuracy of one method at one week, over every period.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekAccuracy {
    /// Week.
    pub week: u32,
    /// Method.
    pub method: ForecastMethod,
    /// Periods measured.
    pub periods: usize,
    /// Mean of forecast − actual (bias).
    pub mean_error: f64,
    /// Mean |forecast − actual|.
    pub mean_abs_error: f64,
    /// Mean |forecast − actual| / actual over the periods with bookings.
    pub mean_abs_pct_error: Option<f64>,
}

/// How often the simulated P10–P90 range held the actual, at one week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RangeCoverage {
    /// Week.
    pub week: u32,
    /// Periods measured.
    pub periods: usize,
    /// Periods whose actual fell within [P10, P90] (nominally 80%).
    pub inside: usize,
}

/// The whole backtest.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestReport {
    /// Every forecast made.
    pub points: Vec<BacktestPoint>,
    /// Accuracy per week and method, by week then method.
    pub by_week: Vec<WeekAccuracy>,
    /// P10–P90 coverage per week.
    pub coverage: Vec<RangeCoverage>,
}

fn point(s: &ForecastSnapshot, method: ForecastMethod, forecast: f64) -> BacktestPoint {
    let error = forecast - s.actual as f64;
    BacktestPoint {
        label: s.label.clone(),
        week: s.week,
        method,
        forecast,
        actual: s.actual,
        error,
        abs_pct_error: (s.actual != 0).then(|| error.abs() / s.actual as f64),
    }
}

/// Runs every method on every snapshot.
pub fn backtest(
    snapshots: &[ForecastSnapshot],
    config: SimulationConfig,
) -> Result<BacktestReport, ForecastError> {
    let mut points = Vec::new();
    let mut coverage: BTreeMap<u32, RangeCoverage> = BTreeMap::new();
    for s in snapshots {
        let totals = rollup(&s.deals, s.period);
        let range = Simulation::run(&s.deals, s.period, config)?.range();
        for method in ForecastMethod::ALL {
            let forecast = match method {
                ForecastMethod::Commit => totals.commit_forecast() as f64,
                ForecastMethod::BestCase => totals.best_case_forecast() as f64,
                ForecastMethod::ModelExpected => totals.model_expected,
                ForecastMethod::SimulatedMedian => range.p50,
            };
            points.push(point(s, method, forecast));
        }
        let entry = coverage.entry(s.week).or_insert(RangeCoverage {
            week: s.week,
            periods: 0,
            inside: 0,
        });
        entry.periods += 1;
        let actual = s.actual as f64;
        entry.inside += usize::from(range.p10 <= actual && actual <= range.p90);
    }
    Ok(BacktestReport {
        by_week: accuracy_by_week(&points),
        coverage: coverage.into_values().collect(),
        points,
    })
}

fn accuracy_by_week(points: &[BacktestPoint]) -> Vec<WeekAccuracy> {
    let mut groups: BTreeMap<(u32, ForecastMethod), Vec<&BacktestPoint>> = BTreeMap::new();
    for p in points {
        groups.entry((p.week, p.method)).or_default().push(p);
    }
    groups
        .into_iter()
        .map(|((week, method), ps)| {
            let errors: Vec<f64> = ps.iter().map(|p| p.error).collect();
            let abs: Vec<f64> = errors.iter().map(|e| e.abs()).collect();
            let pct: Vec<f64> = ps.iter().filter_map(|p| p.abs_pct_error).collect();
            WeekAccuracy {
                week,
                method,
                periods: ps.len(),
                mean_error: stats::mean(&errors).unwrap_or(0.0),
                mean_abs_error: stats::mean(&abs).unwrap_or(0.0),
                mean_abs_pct_error: stats::mean(&pct),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::deal::ForecastCategory;
    use crate::forecast::test_support::{deal, quarter};

    fn snapshot(label: &str, week: u32, deals: Vec<ForecastDeal>, actual: i64) -> ForecastSnapshot {
        ForecastSnapshot {
            label: label.into(),
            period: quarter(),
            week,
            deals,
            actual,
        }
    }

    #[test]
    fn errors_are_forecast_minus_actual_averaged_per_week() {
        let a = snapshot(
            "A",
            4,
            vec![
                deal("w", 100, ForecastCategory::Closed, 1.0),
                deal("c", 100, ForecastCategory::Commit, 1.0),
            ],
            250,
        );
        let b = snapshot(
            "B",
            4,
            vec![deal("c", 300, ForecastCategory::Commit, 1.0)],
            200,
        );
        let report = backtest(&[a, b], SimulationConfig::default()).unwrap();
        let commit = report
            .by_week
            .iter()
            .find(|w| w.method == ForecastMethod::Commit)
            .unwrap();
        // A: 200 − 250 = −50 (20%); B: 300 − 200 = +100 (50%).
        assert_eq!(commit.periods, 2);
        assert!((commit.mean_error - 25.0).abs() < 1e-9);
        assert!((commit.mean_abs_error - 75.0).abs() < 1e-9);
        assert!((commit.mean_abs_pct_error.unwrap() - 0.35).abs() < 1e-12);
        // Certain deals: the range is a point; A's actual is outside it, B's too.
        assert_eq!(report.coverage[0].inside, 0);
        assert_eq!(report.points.len(), 2 * ForecastMethod::ALL.len());
    }
}
