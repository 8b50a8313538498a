//! Pagination and determinism: for every tool and order, windows of any size walked from
//! offset 0 concatenate to the full sorted list with the same total, and two calls agree.

use proptest::prelude::*;
use serde_json::json;

use super::fixture::{all_ids, call, company, ids};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The tools and the orders each offers.
const LISTINGS: [(&str, &[&str]); 3] = [
    ("deals", &["amount_desc", "close_date_asc", "name"]),
    ("accounts", &["name", "open_pipeline_desc", "arr_desc"]),
    ("campaigns", &["start_date_desc", "cost_desc"]),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn windows_concatenate_to_the_full_sorted_list(
        tool_pick in 0usize..3,
        sort_pick in 0usize..3,
        limit in 1usize..120,
        region_pick in 0usize..5,
    ) {
        let c = company();
        let (tool, sorts) = LISTINGS[tool_pick];
        let sort = sorts[sort_pick % sorts.len()];
        let regions = c.regions();
        let ctx = match regions.get(region_pick) {
            Some(region) => c.region_vp(region),
            None => c.everything(),
        };
        let (full, walked, totals) = runtime().block_on(async {
            let full = all_ids(&ctx, tool, json!({ "sort": sort })).await;
            let mut walked = Vec::new();
            let mut totals = Vec::new();
            loop {
                let args = json!({ "sort": sort, "limit": limit, "offset": walked.len() });
                let page = ids(&ctx, tool, args).await.unwrap();
                totals.push(page.total);
                if page.ids.is_empty() {
                    break;
                }
                prop_assert!(page.ids.len() <= limit);
                walked.extend(page.ids);
            }
            Ok((full, walked, totals))
        })?;
        prop_assert_eq!(&walked, &full.ids);
        prop_assert!(totals.iter().all(|t| *t == full.total));
        prop_assert_eq!(i64::try_from(full.ids.len()).unwrap(), full.total);
    }
}

#[tokio::test]
async fn two_calls_give_the_same_output_and_past_the_end_is_empty() {
    let c = company();
    let region = c.regions()[0].clone();
    for ctx in [c.everything(), c.region_vp(&region)] {
        for (tool, _) in LISTINGS {
            let args = json!({ "limit": 500 });
            let first: serde_json::Value = call(&ctx, tool, args.clone()).await.unwrap();
            let second: serde_json::Value = call(&ctx, tool, args).await.unwrap();
            assert_eq!(first, second, "{tool}");
            let end = ids(&ctx, tool, json!({ "offset": 100_000 })).await.unwrap();
            assert!(end.ids.is_empty());
            assert_eq!(end.total, first["total"].as_i64().unwrap());
        }
    }
}
