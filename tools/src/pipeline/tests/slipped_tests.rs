//! `slipped_deals`: pushes, days pushed and regressions equal plain counts over the history
//! records; a region VP sees only their region's deals.

use revpulse_graph::model::Stage;
use serde_json::json;

use super::fixture::{Company, call, company};
use super::naive;
use crate::ToolError;
use crate::pipeline::slipped::SlippedDealsOutput;

/// (pushes, days pushed, regressions) of a deal by today, counted plainly.
fn plain_slips(c: &Company, id: &str) -> (u32, i64, u32) {
    let closes = naive::close_path(&c.data, id, c.today);
    let mut pushes = 0;
    let mut days = 0;
    for i in 1..closes.len() {
        if closes[i] > closes[i - 1] {
            pushes += 1;
            days += (closes[i] - closes[i - 1]).num_days();
        }
    }
    let stages = naive::stage_path(&c.data, id, c.today);
    let rank = |s: Stage| if s.is_open() { s.order() } else { 5 };
    let regressions = (1..stages.len())
        .filter(|&i| rank(stages[i].1) < rank(stages[i - 1].1))
        .count();
    (pushes, days, regressions as u32)
}

#[tokio::test]
async fn slipped_deals_equal_plain_push_counts() {
    let c = company();
    let out: SlippedDealsOutput = call(
        &c.everything(),
        "slipped_deals",
        json!({ "min_pushes": 1, "limit": 1000 }),
    )
    .await
    .unwrap();
    let mut want = Vec::new();
    for o in &c.data.opportunities {
        let t = naive::then(&c.data, o, c.today).unwrap();
        if !t.stage.unwrap().is_open() {
            continue;
        }
        let (pushes, days, regressions) = plain_slips(c, &o.id);
        if pushes + regressions >= 1 {
            want.push((
                std::cmp::Reverse((pushes, t.amount)),
                o.id.clone(),
                days,
                regressions,
            ));
        }
    }
    want.sort();
    assert!(!want.is_empty());
    assert_eq!(out.total_matching, want.len());
    let got: Vec<_> = out
        .deals
        .iter()
        .map(|d| {
            (
                std::cmp::Reverse((d.pushes, d.amount)),
                d.deal_id.clone(),
                d.days_pushed,
                d.regressions,
            )
        })
        .collect();
    assert_eq!(got, want);
    let first = &out.deals[0];
    assert_eq!(
        first.first_close_date,
        naive::close_path(&c.data, &first.deal_id, c.today)
            .first()
            .copied()
    );
    let limited: SlippedDealsOutput = call(
        &c.everything(),
        "slipped_deals",
        json!({ "min_pushes": 1, "limit": 3 }),
    )
    .await
    .unwrap();
    assert_eq!(limited.deals, out.deals[..out.deals.len().min(3)].to_vec());
    assert_eq!(limited.sources.len(), limited.deals.len());
    let twice: SlippedDealsOutput = call(&c.everything(), "slipped_deals", json!({}))
        .await
        .unwrap();
    let slipped_twice = want.iter().filter(|w| (w.0).0.0 + w.3 >= 2).count();
    assert_eq!(twice.total_matching, slipped_twice);
    let with_closed: SlippedDealsOutput = call(
        &c.everything(),
        "slipped_deals",
        json!({ "include_closed": true }),
    )
    .await
    .unwrap();
    assert!(with_closed.total_matching > out.total_matching);
}

#[tokio::test]
async fn slipped_deals_stay_in_the_callers_region() {
    let c = company();
    let regions = c.regions();
    let mine = &regions[2];
    let out: SlippedDealsOutput = call(
        &c.region_vp(mine),
        "slipped_deals",
        json!({ "min_pushes": 1, "limit": 500 }),
    )
    .await
    .unwrap();
    let all: SlippedDealsOutput = call(
        &c.everything(),
        "slipped_deals",
        json!({ "min_pushes": 1, "limit": 500, "region": mine }),
    )
    .await
    .unwrap();
    assert_eq!(out.deals, all.deals);
    for d in &out.deals {
        let deal = c
            .data
            .opportunities
            .iter()
            .find(|o| o.id == d.deal_id)
            .unwrap();
        assert_eq!(c.region_of(&deal.account_id), mine);
    }
    let refused = call::<SlippedDealsOutput>(
        &c.region_vp(mine),
        "slipped_deals",
        json!({ "region": regions[0] }),
    )
    .await;
    assert!(
        matches!(refused, Err(ToolError::NotFound { .. })),
        "{refused:?}"
    );
}
