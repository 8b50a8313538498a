//! `deals`: every filter equals a plain filter over the raw records, the orders are the
//! documented ones, rows carry the records' values, and bad arguments are refused.

use chrono::Duration;
use revpulse_graph::model::{ForecastCategory, Opportunity, Stage};
use serde_json::json;

use super::fixture::{all_ids, call, company, ids};
use super::naive;
use crate::ToolError;
use crate::directory::deals::DealsOutput;

/// Checks a `deals` filter against the same filter over the raw records.
async fn check(args: serde_json::Value, keep: impl Fn(&Opportunity) -> bool) {
    let c = company();
    let expected = naive::deals_by_amount(&c.data, keep);
    assert!(
        !expected.is_empty(),
        "{args} matches nothing in the demo data"
    );
    let got = all_ids(&c.everything(), "deals", args.clone()).await;
    assert_eq!(got.ids, expected, "{args}");
    assert_eq!(got.total, expected.len() as i64, "{args}");
}

#[tokio::test]
async fn the_default_page_is_the_fifty_largest_deals() {
    let c = company();
    let out: DealsOutput = call(&c.everything(), "deals", json!({})).await.unwrap();
    let expected = naive::deals_by_amount(&c.data, |_| true);
    assert_eq!(out.total, c.data.opportunities.len() as i64);
    let ids: Vec<&str> = out.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        expected[..50]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    let cited: Vec<&str> = out.sources.iter().map(|s| s.id()).collect();
    assert_eq!(cited, ids);
}

#[tokio::test]
async fn rows_carry_the_deal_account_and_owner_values() {
    let c = company();
    let out: DealsOutput = call(&c.everything(), "deals", json!({ "limit": 500 }))
        .await
        .unwrap();
    for row in &out.rows {
        let deal = c
            .data
            .opportunities
            .iter()
            .find(|o| o.id == row.id)
            .unwrap();
        let account = c
            .data
            .accounts
            .iter()
            .find(|a| a.id == deal.account_id)
            .unwrap();
        let owner = c.data.users.iter().find(|u| u.id == deal.owner_id).unwrap();
        assert_eq!(row.name, deal.name);
        assert_eq!(row.account_name, account.name);
        assert_eq!(row.region_id, account.region_id);
        assert_eq!(row.owner_name, owner.name);
        assert_eq!(row.amount, deal.amount);
        assert_eq!(row.close_date, deal.close_date);
        assert_eq!(row.created_on, deal.created_on);
        assert_eq!(row.primary_competitor, deal.primary_competitor);
        assert!((row.probability * 100.0 - f64::from(deal.probability)).abs() < 1e-9);
        let stage = serde_json::to_value(row.stage).unwrap();
        assert_eq!(stage, json!(deal.stage.as_str()));
        let category = serde_json::to_value(row.forecast_category).unwrap();
        assert_eq!(category, json!(deal.forecast_category.as_str()));
    }
}

#[tokio::test]
async fn stage_status_and_forecast_category_filter_like_the_records() {
    for stage in Stage::ALL {
        check(json!({ "stage": stage.as_str() }), |o| o.stage == stage).await;
    }
    check(json!({ "status": "open" }), |o| {
        Stage::OPEN.contains(&o.stage)
    })
    .await;
    check(json!({ "status": "won" }), |o| o.stage == Stage::ClosedWon).await;
    check(json!({ "status": "lost" }), |o| {
        o.stage == Stage::ClosedLost
    })
    .await;
    for category in [ForecastCategory::Commit, ForecastCategory::BestCase] {
        check(json!({ "forecast_category": category.as_str() }), |o| {
            o.forecast_category == category
        })
        .await;
    }
}

#[tokio::test]
async fn region_owner_and_account_filter_by_id_or_name() {
    let c = company();
    let region = &c.data.regions[0];
    let in_region = |o: &Opportunity| naive::deal_region(&c.data, o) == region.id;
    check(json!({ "region": region.id }), in_region).await;
    check(json!({ "region": region.name.to_uppercase() }), in_region).await;
    let owner_id = &c.data.opportunities[0].owner_id;
    let owner = c.data.users.iter().find(|u| &u.id == owner_id).unwrap();
    check(json!({ "owner": owner.id }), |o| &o.owner_id == owner_id).await;
    check(json!({ "owner": owner.name.to_lowercase() }), |o| {
        &o.owner_id == owner_id
    })
    .await;
    let account = &c.data.accounts[3];
    check(json!({ "account": account.id.to_lowercase() }), |o| {
        o.account_id == account.id
    })
    .await;
    let word: String = account
        .name
        .split_whitespace()
        .next()
        .unwrap()
        .to_lowercase();
    let named = |o: &Opportunity| {
        let a = c
            .data
            .accounts
            .iter()
            .find(|a| a.id == o.account_id)
            .unwrap();
        a.name.to_lowercase().contains(&word)
    };
    check(json!({ "account": word }), named).await;
}

#[tokio::test]
async fn close_window_and_amount_filter_like_the_records() {
    let c = company();
    let from = c.today - Duration::days(90);
    let to = c.today + Duration::days(90);
    check(json!({ "closing_from": from }), |o| o.close_date >= from).await;
    check(json!({ "closing_to": to }), |o| o.close_date <= to).await;
    check(
        json!({ "closing_from": from, "closing_to": to, "min_amount": 50_000 }),
        |o| o.close_date >= from && o.close_date <= to && o.amount >= 50_000,
    )
    .await;
    let soon = c.today + Duration::days(45);
    check(json!({ "status": "open", "closing_to": soon }), |o| {
        o.stage.is_open() && o.close_date <= soon
    })
    .await;
}

#[tokio::test]
async fn the_orders_break_ties_by_id() {
    let c = company();
    let mut by_close: Vec<&Opportunity> = c.data.opportunities.iter().collect();
    by_close.sort_by_key(|o| (o.close_date, o.id.clone()));
    let got = all_ids(
        &c.everything(),
        "deals",
        json!({ "sort": "close_date_asc" }),
    )
    .await;
    assert_eq!(
        got.ids,
        by_close.iter().map(|o| o.id.clone()).collect::<Vec<_>>()
    );
    let mut by_name: Vec<&Opportunity> = c.data.opportunities.iter().collect();
    by_name.sort_by_key(|o| (o.name.clone(), o.id.clone()));
    let got = all_ids(&c.everything(), "deals", json!({ "sort": "name" })).await;
    assert_eq!(
        got.ids,
        by_name.iter().map(|o| o.id.clone()).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn unknown_references_are_not_found_and_bad_arguments_invalid() {
    let ctx = company().everything();
    for (field, value) in [
        ("region", "Atlantis"),
        ("owner", "Nobody Here"),
        ("account", "zzzz-no-such-account"),
    ] {
        let err = ids(&ctx, "deals", json!({ field: value }))
            .await
            .err()
            .unwrap();
        assert!(
            matches!(&err, ToolError::NotFound { id, .. } if id == value),
            "{field}: {err}"
        );
    }
    for args in [
        json!({ "limit": 501 }),
        json!({ "closing_from": "2025-06-01", "closing_to": "2025-05-01" }),
        json!({ "owner": "  " }),
        json!({ "stage": "won" }),
        json!({ "colour": "red" }),
    ] {
        let err = ids(&ctx, "deals", args.clone()).await.err().unwrap();
        assert!(
            matches!(err, ToolError::InvalidArgs { .. }),
            "{args}: {err}"
        );
    }
    assert_eq!(
        ids(&ctx, "deals", json!({ "limit": 500 }))
            .await
            .unwrap()
            .ids
            .len(),
        500
    );
}
