//! `competitor_mentions`: totals, cells and the previous period equal the mentions counted
//! straight from the records' texts; a region caller's counts are its region's only.

use std::collections::BTreeMap;

use chrono::Duration;
use serde_json::json;

use super::fixture::{call, company};
use super::mention_truth::{RawMention, raw_mentions};
use crate::DateRange;
use crate::conversation::CompetitorMentionsTool;

fn per_competitor(mentions: &[RawMention]) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    for m in mentions {
        *out.entry(m.competitor.clone()).or_insert(0) += 1;
    }
    out
}

#[tokio::test]
async fn counts_by_region_and_trend_equal_the_records() {
    let c = company();
    let period = DateRange {
        from: c.today - Duration::days(179),
        to: c.today,
    };
    let out = call::<CompetitorMentionsTool>(&c.everything(), json!({"period": period}))
        .await
        .unwrap();
    assert_eq!(out.previous_period.to, period.from - Duration::days(1));
    assert_eq!(out.previous_period.days(), period.days());
    let now = raw_mentions(c, period.from, period.to);
    let before = raw_mentions(c, out.previous_period.from, out.previous_period.to);
    assert!(now.len() >= 5, "too few mentions to test: {}", now.len());
    let expected_now = per_competitor(&now);
    let expected_before = per_competitor(&before);
    for total in &out.totals {
        let n = expected_now.get(&total.competitor).copied().unwrap_or(0);
        let b = expected_before.get(&total.competitor).copied().unwrap_or(0);
        assert_eq!(
            (total.mentions, total.previous_period_mentions),
            (n, b),
            "{}",
            total.competitor
        );
        if b > 0 {
            let rate = total.change_rate.unwrap();
            assert!((rate - (f64::from(n) - f64::from(b)) / f64::from(b)).abs() < 1e-12);
        } else {
            assert_eq!(total.change_rate, None);
        }
    }
    let listed: Vec<&String> = out.totals.iter().map(|t| &t.competitor).collect();
    let mut all: Vec<&String> = expected_now.keys().chain(expected_before.keys()).collect();
    all.sort();
    all.dedup();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, all);
    assert!(
        out.totals
            .windows(2)
            .all(|w| w[0].mentions >= w[1].mentions)
    );
    for cell in &out.cells {
        let expected = now
            .iter()
            .filter(|m| m.competitor == cell.competitor && m.region == cell.group)
            .count();
        assert_eq!(cell.mentions as usize, expected, "{cell:?}");
    }
    let cited = out.sources.len();
    assert!(cited > 0 && cited <= 6);
    for source in &out.sources {
        let doc = c.doc(source.id());
        assert!(period.contains(doc.metadata.timestamp.date_naive()));
    }
}

#[tokio::test]
async fn industries_partition_the_same_totals() {
    let c = company();
    let period = DateRange {
        from: c.today - Duration::days(179),
        to: c.today,
    };
    let out = call::<CompetitorMentionsTool>(
        &c.everything(),
        json!({"period": period, "group_by": "industry"}),
    )
    .await
    .unwrap();
    let industry_of = |account: &str| {
        c.data
            .accounts
            .iter()
            .find(|a| a.id == account)
            .unwrap()
            .industry
            .clone()
    };
    let now = raw_mentions(c, period.from, period.to);
    for cell in &out.cells {
        let expected = now
            .iter()
            .filter(|m| m.competitor == cell.competitor && industry_of(&m.account_id) == cell.group)
            .count();
        assert_eq!(cell.mentions as usize, expected, "{cell:?}");
    }
    for total in &out.totals {
        let cells: u32 = out
            .cells
            .iter()
            .filter(|x| x.competitor == total.competitor)
            .map(|x| x.mentions)
            .sum();
        assert_eq!(cells, total.mentions);
    }
}

#[tokio::test]
async fn a_region_caller_counts_its_region_and_the_default_is_month_to_date() {
    let c = company();
    let account = c.busiest_call_account();
    let region = c.region_of(&account).to_owned();
    let period = DateRange {
        from: c.today - Duration::days(364),
        to: c.today,
    };
    let out = call::<CompetitorMentionsTool>(&c.region_vp(&region), json!({"period": period}))
        .await
        .unwrap();
    let mine: Vec<RawMention> = raw_mentions(c, period.from, period.to)
        .into_iter()
        .filter(|m| m.region == region)
        .collect();
    let expected = per_competitor(&mine);
    let got: BTreeMap<String, u32> = out
        .totals
        .iter()
        .filter(|t| t.mentions > 0)
        .map(|t| (t.competitor.clone(), t.mentions))
        .collect();
    assert_eq!(got, expected);
    assert!(out.cells.iter().all(|cell| cell.group == region));
    for source in &out.sources {
        assert_eq!(c.doc(source.id()).metadata.region, region);
    }
    let default = call::<CompetitorMentionsTool>(&c.everything(), json!({}))
        .await
        .unwrap();
    assert_eq!(default.period.to, c.today);
    assert_eq!(default.period.from, c.today - Duration::days(13));
    let again = call::<CompetitorMentionsTool>(&c.everything(), json!({}))
        .await
        .unwrap();
    assert_eq!(default, again);
}
