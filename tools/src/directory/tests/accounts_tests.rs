//! `accounts`: open pipeline, ARR and renewal equal independent sums over the raw records,
//! every filter equals a plain filter, and the orders are the documented ones.

use revpulse_graph::model::{Account, Segment};
use serde_json::json;

use super::fixture::{all_ids, call, company, ids};
use super::naive;
use crate::ToolError;
use crate::directory::accounts::AccountsOutput;

/// Checks an `accounts` filter against the same filter over the raw records.
async fn check(args: serde_json::Value, keep: impl Fn(&Account) -> bool) {
    let c = company();
    let expected = naive::accounts_by_name(&c.data, keep);
    assert!(
        !expected.is_empty(),
        "{args} matches nothing in the demo data"
    );
    let got = all_ids(&c.everything(), "accounts", args.clone()).await;
    assert_eq!(got.ids, expected, "{args}");
    assert_eq!(got.total, expected.len() as i64, "{args}");
}

#[tokio::test]
async fn pipeline_arr_and_renewal_equal_independent_sums() {
    let c = company();
    let out: AccountsOutput = call(&c.everything(), "accounts", json!({ "limit": 500 }))
        .await
        .unwrap();
    assert_eq!(out.total, c.data.accounts.len() as i64);
    assert_eq!(out.rows.len(), c.data.accounts.len());
    let mut customers = 0;
    for row in &out.rows {
        let account = c.data.accounts.iter().find(|a| a.id == row.id).unwrap();
        let (pipeline, deals) = naive::open_pipeline(&c.data, &row.id);
        let (arr, renewal) = naive::arr(&c.data, &row.id, c.today);
        assert_eq!(
            (row.open_pipeline, row.open_deals),
            (pipeline, deals),
            "{}",
            row.id
        );
        assert_eq!((row.arr, row.renewal_date), (arr, renewal), "{}", row.id);
        assert_eq!(row.region_id, account.region_id);
        assert_eq!(row.industry, account.industry);
        assert_eq!(json!(row.segment), json!(account.segment.as_str()));
        customers += i32::from(renewal.is_some());
    }
    assert!(customers > 0, "the demo company has customers");
    let total_pipeline: i64 = out.rows.iter().map(|r| r.open_pipeline).sum();
    let open: i64 = c
        .data
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open())
        .map(|o| o.amount)
        .sum();
    assert_eq!(total_pipeline, open);
}

#[tokio::test]
async fn filters_equal_plain_filters_over_the_records() {
    let c = company();
    let region = &c.data.regions[1];
    check(json!({ "region": region.id.to_lowercase() }), |a| {
        a.region_id == region.id
    })
    .await;
    let industry = c.data.accounts[0].industry.clone();
    check(json!({ "industry": industry.to_uppercase() }), |a| {
        a.industry == industry
    })
    .await;
    check(json!({ "segment": "enterprise" }), |a| {
        a.segment == Segment::Enterprise
    })
    .await;
    let owner = c
        .data
        .users
        .iter()
        .find(|u| u.id == c.data.accounts[0].owner_id)
        .unwrap();
    check(json!({ "owner": owner.name }), |a| a.owner_id == owner.id).await;
    let part: String = c.data.accounts[5]
        .name
        .chars()
        .take(4)
        .collect::<String>()
        .to_lowercase();
    check(json!({ "name": part }), |a| {
        a.name.to_lowercase().contains(&part)
    })
    .await;
    check(json!({ "customer_only": true }), |a| {
        naive::arr(&c.data, &a.id, c.today).1.is_some()
    })
    .await;
    check(
        json!({ "customer_only": true, "region": region.name }),
        |a| a.region_id == region.id && naive::arr(&c.data, &a.id, c.today).1.is_some(),
    )
    .await;
}

#[tokio::test]
async fn pipeline_and_arr_orders_break_ties_by_id() {
    let c = company();
    let figures = |a: &Account| {
        (
            naive::open_pipeline(&c.data, &a.id).0,
            naive::arr(&c.data, &a.id, c.today).0,
        )
    };
    let mut by_pipeline: Vec<&Account> = c.data.accounts.iter().collect();
    by_pipeline.sort_by_key(|a| (-figures(a).0, a.id.clone()));
    let got = all_ids(
        &c.everything(),
        "accounts",
        json!({ "sort": "open_pipeline_desc" }),
    )
    .await;
    assert_eq!(
        got.ids,
        by_pipeline.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
    );
    let mut by_arr: Vec<&Account> = c.data.accounts.iter().collect();
    by_arr.sort_by_key(|a| (-figures(a).1, a.id.clone()));
    let got = all_ids(&c.everything(), "accounts", json!({ "sort": "arr_desc" })).await;
    assert_eq!(
        got.ids,
        by_arr.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn unknown_references_are_not_found() {
    let ctx = company().everything();
    for (field, value) in [
        ("region", "Atlantis"),
        ("industry", "Alchemy"),
        ("owner", "U-NOPE"),
    ] {
        let err = ids(&ctx, "accounts", json!({ field: value }))
            .await
            .err()
            .unwrap();
        assert!(matches!(err, ToolError::NotFound { .. }), "{field}: {err}");
    }
    let none = ids(&ctx, "accounts", json!({ "name": "zzzz-no-such-name" }))
        .await
        .unwrap();
    assert_eq!(
        (none.total, none.ids.len()),
        (0, 0),
        "a name search may find nothing"
    );
    let err = ids(&ctx, "accounts", json!({ "limit": 501 }))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, ToolError::InvalidArgs { .. }));
}
