//! `churn_risk`: the renewals considered (signed renewals left out), their ARR and days to renewal equal a plain scan of
//! the contracts; ARR at risk is ARR × probability and ranks the list; a region VP sees only
//! their region; a caller without enough history is told what data would answer.

use std::collections::BTreeSet;

use chrono::Duration;
use serde_json::json;

use super::fixture::{call, company};
use super::naive;
use crate::ToolError;
use crate::customer::churn_risk::ChurnRiskOutput;
use crate::customer::signals::CustomerSignal;

/// Accounts (visible to `region`, or all) with a contract in force renewing within `days`.
fn renewing_accounts(region: Option<&str>, days: i64) -> BTreeSet<String> {
    let c = company();
    let last = c.today + Duration::days(days);
    c.data
        .accounts
        .iter()
        .filter(|a| region.is_none_or(|r| a.region_id == r))
        .filter(|a| !naive::unsigned_renewing(&c.data, &a.id, c.today, last).is_empty())
        .map(|a| a.id.clone())
        .collect()
}

#[tokio::test]
async fn renewals_arr_and_ranking_equal_a_plain_scan() {
    let c = company();
    let out: ChurnRiskOutput = call(&c.everything(), "churn_risk", json!({ "limit": 10_000 }))
        .await
        .unwrap();
    let want = renewing_accounts(None, 180);
    assert!(want.len() >= 10, "{}", want.len());
    let got: BTreeSet<String> = out.accounts.iter().map(|a| a.account_id.clone()).collect();
    assert_eq!(got, want);
    assert_eq!(out.renewals_considered, want.len());
    let last = c.today + Duration::days(180);
    for a in &out.accounts {
        let contracts = naive::unsigned_renewing(&c.data, &a.account_id, c.today, last);
        let arr: i64 = contracts.iter().map(|k| k.arr).sum();
        let first = contracts.iter().map(|k| k.renewal_date).min().unwrap();
        assert_eq!(a.arr, arr, "{}", a.account_id);
        assert_eq!(a.renewal_date, first);
        assert_eq!(a.days_to_renewal, (first - c.today).num_days());
        assert!((0.0..=1.0).contains(&a.churn_probability));
        assert_eq!(
            a.arr_at_risk,
            (arr as f64 * a.churn_probability).round() as i64
        );
        assert!(a.drivers.len() <= 3);
        assert_eq!(a.region, c.region_of(&a.account_id));
    }
    for w in out.accounts.windows(2) {
        let key = |x: &crate::customer::churn_risk::ChurnRiskAccount| {
            (std::cmp::Reverse(x.arr_at_risk), x.account_id.clone())
        };
        assert!(key(&w[0]) < key(&w[1]));
    }
    let signed = c
        .data
        .accounts
        .iter()
        .flat_map(|a| naive::renewing(&c.data, &a.id, c.today, last))
        .filter(|k| naive::signed(&c.data, k, c.today))
        .count();
    assert_eq!(out.contracts_already_renewed, signed);
    assert!(signed > 0);
    let total: i64 = out.accounts.iter().map(|a| a.arr_at_risk).sum();
    assert_eq!(out.total_arr_at_risk, total);
    let renewing: i64 = out.accounts.iter().map(|a| a.arr).sum();
    assert_eq!(out.total_arr_renewing, renewing);
    let usage = out
        .accounts
        .iter()
        .flat_map(|a| &a.drivers)
        .find(|d| d.signal == CustomerSignal::UsageDecline)
        .expect("some account is driven by its usage");
    assert!(
        usage.detail.starts_with("active users "),
        "{}",
        usage.detail
    );
    assert!(usage.detail.contains("% over "), "{}", usage.detail);
}

#[tokio::test]
async fn the_limit_keeps_the_top_of_the_ranking_and_the_totals() {
    let c = company();
    let all: ChurnRiskOutput = call(&c.everything(), "churn_risk", json!({ "limit": 10_000 }))
        .await
        .unwrap();
    let top: ChurnRiskOutput = call(&c.everything(), "churn_risk", serde_json::Value::Null)
        .await
        .unwrap();
    assert_eq!(top.accounts.len(), 10);
    assert_eq!(top.accounts[..], all.accounts[..10]);
    assert_eq!(top.total_arr_at_risk, all.total_arr_at_risk);
    assert_eq!(top.renewals_considered, all.renewals_considered);
    assert_eq!(top.sources.len(), 10);
    let short: ChurnRiskOutput = call(&c.everything(), "churn_risk", json!({ "within_days": 30 }))
        .await
        .unwrap();
    assert_eq!(short.renewals_considered, renewing_accounts(None, 30).len());
    assert!(short.accounts.iter().all(|a| a.days_to_renewal <= 30));
}

#[tokio::test]
async fn a_region_vp_sees_only_their_region() {
    let c = company();
    let regions = c.regions();
    let (mine, other) = (&regions[0], &regions[1]);
    let vp = c.region_vp(mine);
    let out: ChurnRiskOutput = call(&vp, "churn_risk", json!({ "limit": 10_000 }))
        .await
        .unwrap();
    let got: BTreeSet<String> = out.accounts.iter().map(|a| a.account_id.clone()).collect();
    assert_eq!(got, renewing_accounts(Some(mine), 180));
    assert!(out.accounts.iter().all(|a| &a.region == mine));
    let asked: ChurnRiskOutput = call(
        &vp,
        "churn_risk",
        json!({ "region": mine, "limit": 10_000 }),
    )
    .await
    .unwrap();
    assert_eq!(asked, out);
    let refused = call::<ChurnRiskOutput>(&vp, "churn_risk", json!({ "region": other })).await;
    assert!(matches!(
        refused,
        Err(ToolError::NotFound { what: "region", .. })
    ));
    let unknown = call::<ChurnRiskOutput>(&vp, "churn_risk", json!({ "region": "NOPE" })).await;
    assert_eq!(
        unknown.unwrap_err().user_message().replace("NOPE", other),
        refused.unwrap_err().user_message()
    );
}

#[tokio::test]
async fn the_answer_is_deterministic() {
    let c = company();
    let args = json!({ "within_days": 365, "limit": 50 });
    let a: ChurnRiskOutput = call(&c.everything(), "churn_risk", args.clone())
        .await
        .unwrap();
    let b: ChurnRiskOutput = call(&c.everything(), "churn_risk", args).await.unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[tokio::test]
async fn too_little_history_is_said_not_guessed() {
    let c = company();
    let one = &c.data.contracts[0].account_id;
    let out = call::<ChurnRiskOutput>(&c.account_manager(&[one]), "churn_risk", json!({})).await;
    match out {
        Err(ToolError::NotEnoughData { missing }) => assert!(missing.contains("renewals")),
        other => panic!("expected NotEnoughData, got {other:?}"),
    }
    let far: ChurnRiskOutput = call(
        &c.everything(),
        "churn_risk",
        json!({ "within_days": u32::MAX, "limit": 10_000 }),
    )
    .await
    .unwrap();
    assert!(far.renewals_considered >= renewing_accounts(None, 180).len());
    let zero = call::<ChurnRiskOutput>(&c.everything(), "churn_risk", json!({ "limit": 0 })).await;
    assert!(matches!(zero, Err(ToolError::InvalidArgs { .. })));
}
