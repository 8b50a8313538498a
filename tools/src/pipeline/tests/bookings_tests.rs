//! `bookings_arr`: bookings and ARR equal plain sums over the deals' stage history and the
//! contracts' terms, and a region VP gets exactly their region's row.

use chrono::{Datelike, NaiveDate};
use revpulse_graph::model::{ContractStatus, Stage};
use serde_json::json;

use super::fixture::{Company, call, company};
use super::naive;
use crate::ToolError;
use crate::pipeline::bookings::BookingsArrOutput;

/// (bookings, deals won) of new-business and expansion deals won between `from` and `to`,
/// in `region` if given.
fn plain_bookings(c: &Company, from: NaiveDate, to: NaiveDate, region: Option<&str>) -> (i64, i64) {
    let mut amount = 0;
    let mut deals = 0;
    for o in c
        .data
        .opportunities
        .iter()
        .filter(|o| o.deal_type != "renewal")
    {
        if region.is_some_and(|r| c.region_of(&o.account_id) != r) {
            continue;
        }
        let path = naive::stage_path(&c.data, &o.id, c.today);
        let Some((day, Stage::ClosedWon)) = path.last().copied() else {
            continue;
        };
        if from <= day && day <= to {
            amount += naive::then(&c.data, o, c.today).unwrap().amount;
            deals += 1;
        }
    }
    (amount, deals)
}

/// ARR of contracts running on `day`, in `region` if given.
fn plain_arr(c: &Company, day: NaiveDate, region: Option<&str>) -> i64 {
    c.data
        .contracts
        .iter()
        .filter(|k| region.is_none_or(|r| c.region_of(&k.account_id) == r))
        .filter(|k| {
            k.start_date <= day && (day <= k.renewal_date || k.status == ContractStatus::Active)
        })
        .map(|k| k.arr)
        .sum()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[tokio::test]
async fn this_year_to_date_against_the_same_days_last_year() {
    let c = company();
    let out: BookingsArrOutput = call(&c.everything(), "bookings_arr", json!({}))
        .await
        .unwrap();
    let y = c.today.year();
    assert_eq!(out.year, y);
    assert_eq!((out.span.from, out.span.to), (ymd(y, 1, 1), c.today));
    let prior_to = ymd(y - 1, c.today.month(), c.today.day());
    assert_eq!(
        (out.prior_span.from, out.prior_span.to),
        (ymd(y - 1, 1, 1), prior_to)
    );
    let (bookings, won) = plain_bookings(c, out.span.from, c.today, None);
    let (prior, won_prior) = plain_bookings(c, ymd(y - 1, 1, 1), prior_to, None);
    assert_eq!((out.totals.bookings, out.totals.deals_won), (bookings, won));
    assert_eq!(
        (out.totals.bookings_prior, out.totals.deals_won_prior),
        (prior, won_prior)
    );
    assert!(bookings > 0 && prior > 0);
    assert_eq!(out.totals.arr, plain_arr(c, c.today, None));
    assert_eq!(out.totals.arr_prior, plain_arr(c, prior_to, None));
    let rate = out.totals.bookings_change_rate.unwrap();
    assert!((rate - (bookings - prior) as f64 / prior as f64).abs() < 1e-12);
    for row in &out.rows {
        assert_eq!(
            (row.bookings, row.deals_won),
            plain_bookings(c, out.span.from, c.today, Some(&row.key))
        );
        assert_eq!(row.arr, plain_arr(c, c.today, Some(&row.key)));
    }
    assert_eq!(out.rows.iter().map(|r| r.arr).sum::<i64>(), out.totals.arr);
}

#[tokio::test]
async fn a_past_year_is_the_whole_year_and_product_lines_add_up() {
    let c = company();
    let y = c.today.year() - 1;
    let out: BookingsArrOutput = call(
        &c.everything(),
        "bookings_arr",
        json!({ "year": y, "group_by": "product_line" }),
    )
    .await
    .unwrap();
    assert_eq!((out.span.from, out.span.to), (ymd(y, 1, 1), ymd(y, 12, 31)));
    assert_eq!(
        out.totals.bookings,
        plain_bookings(c, ymd(y, 1, 1), ymd(y, 12, 31), None).0
    );
    assert_eq!(out.totals.arr, plain_arr(c, ymd(y, 12, 31), None));
    assert_eq!(
        out.rows.iter().map(|r| r.bookings).sum::<i64>(),
        out.totals.bookings
    );
    let lines: Vec<&str> = c.data.product_lines.iter().map(|p| p.id.as_str()).collect();
    assert!(out.rows.iter().all(|r| lines.contains(&r.key.as_str())));
}

#[tokio::test]
async fn a_region_vp_gets_their_region_row_only() {
    let c = company();
    let regions = c.regions();
    let mine = &regions[1];
    let all: BookingsArrOutput = call(&c.everything(), "bookings_arr", json!({}))
        .await
        .unwrap();
    let scoped: BookingsArrOutput = call(&c.region_vp(mine), "bookings_arr", json!({}))
        .await
        .unwrap();
    let row = all.rows.iter().find(|r| &r.key == mine).unwrap();
    assert_eq!(scoped.rows.len(), 1);
    assert_eq!(&scoped.rows[0], row);
    assert_eq!(scoped.totals.bookings, row.bookings);
    assert_eq!(scoped.totals.arr, row.arr);
    let future = call::<BookingsArrOutput>(
        &c.everything(),
        "bookings_arr",
        json!({ "year": c.today.year() + 1 }),
    )
    .await;
    assert!(
        matches!(future, Err(ToolError::InvalidArgs { .. })),
        "{future:?}"
    );
}
