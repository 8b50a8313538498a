//! `account_timeline`: events are in time order, inside the window, at most `limit` (the most
//! recent kept), and as many as a plain count of the records in the window; out-of-scope
//! accounts are `NotFound`.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use serde_json::json;

use super::fixture::{Company, call, company};
use crate::ToolError;
use crate::customer::account_timeline::AccountTimelineOutput;

/// Events of `account` dated inside `from..=to`, counted straight from the records.
fn plain_count(c: &Company, account: &str, from: NaiveDate, to: NaiveDate) -> usize {
    let d = &c.data;
    let inside = |day: NaiveDate| from <= day && day <= to;
    let deals: BTreeSet<&str> = d
        .opportunities
        .iter()
        .filter(|o| o.account_id == account)
        .map(|o| o.id.as_str())
        .collect();
    let mine = |id: &str| deals.contains(id);
    let stages = d
        .stage_changes
        .iter()
        .filter(|s| mine(&s.opportunity_id) && inside(s.at.date_naive()))
        .count();
    let closes = d
        .close_date_changes
        .iter()
        .filter(|s| mine(&s.opportunity_id) && s.from.is_some() && inside(s.at.date_naive()))
        .count();
    let amounts = d
        .amount_changes
        .iter()
        .filter(|s| mine(&s.opportunity_id) && s.from.is_some() && inside(s.at.date_naive()))
        .count();
    let activities = d
        .activities
        .iter()
        .filter(|a| a.account_id == account && inside(a.at.date_naive()))
        .count();
    let tickets: usize = d
        .tickets
        .iter()
        .filter(|t| t.account_id == account)
        .map(|t| {
            usize::from(inside(t.opened_at.date_naive()))
                + usize::from(t.closed_at.is_some_and(|x| inside(x.date_naive())))
        })
        .sum();
    let contracts: usize = d
        .contracts
        .iter()
        .filter(|k| k.account_id == account)
        .map(|k| usize::from(inside(k.start_date)) + usize::from(inside(k.renewal_date)))
        .sum();
    stages + closes + amounts + activities + tickets + contracts
}

/// The account with the most activities (a busy timeline).
fn busy_account(c: &Company) -> String {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for a in &c.data.activities {
        *counts.entry(a.account_id.as_str()).or_default() += 1;
    }
    let best = counts
        .iter()
        .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)));
    best.unwrap().0.to_string()
}

async fn timeline(
    ctx: &crate::ToolContext,
    args: serde_json::Value,
) -> Result<AccountTimelineOutput, ToolError> {
    call(ctx, "account_timeline", args).await
}

#[tokio::test]
async fn the_default_window_is_the_last_180_days_in_order() {
    let c = company();
    let id = busy_account(c);
    let out = timeline(
        &c.everything(),
        json!({ "account_id": id, "limit": 10_000 }),
    )
    .await
    .unwrap();
    let from = c.today - Duration::days(180);
    assert_eq!((out.window.from, out.window.to), (from, c.today));
    assert_eq!(out.total_events, plain_count(c, &id, from, c.today));
    assert_eq!(out.events.len(), out.total_events);
    assert!(out.total_events > 0);
    assert!(out.events.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(
        out.events
            .iter()
            .all(|e| out.window.contains(e.at.date_naive()))
    );
    assert!(out.sources.len() <= 50);
}

#[tokio::test]
async fn the_limit_keeps_the_most_recent_events() {
    let c = company();
    let id = busy_account(c);
    let from = c.today - Duration::days(3 * 365);
    let all = timeline(
        &c.everything(),
        json!({ "account_id": id, "from": from, "limit": 10_000 }),
    )
    .await
    .unwrap();
    assert!(all.total_events > 5);
    let last = timeline(
        &c.everything(),
        json!({ "account_id": id, "from": from, "limit": 5 }),
    )
    .await
    .unwrap();
    assert_eq!(last.total_events, all.total_events);
    assert_eq!(last.events[..], all.events[all.events.len() - 5..]);
    let kinds: BTreeSet<_> = all.events.iter().map(|e| e.kind).collect();
    assert!(kinds.len() >= 5, "{kinds:?}");
}

#[tokio::test]
async fn bad_windows_and_hidden_accounts_are_refused() {
    let c = company();
    let id = busy_account(c);
    let backwards = timeline(
        &c.everything(),
        json!({ "account_id": id, "from": "2025-06-01", "to": "2025-05-01" }),
    )
    .await;
    assert!(matches!(backwards, Err(ToolError::InvalidArgs { .. })));
    let region = c.region_of(&id).to_owned();
    let other = c.other_region(&region);
    let hidden = timeline(&c.region_vp(&other), json!({ "account_id": id })).await;
    assert!(matches!(
        hidden,
        Err(ToolError::NotFound {
            what: "account",
            ..
        })
    ));
    let seen = timeline(&c.region_vp(&region), json!({ "account_id": id }))
        .await
        .unwrap();
    let all = timeline(&c.everything(), json!({ "account_id": id }))
        .await
        .unwrap();
    assert_eq!(seen, all);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_window_holds_exactly_its_events_in_order(
        start in 0i64..900,
        length in 0i64..400,
        limit in 1usize..80,
    ) {
        let c = company();
        let id = busy_account(c);
        let from = c.today - Duration::days(start);
        let to = from + Duration::days(length);
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let out = runtime
            .block_on(timeline(
                &c.everything(),
                json!({ "account_id": id, "from": from, "to": to, "limit": limit }),
            ))
            .unwrap();
        prop_assert_eq!(out.total_events, plain_count(c, &id, from, to));
        prop_assert_eq!(out.events.len(), out.total_events.min(limit));
        prop_assert!(out.events.windows(2).all(|w| w[0].at <= w[1].at));
        prop_assert!(out.events.iter().all(|e| from <= e.at.date_naive() && e.at.date_naive() <= to));
    }
}
