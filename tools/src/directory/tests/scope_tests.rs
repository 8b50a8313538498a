//! Scoping: a caller granted one region lists only that region's deals and accounts, with
//! totals recomputed from the raw records, and any other region, rep or account is `NotFound`
//! exactly as a nonexistent one is.

use serde_json::json;

use super::fixture::{all_ids, call, company, ids};
use super::naive;
use crate::ToolError;
use crate::directory::accounts::AccountsOutput;
use crate::directory::deals::DealsOutput;

#[tokio::test]
async fn a_region_caller_lists_only_its_region() {
    let c = company();
    for region in c.regions() {
        let ctx = c.region_vp(&region);
        let deals = all_ids(&ctx, "deals", json!({})).await;
        let expected =
            naive::deals_by_amount(&c.data, |o| naive::deal_region(&c.data, o) == region);
        assert_eq!(deals.ids, expected, "{region}");
        let accounts = all_ids(&ctx, "accounts", json!({})).await;
        let expected = naive::accounts_by_name(&c.data, |a| a.region_id == region);
        assert_eq!(accounts.ids, expected, "{region}");
        let page: AccountsOutput = call(&ctx, "accounts", json!({ "limit": 500 }))
            .await
            .unwrap();
        for row in &page.rows {
            assert_eq!(row.region_id, region);
            assert_eq!(
                (row.open_pipeline, row.open_deals),
                naive::open_pipeline(&c.data, &row.id)
            );
            assert_eq!(row.arr, naive::arr(&c.data, &row.id, c.today).0);
        }
        let own: DealsOutput = call(&ctx, "deals", json!({ "region": region }))
            .await
            .unwrap();
        assert_eq!(own.total, deals.total);
        assert!(own.rows.iter().all(|r| r.region_id == region));
    }
}

#[tokio::test]
async fn another_region_looks_exactly_like_a_missing_one() {
    let c = company();
    let regions = c.regions();
    let (mine, theirs) = (&regions[0], &regions[1]);
    let ctx = c.region_vp(mine);
    let their_name = &c
        .data
        .regions
        .iter()
        .find(|r| &r.id == theirs)
        .unwrap()
        .name;
    for tool in ["deals", "accounts"] {
        for asked in [theirs.as_str(), their_name.as_str()] {
            let hidden = ids(&ctx, tool, json!({ "region": asked }))
                .await
                .err()
                .unwrap();
            let missing = ids(&ctx, tool, json!({ "region": "Atlantis" }))
                .await
                .err()
                .unwrap();
            assert_eq!(
                hidden.user_message().replace(asked, "<asked>"),
                missing.user_message().replace("Atlantis", "<asked>"),
                "{tool} {asked}"
            );
            assert!(matches!(hidden, ToolError::NotFound { what: "region", .. }));
        }
    }
}

#[tokio::test]
async fn out_of_scope_reps_and_accounts_are_not_found() {
    let c = company();
    let regions = c.regions();
    let ctx = c.region_vp(&regions[0]);
    let outside = c
        .data
        .opportunities
        .iter()
        .find(|o| {
            naive::deal_region(&c.data, o) != regions[0]
                && c.data.users.iter().any(|u| {
                    u.id == o.owner_id && u.region_id.as_deref() != Some(regions[0].as_str())
                })
        })
        .unwrap();
    let owner = c
        .data
        .users
        .iter()
        .find(|u| u.id == outside.owner_id)
        .unwrap();
    for (field, value) in [
        ("account", outside.account_id.as_str()),
        ("owner", owner.id.as_str()),
        ("owner", owner.name.as_str()),
    ] {
        let err = ids(&ctx, "deals", json!({ field: value }))
            .await
            .err()
            .unwrap();
        assert!(
            matches!(err, ToolError::NotFound { .. }),
            "{field} {value}: {err}"
        );
    }
    let err = ids(&ctx, "accounts", json!({ "owner": owner.id }))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, ToolError::NotFound { .. }), "{err}");
}
