//! The demo company the directory tests run on (see [`crate::test_support`]; the directory
//! tools never search), and the listing helpers they share.

use std::sync::LazyLock;

use chrono::NaiveDate;
use serde_json::Value;

use crate::test_support::Company;
pub(super) use crate::test_support::call;
use crate::{ToolContext, ToolError};

static COMPANY: LazyLock<Company> =
    LazyLock::new(|| Company::generate(23, NaiveDate::from_ymd_opt(2025, 11, 14).unwrap(), 120));

/// The shared company.
pub(super) fn company() -> &'static Company {
    &COMPANY
}

/// A listing page as the tests read it: the total and the row ids.
pub(super) struct Ids {
    /// Matching rows before pagination.
    pub total: i64,
    /// Row ids of the page, in order.
    pub ids: Vec<String>,
}

/// Calls a directory tool and keeps the total and the row ids.
pub(super) async fn ids(ctx: &ToolContext, name: &str, args: Value) -> Result<Ids, ToolError> {
    let out: Value = call(ctx, name, args).await?;
    let total = out["total"].as_i64().unwrap();
    let rows = out["rows"].as_array().unwrap();
    let ids = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    Ok(Ids { total, ids })
}

/// Every matching row id of a directory tool, read page by page of 500, and the total.
pub(super) async fn all_ids(ctx: &ToolContext, name: &str, args: Value) -> Ids {
    let mut all = Vec::new();
    loop {
        let mut paged = args.clone();
        paged["limit"] = 500.into();
        paged["offset"] = all.len().into();
        let page = ids(ctx, name, paged).await.unwrap();
        let done = page.ids.is_empty();
        all.extend(page.ids);
        if done || i64::try_from(all.len()).unwrap() >= page.total {
            assert_eq!(i64::try_from(all.len()).unwrap(), page.total);
            return Ids {
                total: page.total,
                ids: all,
            };
        }
    }
}
