//! `expansion_opportunities`: the customers considered, their ARR and the product lines they
//! do not own equal a plain scan of the contracts; scores are in [0, 1] and rank the list; a
//! region VP sees only their region.

use std::collections::BTreeSet;

use serde_json::json;

use super::fixture::{call, company};
use super::naive;
use crate::ToolError;
use crate::customer::expansion_opportunities::ExpansionOpportunitiesOutput;
use crate::customer::signals::CustomerSignal;

fn customers(region: Option<&str>) -> BTreeSet<String> {
    let c = company();
    c.data
        .accounts
        .iter()
        .filter(|a| region.is_none_or(|r| a.region_id == r))
        .filter(|a| !naive::in_force(&c.data, &a.id, c.today).is_empty())
        .map(|a| a.id.clone())
        .collect()
}

#[tokio::test]
async fn customers_arr_and_product_lines_equal_a_plain_scan() {
    let c = company();
    let out: ExpansionOpportunitiesOutput = call(
        &c.everything(),
        "expansion_opportunities",
        json!({ "limit": 10_000 }),
    )
    .await
    .unwrap();
    let want = customers(None);
    assert_eq!(out.customers_considered, want.len());
    assert!(out.accounts.len() >= 10);
    let growth = [CustomerSignal::SeatPressure, CustomerSignal::UsageGrowth];
    for a in &out.accounts {
        assert!(want.contains(&a.account_id));
        assert!(a.expansion_score > 0.0 && a.expansion_score <= 1.0);
        assert!(!a.signals.is_empty());
        assert_eq!(a.current_arr, naive::arr(&c.data, &a.account_id, c.today));
        let owned: BTreeSet<&str> = naive::in_force(&c.data, &a.account_id, c.today)
            .iter()
            .map(|k| k.product_line_id.as_str())
            .collect();
        let mut suggested: Vec<&str> = c
            .data
            .product_lines
            .iter()
            .map(|p| p.id.as_str())
            .filter(|p| !owned.contains(p))
            .collect();
        suggested.sort();
        let got: Vec<&str> = a
            .suggested_product_lines
            .iter()
            .map(|p| p.product_line_id.as_str())
            .collect();
        assert_eq!(got, suggested);
    }
    for w in out.accounts.windows(2) {
        assert!(
            w[0].expansion_score > w[1].expansion_score
                || (w[0].expansion_score == w[1].expansion_score
                    && w[0].account_id < w[1].account_id)
        );
    }
    assert!(growth.contains(&out.accounts[0].signals[0].signal));
}

#[tokio::test]
async fn a_region_vp_sees_only_their_region() {
    let c = company();
    let regions = c.regions();
    let vp = c.region_vp(&regions[1]);
    let out: ExpansionOpportunitiesOutput =
        call(&vp, "expansion_opportunities", json!({ "limit": 10_000 }))
            .await
            .unwrap();
    assert_eq!(out.customers_considered, customers(Some(&regions[1])).len());
    assert!(out.accounts.iter().all(|a| a.region == regions[1]));
    let refused = call::<ExpansionOpportunitiesOutput>(
        &vp,
        "expansion_opportunities",
        json!({ "region": regions[0] }),
    )
    .await;
    assert!(matches!(
        refused,
        Err(ToolError::NotFound { what: "region", .. })
    ));
    let everyone: ExpansionOpportunitiesOutput = call(
        &c.everything(),
        "expansion_opportunities",
        json!({ "region": regions[1], "limit": 10_000 }),
    )
    .await
    .unwrap();
    assert_eq!(everyone, out);
}

#[tokio::test]
async fn the_limit_keeps_the_top_and_the_answer_is_deterministic() {
    let c = company();
    let all: ExpansionOpportunitiesOutput = call(
        &c.everything(),
        "expansion_opportunities",
        json!({ "limit": 10_000 }),
    )
    .await
    .unwrap();
    let top: ExpansionOpportunitiesOutput =
        call(&c.everything(), "expansion_opportunities", json!({}))
            .await
            .unwrap();
    assert_eq!(top.accounts[..], all.accounts[..10]);
    let again: ExpansionOpportunitiesOutput =
        call(&c.everything(), "expansion_opportunities", json!({}))
            .await
            .unwrap();
    assert_eq!(
        serde_json::to_string(&top).unwrap(),
        serde_json::to_string(&again).unwrap()
    );
}
