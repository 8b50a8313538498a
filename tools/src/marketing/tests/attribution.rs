//! `attribution`: the revenue reconciles to the dollar under every model, the unattributed
//! part is the won revenue no touch reached, a regional caller sees only its region.

use std::collections::BTreeSet;

use chrono::Duration;
use proptest::prelude::*;
use revpulse_graph::model::{CompanyDataset, Stage};
use serde_json::json;

use super::super::attribution::{AttributionOutput, AttributionTool};
use super::{Caller, busiest_region, company, naive_won_revenue, region_of_account, today};
use crate::{DateRange, Source, ToolError};

fn year_to_date() -> DateRange {
    DateRange::new(DateRange::year_of(today()).from, today(), "test").unwrap()
}

fn last_year() -> DateRange {
    let year = DateRange::year_of(today() - Duration::days(366));
    DateRange::new(year.from, year.to, "test").unwrap()
}

/// Every model's credit plus the unattributed revenue is the won revenue, and the listed
/// campaigns plus the unlisted remainder make up each model's credit.
fn assert_reconciles(out: &AttributionOutput) {
    for total in &out.model_totals {
        assert_eq!(
            total.attributed_revenue + out.unattributed_revenue,
            out.won_revenue,
            "{:?}",
            total.model
        );
        let listed: i64 = out
            .campaigns
            .iter()
            .map(|c| c.credit[total.model.as_str()])
            .sum();
        assert_eq!(listed + total.unlisted_revenue, total.attributed_revenue);
    }
}

/// Won revenue in `period` that no visible campaign touched before the win, by plain loops.
fn naive_unattributed(ds: &CompanyDataset, period: DateRange) -> i64 {
    let campaigns: BTreeSet<&str> = ds.campaigns.iter().map(|c| c.id.as_str()).collect();
    let mut revenue = 0;
    for deal in &ds.opportunities {
        if deal.stage != Stage::ClosedWon || !period.contains(deal.close_date) {
            continue;
        }
        let touched = ds.leads.iter().any(|lead| {
            lead.converted_opportunity_id.as_deref() == Some(deal.id.as_str())
                && ds.touches.iter().any(|t| {
                    t.lead_id == lead.id
                        && t.at.date_naive() <= deal.close_date
                        && campaigns.contains(t.campaign_id.as_str())
                })
        });
        if !touched {
            revenue += deal.amount;
        }
    }
    revenue
}

#[tokio::test]
async fn every_model_credits_exactly_the_revenue_won_this_year() {
    let caller = Caller::everything();
    let out = caller.call(AttributionTool, json!({})).await;
    let period = year_to_date();
    assert_eq!(out.period, period);
    let (deals, revenue) = naive_won_revenue(company(), period, None);
    assert!(deals > 0, "the fixture must win deals this year");
    assert_eq!((out.won_deals, out.won_revenue), (deals, revenue));
    assert_eq!(
        out.unattributed_revenue,
        naive_unattributed(company(), period)
    );
    let names: Vec<&str> = out.models.iter().map(|m| m.as_str()).collect();
    assert_eq!(
        names,
        [
            "first_touch",
            "last_touch",
            "linear",
            "u_shaped",
            "w_shaped",
            "full_path",
            "time_decay",
            "markov",
            "shapley"
        ]
    );
    assert!(out.attributed_deals > 0 && out.attributed_deals <= out.won_deals);
    assert_reconciles(&out);
    assert!(!out.campaigns.is_empty() && out.campaigns.len() <= 10);
    let cited: BTreeSet<&str> = out.sources.iter().map(Source::id).collect();
    assert!(
        out.campaigns
            .iter()
            .all(|c| cited.contains(c.campaign_id.as_str()))
    );
}

#[tokio::test]
async fn campaigns_are_ranked_by_mean_credit_and_disagreements_match_the_credits() {
    let caller = Caller::everything();
    let period = last_year();
    let out = caller
        .call(AttributionTool, json!({ "period": period, "limit": 50 }))
        .await;
    assert_eq!(
        out.won_revenue,
        naive_won_revenue(company(), period, None).1
    );
    assert_reconciles(&out);
    let sums: Vec<i64> = out
        .campaigns
        .iter()
        .map(|c| c.credit.values().sum())
        .collect();
    assert!(sums.windows(2).all(|w| w[0] >= w[1]), "{sums:?}");
    assert!(!out.disagreements.is_empty());
    for d in &out.disagreements {
        let Some(row) = out
            .campaigns
            .iter()
            .find(|c| c.campaign_id == d.campaign_id)
        else {
            continue;
        };
        let best = row.credit[d.best_model.as_str()];
        let worst = row.credit[d.worst_model.as_str()];
        assert_eq!(best - worst, d.spread_dollars);
        assert_eq!(best, *row.credit.values().max().unwrap());
        assert_eq!(worst, *row.credit.values().min().unwrap());
    }
    let spreads: Vec<i64> = out.disagreements.iter().map(|d| d.spread_dollars).collect();
    assert!(spreads.windows(2).all(|w| w[0] >= w[1]));
}

#[tokio::test]
async fn asking_for_some_models_runs_only_those_and_repeats_exactly() {
    let caller = Caller::everything();
    let args = json!({ "period": last_year(), "models": ["markov", "first_touch", "markov"] });
    let out = caller.call(AttributionTool, args.clone()).await;
    let names: Vec<&str> = out.models.iter().map(|m| m.as_str()).collect();
    assert_eq!(names, ["markov", "first_touch"]);
    assert!(out.campaigns.iter().all(|c| c.credit.len() == 2));
    assert_reconciles(&out);
    assert_eq!(caller.call(AttributionTool, args).await, out);
}

#[tokio::test]
async fn a_regional_caller_sees_only_its_regions_revenue_and_campaigns() {
    let ds = company();
    let region = busiest_region(ds);
    let caller = Caller::region(&region);
    let period = last_year();
    let out = caller
        .call(AttributionTool, json!({ "period": period, "limit": 100 }))
        .await;
    let (deals, revenue) = naive_won_revenue(ds, period, Some(&region));
    assert_eq!((out.won_deals, out.won_revenue), (deals, revenue));
    assert_reconciles(&out);
    for row in &out.campaigns {
        let campaign = ds
            .campaigns
            .iter()
            .find(|c| c.id == row.campaign_id)
            .unwrap();
        assert!(campaign.region_id.as_ref().is_none_or(|r| *r == region));
    }
    for source in &out.sources {
        if let Source::Record { kind, id, .. } = source
            && kind == "Opportunity"
        {
            let deal = ds.opportunities.iter().find(|o| &o.id == id).unwrap();
            assert_eq!(region_of_account(ds, &deal.account_id), region);
        }
    }
    let everyone = Caller::everything()
        .call(AttributionTool, json!({ "period": period }))
        .await;
    assert!(out.won_revenue < everyone.won_revenue);
}

#[tokio::test]
async fn asked_on_an_earlier_day_later_wins_are_not_seen() {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
    let year = DateRange::year_of(today());
    let out = Caller::everything()
        .on(day)
        .call(AttributionTool, json!({ "period": year }))
        .await;
    let seen = DateRange::new(year.from, day, "test").unwrap();
    let (deals, revenue) = naive_won_revenue(company(), seen, None);
    assert_eq!((out.won_deals, out.won_revenue), (deals, revenue));
    assert!(revenue < naive_won_revenue(company(), year, None).1);
    assert_reconciles(&out);
}

#[tokio::test]
async fn a_period_without_wins_credits_nothing() {
    let period = json!({ "from": "2030-01-01", "to": "2030-03-31" });
    let out = Caller::everything()
        .call(AttributionTool, json!({ "period": period }))
        .await;
    assert_eq!(
        (out.won_deals, out.won_revenue, out.unattributed_revenue),
        (0, 0, 0)
    );
    assert!(out.campaigns.is_empty() && out.disagreements.is_empty());
    assert!(out.model_totals.iter().all(|t| t.attributed_revenue == 0));
}

#[tokio::test]
async fn bad_arguments_are_refused() {
    let caller = Caller::everything();
    let reversed = json!({ "period": { "from": "2025-03-01", "to": "2025-01-01" } });
    let e = caller.fail(AttributionTool, reversed).await;
    assert!(matches!(e, ToolError::InvalidArgs { .. }));
    let e = caller.fail(AttributionTool, json!({ "limit": 0 })).await;
    assert!(matches!(e, ToolError::InvalidArgs { .. }));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]
    #[test]
    fn any_period_reconciles_under_every_model(start in 0i64..700, days in 0i64..400) {
        let from = today() - Duration::days(start);
        let period = DateRange::new(from, from + Duration::days(days), "test").unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let out = runtime.block_on(async {
            Caller::everything()
                .call(AttributionTool, json!({ "period": period }))
                .await
        });
        prop_assert_eq!(out.won_revenue, naive_won_revenue(company(), period, None).1);
        prop_assert_eq!(out.unattributed_revenue, naive_unattributed(company(), period));
        assert_reconciles(&out);
    }
}
