//! `forecast` and `at_risk_deals` on the whole company: the buckets, quota and gap against a
//! naive count, the range's order, the drivers' waterfall, and determinism.

use super::{fixture, naive};
use crate::forecast::at_risk_deals::{AtRiskDealsArgs, AtRiskDealsOutput, AtRiskDealsTool};
use crate::forecast::forecast_period::{ForecastArgs, ForecastOutput, ForecastTool};
use crate::{DateRange, Tool, ToolContext, ToolError};

pub async fn forecast(ctx: &ToolContext, region: Option<&str>) -> ForecastOutput {
    let args = ForecastArgs {
        period: None,
        region: region.map(str::to_owned),
    };
    ForecastTool.call(ctx, args).await.unwrap()
}

pub async fn all_at_risk(ctx: &ToolContext, region: Option<&str>) -> AtRiskDealsOutput {
    let args = AtRiskDealsArgs {
        period: None,
        region: region.map(str::to_owned),
        limit: 500,
    };
    AtRiskDealsTool.call(ctx, args).await.unwrap()
}

#[tokio::test]
async fn the_buckets_and_quota_match_a_naive_count() {
    let ctx = fixture::company().everything();
    let out = forecast(&ctx, None).await;
    let quarter = DateRange::quarter_of(fixture::company().today);
    let expected = naive::buckets(&fixture::company().data, quarter, None);
    assert_eq!(out.period, quarter);
    assert_eq!(
        (
            out.closed_won,
            out.commit,
            out.best_case,
            out.pipeline,
            out.open_deals
        ),
        (
            expected.closed,
            expected.commit,
            expected.best_case,
            expected.pipeline,
            expected.open_deals
        )
    );
    assert!(expected.open_deals > 0 && expected.closed > 0);
    assert_eq!(out.quota, naive::rep_quota(&fixture::company().data, None));
    assert_eq!(out.quota_basis.quarters, 1.0);
}

#[tokio::test]
async fn the_range_is_ordered_and_the_gap_reconciles() {
    let ctx = fixture::company().everything();
    let out = forecast(&ctx, None).await;
    assert!(out.p10 <= out.p50 && out.p50 <= out.p90, "{out:?}");
    assert!(out.p10 >= out.closed_won);
    assert!(out.slip_adjusted_expected <= out.closed_won + out.model_expected + 1);
    assert!((0.0..=1.0).contains(&out.confidence.score));
    assert!((0.0..=1.0).contains(&out.quota_attainment_rate));
    let gap = out.quota - (out.closed_won + out.model_expected);
    assert!(
        (out.gap_to_quota - gap).abs() <= 1,
        "{} vs {gap}",
        out.gap_to_quota
    );
    let rate = out.gap_rate.unwrap();
    assert!((rate - out.gap_to_quota as f64 / out.quota as f64).abs() < 1e-4);
}

#[tokio::test]
async fn model_expected_is_the_sum_of_the_reported_probabilities() {
    let ctx = fixture::company().everything();
    let out = forecast(&ctx, None).await;
    let risk = all_at_risk(&ctx, None).await;
    assert_eq!(risk.deals.len(), out.open_deals);
    assert_eq!(risk.open_deals, out.open_deals);
    let sum: f64 = risk
        .deals
        .iter()
        .map(|d| d.amount as f64 * d.win_probability)
        .sum();
    assert!(
        (sum - out.model_expected as f64).abs() <= 1.0,
        "{sum} vs {}",
        out.model_expected
    );
    let exposure: f64 = risk
        .deals
        .iter()
        .map(|d| d.amount as f64 * (1.0 - d.win_probability))
        .sum();
    assert!((exposure - risk.total_exposure as f64).abs() <= 1.0);
}

#[tokio::test]
async fn the_gap_drivers_are_the_largest_shortfalls_in_order() {
    let ctx = fixture::company().everything();
    let out = forecast(&ctx, None).await;
    let risk = all_at_risk(&ctx, None).await;
    assert_eq!(out.drivers.len(), risk.deals.len().min(5));
    for pair in out.drivers.windows(2) {
        assert!(pair[0].expected_shortfall >= pair[1].expected_shortfall);
    }
    for (driver, row) in out.drivers.iter().zip(&risk.deals) {
        assert_eq!(driver.deal_id, row.deal_id);
        let shortfall = driver.amount as f64 * (1.0 - driver.win_probability);
        assert!((driver.expected_shortfall as f64 - shortfall).abs() <= 0.5);
        assert!(!driver.driver.is_empty());
        assert_eq!(Some(&driver.driver), row.drivers.first());
    }
    let cited: Vec<&str> = out.sources.iter().map(|s| s.id()).collect();
    assert!(
        out.drivers
            .iter()
            .all(|d| cited.contains(&d.deal_id.as_str()))
    );
}

#[tokio::test]
async fn at_risk_deals_are_ranked_by_exposure_and_limited() {
    let ctx = fixture::company().everything();
    let args = AtRiskDealsArgs {
        period: None,
        region: None,
        limit: 3,
    };
    let top = AtRiskDealsTool.call(&ctx, args).await.unwrap();
    let all = all_at_risk(&ctx, None).await;
    assert_eq!(top.deals.len(), 3.min(all.deals.len()));
    assert_eq!(top.deals[..], all.deals[..top.deals.len()]);
    assert_eq!(top.total_exposure, all.total_exposure);
    let quarter = DateRange::quarter_of(fixture::company().today);
    for pair in all.deals.windows(2) {
        assert!(pair[0].exposure >= pair[1].exposure);
    }
    for d in &all.deals {
        assert!(quarter.contains(d.close_date));
        assert!((0.0..=1.0).contains(&d.win_probability));
        assert!((d.exposure as f64 - d.amount as f64 * (1.0 - d.win_probability)).abs() <= 0.5);
        assert!(!d.drivers.is_empty() && d.drivers.len() <= 3);
    }
    let zero = AtRiskDealsArgs {
        period: None,
        region: None,
        limit: 0,
    };
    let refused = AtRiskDealsTool.call(&ctx, zero).await;
    assert!(matches!(refused, Err(ToolError::InvalidArgs { .. })));
}

#[tokio::test]
async fn two_calls_give_the_same_answers() {
    let ctx = fixture::company().everything();
    assert_eq!(forecast(&ctx, None).await, forecast(&ctx, None).await);
    assert_eq!(all_at_risk(&ctx, None).await, all_at_risk(&ctx, None).await);
}

#[test]
fn training_and_scoring_are_deterministic() {
    use crate::forecast::live::LiveForecast;
    let one = LiveForecast::build(&fixture::company().data, fixture::company().today).unwrap();
    let two = LiveForecast::build(&fixture::company().data, fixture::company().today).unwrap();
    let probabilities = |l: &LiveForecast| {
        l.open
            .iter()
            .map(|(id, o)| (id.clone(), o.probability))
            .collect::<Vec<_>>()
    };
    assert_eq!(probabilities(&one), probabilities(&two));
}

#[tokio::test]
async fn a_partial_period_prorates_the_quota_by_days() {
    let ctx = fixture::company().everything();
    let quarter = DateRange::quarter_of(fixture::company().today);
    let month = DateRange {
        from: quarter.from,
        to: quarter.from + chrono::Duration::days(30),
    };
    let args = ForecastArgs {
        period: Some(month),
        region: None,
    };
    let out = ForecastTool.call(&ctx, args).await.unwrap();
    let days_in_quarter = quarter.days() as f64;
    let expected = naive::rep_quota(&fixture::company().data, None) as f64 * 31.0 / days_in_quarter;
    assert_eq!(out.quota, expected.round() as i64);
    let b = naive::buckets(&fixture::company().data, month, None);
    assert_eq!((out.closed_won, out.commit), (b.closed, b.commit));
}
