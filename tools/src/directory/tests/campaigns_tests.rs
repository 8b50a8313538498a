//! `campaigns`: touch and lead counts equal independent counts over the raw records, filters
//! and orders are the documented ones, and a regional caller sees global campaigns plus its own
//! region's, counted over its own leads only.

use std::collections::BTreeSet;

use chrono::Duration;
use revpulse_graph::model::Campaign;
use serde_json::json;

use super::fixture::{all_ids, call, company};
use super::naive;
use crate::directory::campaigns::CampaignsOutput;

/// Checks a `campaigns` filter against the same filter over the raw records.
async fn check(args: serde_json::Value, keep: impl Fn(&Campaign) -> bool) {
    let c = company();
    let expected = naive::campaigns_by_start(&c.data, keep);
    assert!(
        !expected.is_empty(),
        "{args} matches nothing in the demo data"
    );
    let got = all_ids(&c.everything(), "campaigns", args.clone()).await;
    assert_eq!(got.ids, expected, "{args}");
    assert_eq!(got.total, expected.len() as i64, "{args}");
}

#[tokio::test]
async fn touches_and_leads_equal_independent_counts() {
    let c = company();
    let out: CampaignsOutput = call(&c.everything(), "campaigns", json!({ "limit": 500 }))
        .await
        .unwrap();
    assert_eq!(out.total, c.data.campaigns.len() as i64);
    for row in &out.rows {
        let campaign = c.data.campaigns.iter().find(|k| k.id == row.id).unwrap();
        assert_eq!(
            (row.touches, row.leads),
            naive::reach(&c.data, &row.id, |_| true)
        );
        assert_eq!(
            (row.cost, row.start_date, row.end_date),
            (campaign.cost, campaign.start_date, campaign.end_date)
        );
        assert_eq!(row.region_id, campaign.region_id);
        assert_eq!(json!(row.channel), json!(campaign.channel.as_str()));
    }
    assert!(out.rows.iter().any(|r| r.touches > 0));
}

#[tokio::test]
async fn filters_and_orders_equal_plain_ones() {
    let c = company();
    let channel = c.data.campaigns[0].channel;
    check(json!({ "channel": channel.as_str() }), |k| {
        k.channel == channel
    })
    .await;
    let day = c.data.campaigns[0].start_date + Duration::days(3);
    check(json!({ "active_on": day }), |k| {
        k.start_date <= day && day <= k.end_date
    })
    .await;
    let part = c.data.campaigns[0].name.to_uppercase();
    check(json!({ "name": part }), |k| {
        k.name.to_uppercase().contains(&part)
    })
    .await;
    let mut by_cost: Vec<&Campaign> = c.data.campaigns.iter().collect();
    by_cost.sort_by_key(|k| (-k.cost, k.id.clone()));
    let got = all_ids(&c.everything(), "campaigns", json!({ "sort": "cost_desc" })).await;
    assert_eq!(
        got.ids,
        by_cost.iter().map(|k| k.id.clone()).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_regional_caller_counts_only_its_own_leads() {
    let c = company();
    for region in c.regions() {
        let out: CampaignsOutput =
            call(&c.region_vp(&region), "campaigns", json!({ "limit": 500 }))
                .await
                .unwrap();
        let expected = naive::campaigns_by_start(&c.data, |k| {
            k.region_id.as_ref().is_none_or(|r| *r == region)
        });
        let got: Vec<String> = out.rows.iter().map(|r| r.id.clone()).collect();
        assert_eq!(got, expected, "{region}");
        let leads: BTreeSet<&str> = c
            .data
            .leads
            .iter()
            .filter(|l| c.region_of(&l.account_id) == region)
            .map(|l| l.id.as_str())
            .collect();
        for row in &out.rows {
            let seen = naive::reach(&c.data, &row.id, |l| leads.contains(l));
            assert_eq!((row.touches, row.leads), seen, "{region} {}", row.id);
        }
    }
}
