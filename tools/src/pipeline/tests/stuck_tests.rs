//! `stuck_deals`: stays and stage medians equal plain counts over the stage history; a region
//! VP sees only their region's deals, and the owner filter keeps one rep's.

use std::collections::BTreeMap;

use revpulse_graph::model::Stage;
use serde_json::json;

use super::fixture::{Company, call, company};
use super::naive;
use crate::ToolError;
use crate::pipeline::stuck::StuckDealsOutput;

/// Completed stays per open stage by today (days, deal id), plainly.
fn plain_stays(c: &Company) -> BTreeMap<Stage, Vec<(i64, String)>> {
    let mut stays: BTreeMap<Stage, Vec<(i64, String)>> = BTreeMap::new();
    for o in &c.data.opportunities {
        let path = naive::stage_path(&c.data, &o.id, c.today);
        for i in 1..path.len() {
            if path[i - 1].1.is_open() {
                let days = (path[i].0 - path[i - 1].0).num_days();
                stays
                    .entry(path[i - 1].1)
                    .or_default()
                    .push((days, o.id.clone()));
            }
        }
    }
    stays
}

fn median(mut values: Vec<i64>) -> f64 {
    values.sort();
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
    }
}

#[tokio::test]
async fn stuck_deals_are_judged_against_plain_stage_medians() {
    let c = company();
    let out: StuckDealsOutput = call(&c.everything(), "stuck_deals", json!({ "limit": 1000 }))
        .await
        .unwrap();
    let stays = plain_stays(c);
    assert_eq!(out.norms.len(), 5);
    for n in &out.norms {
        let stage = Stage::parse(&n.stage).unwrap();
        let seen = stays.get(&stage).cloned().unwrap_or_default();
        assert_eq!(n.stays_observed, seen.len());
        let deals: std::collections::BTreeSet<&String> = seen.iter().map(|(_, id)| id).collect();
        assert_eq!(n.deals_observed, deals.len());
        assert_eq!(
            n.median_days,
            (!seen.is_empty()).then(|| median(seen.iter().map(|s| s.0).collect()))
        );
    }
    let mut want = Vec::new();
    for o in &c.data.opportunities {
        let t = naive::then(&c.data, o, c.today).unwrap();
        let stage = t.stage.unwrap();
        let Some(seen) = stays.get(&stage).filter(|_| stage.is_open()) else {
            continue;
        };
        let norm = median(seen.iter().map(|s| s.0).collect());
        let days = (c.today - t.stage_day.unwrap()).num_days();
        if norm > 0.0 && days as f64 / norm >= 1.5 {
            want.push((o.id.clone(), days));
        }
    }
    want.sort();
    let mut got: Vec<_> = out
        .deals
        .iter()
        .map(|d| (d.deal_id.clone(), d.days_in_stage))
        .collect();
    got.sort();
    assert_eq!(got, want);
    assert!(!want.is_empty());
    assert!(out.deals.windows(2).all(|w| w[0].ratio >= w[1].ratio));
    assert!(
        out.deals.iter().all(|d| d.ratio >= 1.5
            && (d.ratio - d.days_in_stage as f64 / d.stage_norm_days).abs() < 1e-12)
    );
}

#[tokio::test]
async fn stuck_deals_respect_scope_and_filters() {
    let c = company();
    let regions = c.regions();
    let mine = &regions[0];
    let out: StuckDealsOutput = call(
        &c.region_vp(mine),
        "stuck_deals",
        json!({ "min_ratio": 0.0, "limit": 500 }),
    )
    .await
    .unwrap();
    let open_in_region = c
        .data
        .opportunities
        .iter()
        .filter(|o| c.region_of(&o.account_id) == mine)
        .filter(|o| naive::open_amount(&c.data, o, c.today, None).is_some())
        .count();
    assert!(out.total_matching > 0 && out.total_matching <= open_in_region);
    assert!(out.deals.iter().all(|d| {
        let deal = c
            .data
            .opportunities
            .iter()
            .find(|o| o.id == d.deal_id)
            .unwrap();
        c.region_of(&deal.account_id) == mine
    }));
    let again: StuckDealsOutput = call(
        &c.region_vp(mine),
        "stuck_deals",
        json!({ "min_ratio": 0.0, "limit": 500 }),
    )
    .await
    .unwrap();
    assert_eq!(out, again);
    let owner = &c
        .data
        .opportunities
        .iter()
        .find(|o| o.id == out.deals[0].deal_id)
        .unwrap()
        .owner_id;
    let theirs: StuckDealsOutput = call(
        &c.region_vp(mine),
        "stuck_deals",
        json!({ "min_ratio": 0.0, "limit": 500, "owner": owner }),
    )
    .await
    .unwrap();
    let expected: Vec<_> = out
        .deals
        .iter()
        .filter(|d| {
            c.data
                .opportunities
                .iter()
                .any(|o| o.id == d.deal_id && &o.owner_id == owner)
        })
        .cloned()
        .collect();
    assert_eq!(theirs.deals, expected);
    let bad =
        call::<StuckDealsOutput>(&c.everything(), "stuck_deals", json!({ "min_ratio": -1.0 }))
            .await;
    assert!(matches!(bad, Err(ToolError::InvalidArgs { .. })), "{bad:?}");
}
