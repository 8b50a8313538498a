//! `rep_attainment`: quota, closed won and the forecast buckets equal plain sums over the
//! rep's deals; a rep outside the caller's scope is not found.

use chrono::NaiveDate;
use revpulse_graph::model::{ForecastCategory, Stage, User};
use serde_json::json;

use super::fixture::{Company, call, company};
use super::naive;
use crate::pipeline::attainment::RepAttainmentOutput;
use crate::{DateRange, ToolError};

/// The rep with the most open deals due this quarter (then the most deals overall).
fn busiest_rep(c: &Company) -> &User {
    let q = DateRange::quarter_of(c.today);
    c.data
        .users
        .iter()
        .filter(|u| u.quarterly_quota > 0)
        .max_by_key(|u| {
            let mine: Vec<_> = c
                .data
                .opportunities
                .iter()
                .filter(|o| o.owner_id == u.id)
                .collect();
            let due = mine
                .iter()
                .filter(|o| naive::open_amount(&c.data, o, c.today, Some((q.from, q.to))).is_some())
                .count();
            (due, mine.len(), std::cmp::Reverse(u.id.clone()))
        })
        .unwrap()
}

/// The rep's forecast call on a deal today, the plain way.
fn category(c: &Company, id: &str) -> Option<ForecastCategory> {
    c.data
        .forecast_category_changes
        .iter()
        .filter(|f| f.opportunity_id == id && f.at.date_naive() <= c.today)
        .max_by_key(|f| (f.at, f.seq))
        .map(|f| f.to)
}

#[tokio::test]
async fn this_quarter_equals_plain_sums_over_the_reps_deals() {
    let c = company();
    let rep = busiest_rep(c);
    let q = DateRange::quarter_of(c.today);
    let out: RepAttainmentOutput = call(
        &c.everything(),
        "rep_attainment",
        json!({ "rep_id": rep.id }),
    )
    .await
    .unwrap();
    assert_eq!(out.period, q);
    assert_eq!((out.quota, out.quota_quarters), (rep.quarterly_quota, 1.0));
    let (mut won, mut commit, mut best, mut pipe) = (0i64, 0i64, 0i64, 0i64);
    for o in c
        .data
        .opportunities
        .iter()
        .filter(|o| o.owner_id == rep.id && o.deal_type != "renewal")
    {
        let t = naive::then(&c.data, o, c.today).unwrap();
        match t.stage.unwrap() {
            Stage::ClosedWon if q.contains(t.stage_day.unwrap()) => won += t.amount,
            Stage::ClosedWon | Stage::ClosedLost => {}
            _ if t.close.is_some_and(|d| q.contains(d)) => match category(c, &o.id) {
                Some(ForecastCategory::Commit) => commit += t.amount,
                Some(ForecastCategory::BestCase) => best += t.amount,
                _ => pipe += t.amount,
            },
            _ => {}
        }
    }
    assert_eq!(out.closed_won.amount, won);
    assert_eq!(
        (out.commit.amount, out.best_case.amount, out.pipeline.amount),
        (commit, best, pipe)
    );
    assert_eq!(out.open_pipeline.amount, commit + best + pipe);
    assert!(out.open_pipeline.deals > 0);
    assert_eq!(out.gap, rep.quarterly_quota - won);
    let rate = out.attainment_rate.unwrap();
    assert!((rate - won as f64 / rep.quarterly_quota as f64).abs() < 1e-12);
    match out.coverage {
        Some(cov) => assert!((cov - (commit + best + pipe) as f64 / out.gap as f64).abs() < 1e-12),
        None => assert!(out.gap <= 0),
    }
}

#[tokio::test]
async fn a_year_carries_four_quarters_of_quota() {
    let c = company();
    let rep = busiest_rep(c);
    let year = DateRange {
        from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    };
    let out: RepAttainmentOutput = call(
        &c.everything(),
        "rep_attainment",
        json!({ "rep_id": rep.id, "period": year }),
    )
    .await
    .unwrap();
    assert_eq!(out.quota, rep.quarterly_quota * 4);
    assert!(out.closed_won.deals > 0);
}

#[tokio::test]
async fn a_rep_outside_the_scope_is_not_found() {
    let c = company();
    let rep = busiest_rep(c);
    let home = rep.region_id.clone().unwrap();
    let other = c.other_region(&home);
    let own: RepAttainmentOutput = call(
        &c.region_vp(&home),
        "rep_attainment",
        json!({ "rep_id": rep.id }),
    )
    .await
    .unwrap();
    let all: RepAttainmentOutput = call(
        &c.everything(),
        "rep_attainment",
        json!({ "rep_id": rep.id }),
    )
    .await
    .unwrap();
    assert_eq!(own.rep, all.rep);
    let hidden = call::<RepAttainmentOutput>(
        &c.region_vp(&other),
        "rep_attainment",
        json!({ "rep_id": rep.id }),
    )
    .await;
    assert!(
        matches!(hidden, Err(ToolError::NotFound { what: "rep", .. })),
        "{hidden:?}"
    );
    let missing = call::<RepAttainmentOutput>(
        &c.everything(),
        "rep_attainment",
        json!({ "rep_id": "U-NOPE" }),
    )
    .await;
    assert!(
        matches!(missing, Err(ToolError::NotFound { what: "rep", .. })),
        "{missing:?}"
    );
}
