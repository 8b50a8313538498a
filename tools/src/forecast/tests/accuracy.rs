//! `forecast_accuracy` on the previous quarter: the actual against a naive sum, each week's
//! commit forecast against a naive as-of reconstruction (only records stamped by then), the
//! errors and the mean absolute percentage error.

use chrono::Duration;
use revpulse_graph::model::Quarter;

use super::{fixture, naive};
use crate::forecast::features::end_of;
use crate::forecast::forecast_accuracy::{
    ForecastAccuracyArgs, ForecastAccuracyOutput, ForecastAccuracyTool,
};
use crate::{DateRange, Tool, ToolError};

async fn last_quarter() -> ForecastAccuracyOutput {
    let ctx = fixture::company().everything();
    ForecastAccuracyTool
        .call(&ctx, ForecastAccuracyArgs { period: None })
        .await
        .unwrap()
}

#[tokio::test]
async fn the_actual_and_every_weeks_commit_forecast_match_an_as_of_count() {
    let out = last_quarter().await;
    let quarter = DateRange::quarter(Quarter::containing(fixture::company().today).previous());
    assert_eq!(out.period, quarter);
    let ds = &fixture::company().data;
    assert_eq!(out.actual, naive::buckets(ds, quarter, None).closed);
    assert_eq!(out.weeks.len(), 13);
    for (i, w) in out.weeks.iter().enumerate() {
        assert_eq!(w.week as usize, i);
        assert_eq!(w.week_start, quarter.from + Duration::days(7 * i as i64));
        let (won, commit) = naive::commit_as_of(ds, quarter, end_of(w.week_start));
        assert_eq!(
            (w.actual_to_date, w.commit_forecast),
            (won, commit),
            "week {i}"
        );
        assert_eq!(w.commit_error, w.commit_forecast - out.actual);
        assert!((w.model_error - (w.model_expected - out.actual)).abs() <= 1);
        assert!(w.model_expected >= w.actual_to_date);
    }
    assert!(
        out.weeks
            .windows(2)
            .all(|p| p[0].actual_to_date <= p[1].actual_to_date)
    );
}

#[tokio::test]
async fn the_mean_absolute_percentage_error_averages_the_weeks() {
    let out = last_quarter().await;
    let mean = |rates: Vec<f64>| rates.iter().map(|r| r.abs()).sum::<f64>() / rates.len() as f64;
    let commit = mean(
        out.weeks
            .iter()
            .map(|w| w.commit_error_rate.unwrap())
            .collect(),
    );
    let model = mean(
        out.weeks
            .iter()
            .map(|w| w.model_error_rate.unwrap())
            .collect(),
    );
    assert!((out.commit_mape.unwrap() - commit).abs() < 1e-9);
    assert!((out.model_mape.unwrap() - model).abs() < 1e-9);
    assert_eq!(out, last_quarter().await);
}

#[tokio::test]
async fn a_period_that_has_not_started_is_refused() {
    let ctx = fixture::company().everything();
    let next = DateRange::quarter(Quarter::containing(fixture::company().today).next());
    let out = ForecastAccuracyTool
        .call(&ctx, ForecastAccuracyArgs { period: Some(next) })
        .await;
    assert!(matches!(out, Err(ToolError::InvalidArgs { .. })));
}
