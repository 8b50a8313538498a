//! `competitor_win_rates`: deals, wins and rates recounted from the opportunities and their
//! activities by a plain loop; the baseline is the deals with no competitor; a region caller's
//! rows count its region's deals only.

use std::collections::BTreeSet;

use revpulse_graph::model::{Opportunity, Stage};
use serde_json::json;

use super::fixture::{Company, call, company};
use crate::ToolError;
use crate::conversation::CompetitorWinRatesTool;

/// (won, closed) among closed non-renewal deals passing `keep`, by the competitors in them.
fn recount(
    c: &Company,
    keep: impl Fn(&Opportunity) -> bool,
    competitor: Option<&str>,
) -> (u32, u32) {
    let mut won = 0;
    let mut closed = 0;
    for o in &c.data.opportunities {
        let done = matches!(o.stage, Stage::ClosedWon | Stage::ClosedLost);
        if !done || o.deal_type == "renewal" || !keep(o) {
            continue;
        }
        let mut present: BTreeSet<&str> = o.primary_competitor.iter().map(String::as_str).collect();
        for a in &c.data.activities {
            if a.opportunity_id.as_deref() == Some(o.id.as_str()) {
                present.extend(a.competitors_mentioned.iter().map(String::as_str));
            }
        }
        let counted = match competitor {
            Some(name) => present.contains(name),
            None => present.is_empty(),
        };
        if counted {
            closed += 1;
            won += u32::from(o.stage == Stage::ClosedWon);
        }
    }
    (won, closed)
}

#[tokio::test]
async fn rows_and_baseline_equal_a_recount_of_the_deals() {
    let c = company();
    let out = call::<CompetitorWinRatesTool>(&c.everything(), json!({}))
        .await
        .unwrap();
    assert!(!out.rows.is_empty());
    let (won, deals) = recount(c, |_| true, None);
    assert_eq!((out.baseline.won, out.baseline.deals), (won, deals));
    assert_eq!(out.baseline.lost, deals - won);
    for row in &out.rows {
        let (won, deals) = recount(c, |_| true, Some(&row.competitor));
        assert_eq!(
            (row.won, row.deals, row.lost),
            (won, deals, deals - won),
            "{}",
            row.competitor
        );
        let rate = row.win_rate.unwrap();
        assert!((rate - f64::from(won) / f64::from(deals)).abs() < 1e-12);
        assert!(row.interval.low <= rate && rate <= row.interval.high);
        if let (Some(d), Some(base)) = (row.difference_from_baseline, out.baseline.win_rate) {
            assert!((d - (rate - base)).abs() < 1e-12);
        }
    }
    let names: Vec<&str> = out.rows.iter().map(|r| r.competitor.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    assert!(out.sources.len() <= 50 && !out.sources.is_empty());
}

#[tokio::test]
async fn one_competitor_by_any_spelling_and_a_regions_deals_only() {
    let c = company();
    let all = call::<CompetitorWinRatesTool>(&c.everything(), json!({}))
        .await
        .unwrap();
    let name = all.rows[0].competitor.clone();
    let one =
        call::<CompetitorWinRatesTool>(&c.everything(), json!({"competitor": name.to_lowercase()}))
            .await
            .unwrap();
    assert_eq!(one.rows, vec![all.rows[0].clone()]);
    assert_eq!(one.baseline, all.baseline);
    for source in &one.sources {
        let deal = c
            .data
            .opportunities
            .iter()
            .find(|o| o.id == source.id())
            .unwrap();
        let (_, with) = recount(c, |o| o.id == deal.id, Some(&name));
        assert_eq!(with, 1, "{} is cited without {name}", deal.id);
    }
    let unknown =
        call::<CompetitorWinRatesTool>(&c.everything(), json!({"competitor": "Nobody Inc"})).await;
    assert!(matches!(
        unknown,
        Err(ToolError::NotFound {
            what: "competitor",
            ..
        })
    ));

    let region = c.data.regions[0].id.clone();
    let in_region = |o: &Opportunity| c.region_of(&o.account_id) == region;
    let out = call::<CompetitorWinRatesTool>(&c.region_vp(&region), json!({}))
        .await
        .unwrap();
    let (won, deals) = recount(c, in_region, None);
    assert_eq!((out.baseline.won, out.baseline.deals), (won, deals));
    for row in &out.rows {
        let (won, deals) = recount(c, in_region, Some(&row.competitor));
        assert_eq!((row.won, row.deals), (won, deals), "{}", row.competitor);
    }
}
