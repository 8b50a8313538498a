//! `pipeline_changes`: the waterfall always reconciles, its ends are the `pipeline` tool's
//! totals on those days, and its steps equal a plain per-deal classification.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use revpulse_graph::model::Stage;
use serde_json::json;

use super::fixture::{call, company};
use super::naive;
use crate::pipeline::changes::PipelineChangesOutput;
use crate::pipeline::open_pipeline::PipelineOutput;
use crate::pipeline::waterfall::ChangeKind;
use crate::{DateRange, ToolContext, ToolError};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn totals(
    ctx: &ToolContext,
    day: NaiveDate,
    window: Option<DateRange>,
    region: Option<&str>,
) -> (i64, i64) {
    let out: PipelineOutput = call(
        ctx,
        "pipeline",
        json!({ "as_of": day, "close_period": window, "region": region }),
    )
    .await
    .unwrap();
    (out.total_deals, out.total_amount)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn the_waterfall_reconciles_with_the_pipeline_on_both_days(
        back in 0i64..500,
        span in 0i64..150,
        region_pick in 0usize..4,
        window_pick in 0usize..3,
    ) {
        let c = company();
        let to = c.today - Duration::days(back);
        let from = to - Duration::days(span);
        let regions = c.regions();
        let region = regions.get(region_pick).map(String::as_str);
        let window = match window_pick {
            0 => None,
            1 => Some(DateRange::quarter_of(to)),
            _ => Some(DateRange::quarter_of(from)),
        };
        let ctx = c.everything();
        let (out, opening, closing) = runtime().block_on(async {
            let out: PipelineChangesOutput = call(
                &ctx,
                "pipeline_changes",
                json!({ "from": from, "to": to, "close_period": window, "region": region }),
            )
            .await
            .unwrap();
            (out, totals(&ctx, from, window, region).await, totals(&ctx, to, window, region).await)
        });
        prop_assert!(out.reconciles);
        prop_assert_eq!((out.opening.deals, out.opening.amount), opening);
        prop_assert_eq!((out.closing.deals, out.closing.amount), closing);
        let sum: i64 = out.steps.iter().map(|s| s.amount).sum();
        prop_assert_eq!(out.opening.amount + sum, out.closing.amount);
        let kinds: Vec<ChangeKind> = out.steps.iter().map(|s| s.kind).collect();
        prop_assert_eq!(kinds, ChangeKind::ALL.to_vec());
        for s in &out.steps {
            prop_assert!(s.top.len() <= 5 && s.top.len() as i64 <= s.deals);
            let outflow = matches!(
                s.kind,
                ChangeKind::Decreased | ChangeKind::PushedOut | ChangeKind::PulledOut | ChangeKind::Won | ChangeKind::Lost
            );
            prop_assert!(if outflow { s.amount <= 0 } else { s.amount >= 0 }, "{:?}", s);
        }
        if window.is_none() {
            for s in out.steps.iter().filter(|s| matches!(s.kind, ChangeKind::PulledIn | ChangeKind::PushedOut | ChangeKind::SlippedIn | ChangeKind::PulledOut)) {
                prop_assert_eq!(s.deals, 0);
            }
        }
    }
}

/// The category of one deal, decided by plain questions about the two days.
fn plain_kind(
    c: &super::fixture::Company,
    o: &revpulse_graph::model::Opportunity,
    from: NaiveDate,
    to: NaiveDate,
    w: (NaiveDate, NaiveDate),
) -> Option<(ChangeKind, i64)> {
    let before = naive::open_amount(&c.data, o, from, Some(w));
    let after = naive::open_amount(&c.data, o, to, Some(w));
    let then = naive::then(&c.data, o, from);
    let now = naive::then(&c.data, o, to);
    match (before, after) {
        (Some(b), Some(a)) if a > b => Some((ChangeKind::Increased, a - b)),
        (Some(b), Some(a)) if a < b => Some((ChangeKind::Decreased, a - b)),
        (Some(_), Some(_)) | (None, None) => None,
        (None, Some(a)) => {
            let kind = match then.and_then(|t| t.stage.map(|s| (s, t.close))) {
                None => ChangeKind::New,
                Some((Stage::ClosedWon | Stage::ClosedLost, _)) => ChangeKind::Reopened,
                Some((_, Some(close))) if close < w.0 => ChangeKind::SlippedIn,
                Some(_) => ChangeKind::PulledIn,
            };
            Some((kind, a))
        }
        (Some(b), None) => {
            let now = now.unwrap();
            let kind = match (now.stage, now.close) {
                (Some(Stage::ClosedWon), _) => ChangeKind::Won,
                (Some(Stage::ClosedLost), _) => ChangeKind::Lost,
                (_, Some(close)) if close < w.0 => ChangeKind::PulledOut,
                _ => ChangeKind::PushedOut,
            };
            Some((kind, -b))
        }
    }
}

#[tokio::test]
async fn each_step_equals_a_plain_classification_of_every_deal() {
    let c = company();
    let quarter = DateRange::quarter_of(c.today);
    let (from, to) = (c.today - Duration::days(28), c.today);
    let out: PipelineChangesOutput = call(
        &c.everything(),
        "pipeline_changes",
        json!({ "from": from, "to": to, "close_period": quarter }),
    )
    .await
    .unwrap();
    let mut want: BTreeMap<ChangeKind, (i64, i64)> = BTreeMap::new();
    for o in &c.data.opportunities {
        if let Some((kind, amount)) = plain_kind(c, o, from, to, (quarter.from, quarter.to)) {
            let e = want.entry(kind).or_default();
            e.0 += 1;
            e.1 += amount;
        }
    }
    for s in &out.steps {
        assert_eq!(
            (s.deals, s.amount),
            want.get(&s.kind).copied().unwrap_or_default(),
            "{:?}",
            s.kind
        );
    }
    assert!(
        out.steps.iter().filter(|s| s.deals > 0).count() >= 3,
        "{:?}",
        out.steps
    );
    assert!(out.reconciles);
}

#[tokio::test]
async fn the_default_week_and_the_region_scope() {
    let c = company();
    let regions = c.regions();
    let mine = &regions[0];
    let scoped: PipelineChangesOutput = call(&c.region_vp(mine), "pipeline_changes", json!({}))
        .await
        .unwrap();
    assert_eq!(
        (scoped.from, scoped.to),
        (c.today - Duration::days(7), c.today)
    );
    let filtered: PipelineChangesOutput = call(
        &c.everything(),
        "pipeline_changes",
        json!({ "region": mine }),
    )
    .await
    .unwrap();
    assert_eq!(scoped.steps, filtered.steps);
    assert_eq!(scoped.closing, filtered.closing);
    let refused = call::<PipelineChangesOutput>(
        &c.region_vp(mine),
        "pipeline_changes",
        json!({ "region": regions[1] }),
    )
    .await;
    assert!(
        matches!(refused, Err(ToolError::NotFound { .. })),
        "{refused:?}"
    );
    let backwards = call::<PipelineChangesOutput>(
        &c.everything(),
        "pipeline_changes",
        json!({ "from": c.today, "to": c.today - Duration::days(1) }),
    )
    .await;
    assert!(
        matches!(backwards, Err(ToolError::InvalidArgs { .. })),
        "{backwards:?}"
    );
}
