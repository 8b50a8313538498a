//! First and warm call times of `forecast` and `deal_risk` on the default 600-account demo,
//! printed (run with `--nocapture`), never asserted: the first call trains the win model for
//! the caller's records and day, later calls read the cached state.

use std::time::Instant;

use super::fixture;
use crate::Tool;
use crate::forecast::deal_risk::{DealRiskArgs, DealRiskTool};
use crate::forecast::forecast_period::{ForecastArgs, ForecastTool};

#[tokio::test]
async fn first_and_warm_call_times_on_the_default_demo() {
    let c = fixture::default_demo();
    let ds = &c.data;
    let ctx = c.everything();
    let args = ForecastArgs {
        period: None,
        region: None,
    };
    let started = Instant::now();
    let first = ForecastTool.call(&ctx, args.clone()).await.unwrap();
    let forecast_first = started.elapsed();
    let started = Instant::now();
    let warm = ForecastTool.call(&ctx, args).await.unwrap();
    let forecast_warm = started.elapsed();
    assert_eq!(first, warm);
    let deal_id = first.drivers[0].deal_id.clone();
    // Another day is another cache key: this first call trains again, as a cold deal_risk would.
    let next_day = ctx.on(c.today + chrono::Duration::days(1));
    let risk_args = DealRiskArgs { deal_id };
    let started = Instant::now();
    DealRiskTool
        .call(&next_day, risk_args.clone())
        .await
        .unwrap();
    let risk_first = started.elapsed();
    let started = Instant::now();
    DealRiskTool.call(&next_day, risk_args).await.unwrap();
    let risk_warm = started.elapsed();
    println!(
        "600-account demo ({} deals, {} activities): forecast first {forecast_first:?}, warm \
         {forecast_warm:?}; deal_risk first {risk_first:?}, warm {risk_warm:?}",
        ds.opportunities.len(),
        ds.activities.len()
    );
}
