//! `deal_detail`, `deal_risk` and `next_best_actions` on single deals: the detail mirrors the
//! records, risk wording is computed from the activities, actions answer the drivers.

use revpulse_analytics::win_probability::FeatureId;
use revpulse_graph::model::{Opportunity, Stage};

use super::{fixture, naive};
use crate::forecast::deal_detail::{DealChange, DealDetailArgs, DealDetailTool};
use crate::forecast::deal_risk::{DealRiskArgs, DealRiskOutput, DealRiskTool};
use crate::forecast::next_best_actions::{NextBestActionsArgs, NextBestActionsTool};
use crate::{Tool, ToolContext, ToolError};

fn cro() -> ToolContext {
    fixture::company().everything()
}

async fn risk(deal_id: &str) -> DealRiskOutput {
    let args = DealRiskArgs {
        deal_id: deal_id.to_owned(),
    };
    DealRiskTool.call(&cro(), args).await.unwrap()
}

fn open_deals() -> impl Iterator<Item = &'static Opportunity> {
    fixture::company()
        .data
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open())
}

/// An open deal whose exec sponsor or economic buyer last took part more than 30 days ago.
fn deal_without_recent_executive() -> (&'static Opportunity, i64) {
    open_deals()
        .find_map(|o| {
            naive::days_since_executive(&fixture::company().data, &o.id, fixture::company().today)
                .filter(|d| *d > 30)
                .map(|d| (o, d))
        })
        .unwrap()
}

#[tokio::test]
async fn the_detail_mirrors_the_records() {
    let ds = &fixture::company().data;
    let busiest = open_deals()
        .max_by_key(|o| {
            let n = ds
                .activities
                .iter()
                .filter(|a| a.opportunity_id.as_deref() == Some(&o.id))
                .count();
            (n, std::cmp::Reverse(o.id.clone()))
        })
        .unwrap();
    let args = DealDetailArgs {
        deal_id: busiest.id.clone(),
    };
    let out = DealDetailTool.call(&cro(), args).await.unwrap();
    let d = &out.deal;
    assert_eq!(
        (d.id.as_str(), d.amount, d.close_date),
        (busiest.id.as_str(), busiest.amount, busiest.close_date)
    );
    assert_eq!(d.stage, busiest.stage.as_str());
    assert_eq!(d.forecast_category, busiest.forecast_category.as_str());
    assert_eq!(d.primary_competitor, busiest.primary_competitor);
    let account = ds
        .accounts
        .iter()
        .find(|a| a.id == busiest.account_id)
        .unwrap();
    assert_eq!(d.account_name, account.name);
    let changes = |id: &str| {
        ds.stage_changes
            .iter()
            .filter(|c| c.opportunity_id == id)
            .count()
            + ds.amount_changes
                .iter()
                .filter(|c| c.opportunity_id == id)
                .count()
            + ds.close_date_changes
                .iter()
                .filter(|c| c.opportunity_id == id)
                .count()
    };
    assert_eq!(out.history.len(), changes(&busiest.id));
    assert!(out.history.windows(2).all(|w| w[0].at <= w[1].at));
    let last_stage = out.history.iter().rev().find_map(|h| match &h.change {
        DealChange::Stage { to, .. } => Some(to.clone()),
        _ => None,
    });
    assert_eq!(last_stage.as_deref(), Some(busiest.stage.as_str()));
    let committee = ds
        .opportunity_contacts
        .iter()
        .filter(|r| r.opportunity_id == busiest.id)
        .count();
    assert_eq!(out.buying_committee.len(), committee);
    let mut activities: Vec<_> = ds
        .activities
        .iter()
        .filter(|a| a.opportunity_id.as_deref() == Some(&busiest.id))
        .collect();
    activities.sort_by(|a, b| (b.at, &b.id).cmp(&(a.at, &a.id)));
    assert_eq!(out.recent_activities.len(), activities.len().min(10));
    assert_eq!(out.recent_activities[0].id, activities[0].id);
    assert_eq!(
        out.recent_activities[0].contact_count,
        activities[0].contact_ids.len()
    );
    assert_eq!(out.sources[0].id(), busiest.id);
}

#[tokio::test]
async fn risk_wording_is_computed_from_the_activities() {
    let (deal, days) = deal_without_recent_executive();
    let out = risk(&deal.id).await;
    let flag = out
        .risk_flags
        .iter()
        .find(|f| f.rule_id == "no_executive_engagement")
        .unwrap();
    assert_eq!(
        flag.reason,
        format!("no exec-sponsor engagement in {days} days")
    );
    assert!(
        flag.evidence.contains(&format!("({days} days ago)")),
        "{}",
        flag.evidence
    );
}

#[tokio::test]
async fn risk_explains_the_probability_in_both_directions() {
    let (deal, _) = deal_without_recent_executive();
    let out = risk(&deal.id).await;
    assert_eq!(out.deal_id, deal.id);
    assert!((0.0..=1.0).contains(&out.win_probability));
    assert!((0.0..=1.0).contains(&out.confidence.score));
    assert!(!out.drivers_up.is_empty() || !out.drivers_down.is_empty());
    assert!(out.drivers_up.iter().all(|d| d.effect >= 0.0));
    assert!(out.drivers_down.iter().all(|d| d.effect <= 0.0));
    assert!(!out.similar_deals.is_empty());
    let ds = &fixture::company().data;
    for s in &out.similar_deals {
        assert!(s.similarity > 0.0 && s.similarity <= 1.0);
        let past = ds.opportunities.iter().find(|o| o.id == s.deal_id).unwrap();
        assert!(!past.stage.is_open());
        assert_ne!(past.id, deal.id);
    }
    let rule_ids = [
        "no_recent_activity",
        "single_threaded",
        "no_executive_engagement",
        "close_date_pushed",
        "stalled_in_stage",
        "pricing_not_discussed",
    ];
    assert!(
        out.risk_flags
            .iter()
            .all(|f| rule_ids.contains(&f.rule_id.as_str()))
    );
    assert_eq!(out, risk(&deal.id).await);
}

#[tokio::test]
async fn a_closed_deal_has_no_risk_score() {
    let won = fixture::company()
        .data
        .opportunities
        .iter()
        .find(|o| o.stage == Stage::ClosedWon)
        .unwrap();
    let args = DealRiskArgs {
        deal_id: won.id.clone(),
    };
    let out = DealRiskTool.call(&cro(), args).await;
    assert!(matches!(out, Err(ToolError::InvalidArgs { .. })), "{out:?}");
}

#[tokio::test]
async fn actions_answer_the_drivers_in_priority_order() {
    let (deal, _) = deal_without_recent_executive();
    let args = NextBestActionsArgs {
        deal_id: deal.id.clone(),
    };
    let out = NextBestActionsTool
        .call(&cro(), args.clone())
        .await
        .unwrap();
    assert!(!out.actions.is_empty());
    let priorities: Vec<usize> = out.actions.iter().map(|a| a.priority).collect();
    assert_eq!(priorities, (1..=out.actions.len()).collect::<Vec<_>>());
    let rule_ids = [
        "no_recent_activity",
        "single_threaded",
        "no_executive_engagement",
        "close_date_pushed",
        "stalled_in_stage",
        "pricing_not_discussed",
    ];
    for a in &out.actions {
        let known = rule_ids.contains(&a.addresses.as_str())
            || FeatureId::ALL.iter().any(|f| f.key() == a.addresses);
        assert!(known, "{}", a.addresses);
        assert!(a.action.ends_with(')'), "{}", a.action);
    }
    let texts: std::collections::BTreeSet<_> = out.actions.iter().map(|a| &a.action).collect();
    assert_eq!(texts.len(), out.actions.len());
    let exec = out
        .actions
        .iter()
        .find(|a| a.action.contains("exec sponsor"))
        .unwrap();
    assert!(
        exec.action
            .starts_with("Book a meeting with the exec sponsor (no exec-sponsor engagement in ")
            || exec.action.contains("never engaged"),
        "{}",
        exec.action
    );
    assert_eq!(out, NextBestActionsTool.call(&cro(), args).await.unwrap());
}
