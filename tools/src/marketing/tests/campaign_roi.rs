//! `campaign_roi`: touched leads and influenced pipeline recomputed by plain loops, ROI
//! recomputed from the output's own numbers, credits equal to the attribution tool's for the
//! same window, and scoping of regional campaigns.

use std::collections::{BTreeMap, BTreeSet};

use revpulse_graph::model::{Campaign, CompanyDataset, Stage};
use serde_json::json;

use super::super::attribution::AttributionTool;
use super::super::campaign_roi::{CampaignRoiOutput, CampaignRoiTool};
use super::{Caller, busiest_region, company, region_of_account};
use crate::{Scope, Source, ToolError};

/// Leads the campaign touched, optionally only those of one region's accounts.
fn naive_touched_leads(ds: &CompanyDataset, campaign: &str, region: Option<&str>) -> u64 {
    let leads: BTreeSet<&str> = ds
        .touches
        .iter()
        .filter(|t| t.campaign_id == campaign)
        .map(|t| t.lead_id.as_str())
        .filter(|lead| {
            region.is_none_or(|r| {
                let lead = ds.leads.iter().find(|l| l.id == *lead).unwrap();
                region_of_account(ds, &lead.account_id) == r
            })
        })
        .collect();
    leads.len() as u64
}

/// Amount of open and won deals whose converted lead the campaign touched (by the win day).
fn naive_influenced_pipeline(ds: &CompanyDataset, campaign: &str) -> (u64, i64) {
    let (mut deals, mut amount) = (0, 0);
    for deal in ds
        .opportunities
        .iter()
        .filter(|o| o.stage != Stage::ClosedLost)
    {
        let touched = ds.leads.iter().any(|lead| {
            lead.converted_opportunity_id.as_deref() == Some(deal.id.as_str())
                && ds.touches.iter().any(|t| {
                    t.lead_id == lead.id
                        && t.campaign_id == campaign
                        && (deal.stage != Stage::ClosedWon || t.at.date_naive() <= deal.close_date)
                })
        });
        if touched {
            deals += 1;
            amount += deal.amount;
        }
    }
    (deals, amount)
}

/// The global campaign whose leads converted to the most open or won deals (ties by id).
fn busiest_global_campaign(ds: &CompanyDataset) -> &Campaign {
    let mut best: Option<(u64, &Campaign)> = None;
    for campaign in ds.campaigns.iter().filter(|c| c.region_id.is_none()) {
        let (deals, _) = naive_influenced_pipeline(ds, &campaign.id);
        if best.is_none_or(|(n, b)| deals > n || (deals == n && campaign.id < b.id)) {
            best = Some((deals, campaign));
        }
    }
    best.unwrap().1
}

fn assert_roi_follows_from_the_numbers(out: &CampaignRoiOutput) {
    assert_eq!(out.models.len(), 9);
    for m in &out.models {
        let expected =
            (out.cost > 0).then(|| (m.influenced_revenue - out.cost) as f64 / out.cost as f64);
        assert_eq!(m.roi, expected, "{:?}", m.model);
    }
}

#[tokio::test]
async fn a_campaigns_leads_pipeline_and_roi_match_the_records() {
    let ds = company();
    let campaign = busiest_global_campaign(ds);
    let caller = Caller::everything();
    let args = json!({ "campaign": campaign.id });
    let out = caller.call(CampaignRoiTool, args.clone()).await;
    assert_eq!(out.campaign.id, campaign.id);
    assert_eq!(out.campaign.region, None);
    assert_eq!(out.cost, campaign.cost);
    assert_eq!(out.period.from, campaign.start_date);
    assert_eq!(
        out.touched_leads,
        naive_touched_leads(ds, &campaign.id, None)
    );
    let (deals, pipeline) = naive_influenced_pipeline(ds, &campaign.id);
    assert!(deals > 0, "the fixture campaign must influence deals");
    assert_eq!(
        (out.influenced_deals, out.influenced_pipeline),
        (deals, pipeline)
    );
    assert!(out.touched_won_revenue <= out.influenced_pipeline);
    assert_roi_follows_from_the_numbers(&out);
    assert!(
        out.sources
            .contains(&Source::record("Campaign", &campaign.id, &campaign.name))
    );
    assert_eq!(caller.call(CampaignRoiTool, args).await, out);
}

#[tokio::test]
async fn credited_revenue_is_the_attribution_tools_credit_for_the_same_window() {
    let ds = company();
    let campaign = busiest_global_campaign(ds);
    let caller = Caller::everything();
    let roi = caller
        .call(CampaignRoiTool, json!({ "campaign": campaign.id }))
        .await;
    let attribution = caller
        .call(
            AttributionTool,
            json!({ "period": roi.period, "limit": 100 }),
        )
        .await;
    let credited: BTreeMap<String, i64> = roi
        .models
        .iter()
        .map(|m| (m.model.as_str().to_owned(), m.influenced_revenue))
        .collect();
    match attribution
        .campaigns
        .iter()
        .find(|c| c.campaign_id == campaign.id)
    {
        Some(row) => assert_eq!(row.credit, credited),
        None => assert!(credited.values().all(|v| *v == 0)),
    }
}

#[tokio::test]
async fn a_free_campaign_has_no_roi() {
    let mut ds = company().clone();
    let id = busiest_global_campaign(company()).id.clone();
    ds.campaigns.iter_mut().find(|c| c.id == id).unwrap().cost = 0;
    let out = Caller::over(ds, Scope::everything("cmo"))
        .call(CampaignRoiTool, json!({ "campaign": id }))
        .await;
    assert_eq!(out.cost, 0);
    assert!(out.models.iter().all(|m| m.roi.is_none()));
}

#[tokio::test]
async fn a_regional_caller_sees_its_leads_only_and_no_other_regions_campaign() {
    let ds = company();
    let region = busiest_region(ds);
    let caller = Caller::region(&region);
    let global = busiest_global_campaign(ds);
    let out = caller
        .call(CampaignRoiTool, json!({ "campaign": global.id }))
        .await;
    assert_eq!(
        out.touched_leads,
        naive_touched_leads(ds, &global.id, Some(&region))
    );
    assert_roi_follows_from_the_numbers(&out);
    let elsewhere = ds
        .campaigns
        .iter()
        .find(|c| c.region_id.as_ref().is_some_and(|r| *r != region))
        .unwrap();
    let e = caller
        .fail(CampaignRoiTool, json!({ "campaign": elsewhere.id }))
        .await;
    assert!(matches!(
        e,
        ToolError::NotFound {
            what: "campaign",
            ..
        }
    ));
    let e = Caller::everything()
        .fail(CampaignRoiTool, json!({ "campaign": "CMP-NOPE" }))
        .await;
    assert!(matches!(
        e,
        ToolError::NotFound {
            what: "campaign",
            ..
        }
    ));
}
