//! `pipeline`: the as-of pipeline equals a plain loop over the history records and the
//! ingest crate's recomputation of the graph query, scoped callers see only their region.

use std::collections::BTreeMap;

use chrono::Duration;
use revpulse_graph::model::Stage;
use revpulse_graph::queries::{PipelineDimension, PipelineQuery};
use serde_json::json;

use super::fixture::{call, company};
use super::naive;
use crate::ToolError;
use crate::pipeline::open_pipeline::PipelineOutput;

#[tokio::test]
async fn stage_rows_equal_a_plain_loop_over_the_history() {
    let c = company();
    for back in [0, 45, 200] {
        let day = c.today - Duration::days(back);
        let out: PipelineOutput = call(&c.everything(), "pipeline", json!({ "as_of": day }))
            .await
            .unwrap();
        let mut expected: BTreeMap<Stage, (i64, i64)> = BTreeMap::new();
        for o in &c.data.opportunities {
            if let Some(amount) = naive::open_amount(&c.data, o, day, None) {
                let stage = naive::then(&c.data, o, day).unwrap().stage.unwrap();
                let e = expected.entry(stage).or_default();
                e.0 += 1;
                e.1 += amount;
            }
        }
        let got: Vec<(String, i64, i64)> = out
            .rows
            .iter()
            .map(|r| (r.key.clone(), r.deals, r.amount))
            .collect();
        let want: Vec<(String, i64, i64)> = expected
            .iter()
            .map(|(s, (d, a))| (s.as_str().to_owned(), *d, *a))
            .collect();
        assert_eq!(got, want, "as of {day}");
        assert!(out.total_deals > 0);
        assert_eq!(out.total_deals, want.iter().map(|w| w.1).sum::<i64>());
        assert_eq!(out.total_amount, want.iter().map(|w| w.2).sum::<i64>());
    }
}

#[tokio::test]
async fn every_grouping_matches_the_recomputed_graph_query() {
    let c = company();
    let quarter = crate::DateRange::quarter_of(c.today);
    let groupings = [
        ("stage", PipelineDimension::Stage),
        ("region", PipelineDimension::Region),
        ("team", PipelineDimension::Team),
        ("owner", PipelineDimension::Owner),
        ("product_line", PipelineDimension::ProductLine),
    ];
    for (name, by) in groupings {
        for window in [None, Some(quarter)] {
            let day = c.today - Duration::days(10);
            let out: PipelineOutput = call(
                &c.everything(),
                "pipeline",
                json!({ "as_of": day, "group_by": name, "close_period": window }),
            )
            .await
            .unwrap();
            let q = PipelineQuery {
                as_of: day,
                close_from: window.map(|w| w.from),
                close_to: window.map(|w| w.to),
                by,
            };
            let want: Vec<_> = revpulse_ingest::recompute::pipeline(&c.data, &q)
                .into_iter()
                .map(|r| (r.key, r.deals, r.amount))
                .collect();
            let got: Vec<_> = out
                .rows
                .iter()
                .map(|r| (r.key.clone(), r.deals, r.amount))
                .collect();
            assert_eq!(got, want, "{name} {window:?}");
        }
    }
}

#[tokio::test]
async fn created_this_week_and_last_week_count_creation_days() {
    let c = company();
    let out: PipelineOutput = call(&c.everything(), "pipeline", json!({})).await.unwrap();
    assert_eq!(out.as_of, c.today);
    let week = |first: i64, last: i64| {
        let mut deals = 0;
        let mut amount = 0;
        for o in &c.data.opportunities {
            let age = (c.today - o.created_on).num_days();
            if (first..=last).contains(&age) {
                deals += 1;
                amount += naive::then(&c.data, o, c.today).unwrap().amount;
            }
        }
        (deals, amount)
    };
    let this = out.created_this_week;
    let last = out.created_last_week;
    assert_eq!((this.deals, this.amount), week(0, 6));
    assert_eq!((last.deals, last.amount), week(7, 13));
}

#[tokio::test]
async fn a_region_vp_sees_only_their_region() {
    let c = company();
    let regions = c.regions();
    let (mine, other) = (&regions[0], &regions[1]);
    let out: PipelineOutput = call(
        &c.region_vp(mine),
        "pipeline",
        json!({ "group_by": "region" }),
    )
    .await
    .unwrap();
    let want = naive::pipeline_totals(&c.data, c.today, None, |o| {
        c.region_of(&o.account_id) == mine
    });
    assert_eq!((out.total_deals, out.total_amount), want);
    assert!(out.rows.iter().all(|r| &r.key == mine));
    let filtered: PipelineOutput = call(&c.everything(), "pipeline", json!({ "region": mine }))
        .await
        .unwrap();
    assert_eq!((filtered.total_deals, filtered.total_amount), want);
    let refused =
        call::<PipelineOutput>(&c.region_vp(mine), "pipeline", json!({ "region": other })).await;
    assert!(
        matches!(refused, Err(ToolError::NotFound { what: "region", .. })),
        "{refused:?}"
    );
    let outsider = c
        .data
        .users
        .iter()
        .find(|u| u.region_id.as_deref().is_some_and(|r| r == other))
        .unwrap();
    let refused = call::<PipelineOutput>(
        &c.region_vp(mine),
        "pipeline",
        json!({ "owner": outsider.id }),
    )
    .await;
    assert!(
        matches!(refused, Err(ToolError::NotFound { what: "rep", .. })),
        "{refused:?}"
    );
    assert!(out.sources.iter().all(|s| {
        let deal = c
            .data
            .opportunities
            .iter()
            .find(|o| o.id == s.id())
            .unwrap();
        c.region_of(&deal.account_id) == mine
    }));
}

#[tokio::test]
async fn the_owner_filter_keeps_one_reps_deals() {
    let c = company();
    let owner = &c.data.opportunities[0].owner_id;
    let out: PipelineOutput = call(
        &c.everything(),
        "pipeline",
        json!({ "owner": owner, "group_by": "owner" }),
    )
    .await
    .unwrap();
    let want = naive::pipeline_totals(&c.data, c.today, None, |o| &o.owner_id == owner);
    assert_eq!((out.total_deals, out.total_amount), want);
    assert!(out.rows.iter().all(|r| &r.key == owner));
}

#[tokio::test]
async fn the_same_question_gets_the_same_answer() {
    let c = company();
    let args = json!({ "group_by": "owner", "as_of": c.today - Duration::days(30) });
    let a = crate::Catalogue::standard()
        .call(&c.everything(), "pipeline", args.clone())
        .await
        .unwrap();
    let b = crate::Catalogue::standard()
        .call(&c.everything(), "pipeline", args)
        .await
        .unwrap();
    assert_eq!(a.output, b.output);
    assert!(!a.sources.is_empty() && a.sources.len() <= 25);
}
