//! `funnel`: one region's counts recomputed by plain loops over leads and stage changes, the
//! history window, the worst drop and its volume, and region scoping.

use chrono::NaiveDate;
use revpulse_graph::model::{CompanyDataset, LeadStatus, Stage};

use serde_json::json;

use super::super::funnel::{FunnelOutput, FunnelTool};
use super::super::funnel_report::FunnelStep;
use super::{Caller, busiest_region, company, region_of_account, today};
use crate::{DateRange, Scope, ToolError};

fn last_quarter() -> DateRange {
    DateRange::new(
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        "test",
    )
    .unwrap()
}

/// (entered, converted, dropped) of the lead → MQL step for leads created in `window`.
fn naive_lead_step(ds: &CompanyDataset, region: &str, window: DateRange) -> (u64, u64, u64) {
    let (mut entered, mut converted, mut dropped) = (0, 0, 0);
    for lead in &ds.leads {
        let created = lead.created_at.date_naive();
        if region_of_account(ds, &lead.account_id) != region || !window.contains(created) {
            continue;
        }
        entered += 1;
        if lead.mql_at.is_some_and(|m| m.date_naive() <= today()) {
            converted += 1;
        } else if lead.status == LeadStatus::Disqualified || (today() - created).num_days() > 45 {
            dropped += 1;
        }
    }
    (entered, converted, dropped)
}

/// (entered, converted, dropped) of the proposal → negotiation step: a deal enters on the
/// first day it stood at proposal or beyond, converts on the first day at negotiation or beyond.
fn naive_proposal_step(ds: &CompanyDataset, region: &str, window: DateRange) -> (u64, u64, u64) {
    let (mut entered, mut converted, mut dropped) = (0, 0, 0);
    for deal in &ds.opportunities {
        if region_of_account(ds, &deal.account_id) != region {
            continue;
        }
        let first_at = |order: u8| {
            ds.stage_changes
                .iter()
                .filter(|c| c.opportunity_id == deal.id && c.to != Stage::ClosedLost)
                .filter(|c| c.to.order() >= order)
                .map(|c| c.at.date_naive())
                .min()
        };
        let Some(entered_on) = first_at(3).filter(|d| window.contains(*d)) else {
            continue;
        };
        entered += 1;
        if first_at(4).is_some_and(|d| d <= today()) {
            converted += 1;
        } else if deal.stage == Stage::ClosedLost || (today() - entered_on).num_days() > 90 {
            dropped += 1;
        }
    }
    (entered, converted, dropped)
}

fn step<'a>(out: &'a FunnelOutput, region: &str, from: &str) -> &'a FunnelStep {
    let region = out.regions.iter().find(|r| r.region_id == region).unwrap();
    region.stages.iter().find(|s| s.from_stage == from).unwrap()
}

fn counts(s: &FunnelStep) -> (u64, u64, u64) {
    (s.entered, s.converted, s.dropped)
}

#[tokio::test]
async fn one_regions_counts_match_plain_loops_over_leads_and_stage_changes() {
    let ds = company();
    let region = busiest_region(ds);
    let out = Caller::everything()
        .call(FunnelTool, json!({ "period": last_quarter() }))
        .await;
    let history = DateRange::new(
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
        "test",
    )
    .unwrap();
    assert_eq!((out.period, out.history), (last_quarter(), history));
    let lead = step(&out, &region, "lead");
    assert_eq!(counts(lead), naive_lead_step(ds, &region, last_quarter()));
    assert!(
        lead.entered > 0,
        "the fixture must have leads in the quarter"
    );
    assert_eq!(
        lead.history_entered,
        naive_lead_step(ds, &region, history).0
    );
    let (_, converted, dropped) = naive_lead_step(ds, &region, history);
    let rate = converted as f64 / (converted + dropped) as f64;
    assert!((lead.history_rate.unwrap() - rate).abs() < 1e-12);
    let proposal = step(&out, &region, "proposal");
    assert_eq!(
        counts(proposal),
        naive_proposal_step(ds, &region, last_quarter())
    );
    assert_eq!(proposal.to_stage, "negotiation");
    for s in &out
        .regions
        .iter()
        .find(|r| r.region_id == region)
        .unwrap()
        .stages
    {
        assert_eq!(s.entered, s.converted + s.dropped + s.pending);
        let judged = s.converted + s.dropped;
        assert_eq!(s.conversion_rate.is_some(), judged > 0);
        if let (Some(now), Some(before)) = (s.conversion_rate, s.history_rate) {
            assert!((s.change.unwrap() - (now - before)).abs() < 1e-12);
            assert!(s.p_value.is_some());
            assert_eq!(s.significant, s.p_value.unwrap() < 0.05);
        }
    }
}

#[tokio::test]
async fn every_visible_region_is_compared_and_its_worst_drop_is_the_steepest_significant_fall() {
    let ds = company();
    let out = Caller::everything().call(FunnelTool, json!({})).await;
    assert_eq!(out.period, DateRange::quarter_of(today()));
    let mut ids: Vec<&str> = ds.regions.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    let listed: Vec<&str> = out.regions.iter().map(|r| r.region_id.as_str()).collect();
    assert_eq!(listed, ids);
    for region in &out.regions {
        assert_eq!(region.stages.len(), 3 + 5);
        let falls = region
            .stages
            .iter()
            .filter(|s| s.significant && s.change.is_some_and(|c| c < 0.0));
        let steepest = falls.map(|s| s.change.unwrap()).reduce(f64::min);
        assert_eq!(region.worst_drop.as_ref().and_then(|s| s.change), steepest);
        assert_eq!(region.worst_drop.is_some(), region.volume_behind.is_some());
        let Some(volume) = &region.volume_behind else {
            continue;
        };
        if volume.funnel == "opportunity" {
            let at: Vec<_> = ds
                .opportunities
                .iter()
                .filter(|o| o.stage.as_str() == volume.stage)
                .filter(|o| region_of_account(ds, &o.account_id) == region.region_id)
                .collect();
            assert_eq!(volume.count, at.len() as u64);
            assert_eq!(volume.amount, Some(at.iter().map(|o| o.amount).sum()));
        }
    }
    let again = Caller::everything().call(FunnelTool, json!({})).await;
    assert_eq!(again, out);
}

#[tokio::test]
async fn a_regional_caller_gets_its_own_region_only_and_the_same_numbers() {
    let ds = company();
    let region = busiest_region(ds);
    let args = json!({ "period": last_quarter(), "history_periods": 2 });
    let mine = Caller::region(&region).call(FunnelTool, args.clone()).await;
    assert_eq!(mine.regions.len(), 1);
    let all = Caller::everything().call(FunnelTool, args).await;
    let same = all.regions.iter().find(|r| r.region_id == region).unwrap();
    assert_eq!(&mine.regions[0], same);
    let other = ds.regions.iter().find(|r| r.id != region).unwrap();
    let e = Caller::region(&region)
        .fail(FunnelTool, json!({ "region": other.id }))
        .await;
    assert!(matches!(e, ToolError::NotFound { what: "region", .. }));
    let e = Caller::everything()
        .fail(FunnelTool, json!({ "region": "ATLANTIS" }))
        .await;
    assert!(matches!(e, ToolError::NotFound { .. }));
    let owner = ds.opportunities[0].owner_id.clone();
    let rep = Caller::new(Scope::granted("rep", Vec::new(), [owner], Vec::new()));
    let e = rep.fail(FunnelTool, json!({})).await;
    assert!(matches!(e, ToolError::NotEnoughData { .. }));
}

#[tokio::test]
async fn history_of_a_custom_window_is_the_windows_of_the_same_length_before_it() {
    let period = DateRange::new(
        NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
        NaiveDate::from_ymd_opt(2025, 2, 10).unwrap(),
        "test",
    )
    .unwrap();
    let out = Caller::everything()
        .call(
            FunnelTool,
            json!({ "period": period, "history_periods": 3 }),
        )
        .await;
    assert_eq!(
        out.history.to,
        NaiveDate::from_ymd_opt(2025, 1, 31).unwrap()
    );
    assert_eq!(out.history.days(), 30);
    let e = Caller::everything()
        .fail(FunnelTool, json!({ "history_periods": 0 }))
        .await;
    assert!(matches!(e, ToolError::InvalidArgs { .. }));
}

#[tokio::test]
async fn a_region_whose_leads_stopped_qualifying_drops_at_the_lead_stage() {
    let mut ds = company().clone();
    let region = busiest_region(&ds);
    let regions: std::collections::BTreeMap<String, String> = ds
        .accounts
        .iter()
        .map(|a| (a.id.clone(), a.region_id.clone()))
        .collect();
    for lead in ds.leads.iter_mut() {
        if regions[&lead.account_id] == region
            && last_quarter().contains(lead.created_at.date_naive())
        {
            lead.mql_at = None;
            lead.sql_at = None;
            lead.status = LeadStatus::Disqualified;
            lead.converted_opportunity_id = None;
        }
    }
    let out = Caller::over(ds.clone(), Scope::everything("cmo"))
        .call(
            FunnelTool,
            json!({ "period": last_quarter(), "region": region }),
        )
        .await;
    let funnel = &out.regions[0];
    let drop = funnel.worst_drop.as_ref().unwrap();
    assert_eq!(
        (drop.funnel.as_str(), drop.from_stage.as_str()),
        ("lead", "lead")
    );
    assert_eq!(drop.converted, 0);
    assert!(drop.significant && drop.p_value.unwrap() < 0.05);
    let waiting = ds
        .leads
        .iter()
        .filter(|l| regions[&l.account_id] == region)
        .filter(|l| l.status != LeadStatus::Disqualified && l.mql_at.is_none())
        .count();
    let volume = funnel.volume_behind.as_ref().unwrap();
    assert_eq!(
        (volume.stage.as_str(), volume.count, volume.amount),
        ("lead", waiting as u64, None)
    );
}
