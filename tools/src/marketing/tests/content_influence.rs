//! `content_influence`: every row recomputed by plain loops over closed deals, leads and
//! touches; the order; the default window; region scoping.

use chrono::NaiveDate;
use revpulse_graph::model::{CompanyDataset, ContentKind, Opportunity, Stage};
use serde_json::json;

use super::super::content_influence::{ContentInfluenceOutput, ContentInfluenceTool, ContentRow};
use super::{Caller, busiest_region, company, region_of_account, today};
use crate::DateRange;

/// Non-renewal deals closed in `period`, optionally in one region.
fn closed_deals<'a>(
    ds: &'a CompanyDataset,
    period: DateRange,
    region: Option<&str>,
) -> Vec<&'a Opportunity> {
    ds.opportunities
        .iter()
        .filter(|o| !o.stage.is_open() && o.deal_type != "renewal")
        .filter(|o| period.contains(o.close_date))
        .filter(|o| region.is_none_or(|r| region_of_account(ds, &o.account_id) == r))
        .collect()
}

/// Whether a campaign with `content` touched a lead converted to `deal` by its close day.
fn touched_by(ds: &CompanyDataset, deal: &Opportunity, content: &str) -> bool {
    ds.leads
        .iter()
        .filter(|l| l.converted_opportunity_id.as_deref() == Some(deal.id.as_str()))
        .any(|lead| {
            ds.touches.iter().any(|t| {
                t.lead_id == lead.id
                    && t.at.date_naive() <= deal.close_date
                    && ds
                        .campaigns
                        .iter()
                        .any(|c| c.id == t.campaign_id && c.content.as_str() == content)
            })
        })
}

fn median(mut days: Vec<f64>) -> Option<f64> {
    days.sort_by(f64::total_cmp);
    let n = days.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(days[n / 2]),
        _ => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
    }
}

fn naive_row(deals: &[&Opportunity], ds: &CompanyDataset, content: &str) -> ContentRow {
    let (touched, untouched): (Vec<&Opportunity>, Vec<&Opportunity>) =
        deals.iter().partition(|d| touched_by(ds, d, content));
    let cycle = |deals: &[&Opportunity]| {
        median(
            deals
                .iter()
                .map(|d| (d.close_date - d.created_on).num_days() as f64)
                .collect(),
        )
    };
    let won_rate = |deals: &[&Opportunity]| {
        let won = deals.iter().filter(|d| d.stage == Stage::ClosedWon).count();
        (!deals.is_empty()).then(|| won as f64 / deals.len() as f64)
    };
    let (with, without) = (cycle(&touched), cycle(&untouched));
    ContentRow {
        content: content.to_owned(),
        deals_touched: touched.len() as u64,
        deals_untouched: untouched.len() as u64,
        median_cycle_days_touched: with,
        median_cycle_days_untouched: without,
        difference_days: with.zip(without).map(|(a, b)| a - b),
        won_rate_touched: won_rate(&touched),
        won_rate_untouched: won_rate(&untouched),
    }
}

fn assert_rows_match(out: &ContentInfluenceOutput, ds: &CompanyDataset, region: Option<&str>) {
    let deals = closed_deals(ds, out.period, region);
    assert_eq!(out.deals_closed, deals.len() as u64);
    assert_eq!(out.rows.len(), 6);
    for row in &out.rows {
        assert_ne!(row.content, ContentKind::None.as_str());
        assert_eq!(row, &naive_row(&deals, ds, &row.content));
    }
}

#[tokio::test]
async fn every_content_row_matches_plain_loops_over_the_last_twelve_months() {
    let ds = company();
    let out = Caller::everything()
        .call(ContentInfluenceTool, json!({}))
        .await;
    let from = NaiveDate::from_ymd_opt(2024, 5, 15).unwrap();
    assert_eq!(out.period, DateRange::new(from, today(), "test").unwrap());
    assert_rows_match(&out, ds, None);
    assert!(
        out.rows.iter().any(|r| r.deals_touched > 0),
        "the fixture must touch deals"
    );
    assert!(out.deals_touched_by_content <= out.deals_closed);
    let order: Vec<f64> = out
        .rows
        .iter()
        .map(|r| r.difference_days.unwrap_or(f64::INFINITY))
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    assert!(!out.sources.is_empty() && out.sources.len() <= 50);
    let again = Caller::everything()
        .call(ContentInfluenceTool, json!({}))
        .await;
    assert_eq!(again, out);
}

#[tokio::test]
async fn a_regional_caller_compares_its_own_regions_deals() {
    let ds = company();
    let region = busiest_region(ds);
    let period = DateRange::new(
        NaiveDate::from_ymd_opt(2023, 7, 1).unwrap(),
        today(),
        "test",
    )
    .unwrap();
    let out = Caller::region(&region)
        .call(ContentInfluenceTool, json!({ "period": period }))
        .await;
    assert_rows_match(&out, ds, Some(&region));
    let all = Caller::everything()
        .call(ContentInfluenceTool, json!({ "period": period }))
        .await;
    assert!(out.deals_closed < all.deals_closed);
}
