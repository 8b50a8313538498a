//! `competitor_insights`: counts per kind equal the mentions found straight in the records'
//! texts, items are the newest sentences of passages in scope, names are resolved through the
//! matcher (aliases, case, misspellings) and unknown ones refused.

use chrono::Duration;
use revpulse_analytics::competitive::classify::MentionKind;
use serde_json::json;

use super::fixture::{call, company};
use super::mention_truth::raw_mentions;
use crate::conversation::CompetitorInsightsTool;
use crate::conversation::competitor_insights::{CompetitorInsightsOutput, CompetitorQuote};
use crate::{DateRange, ToolError};

/// The competitor most mentioned in the records over `period`.
fn most_mentioned(period: DateRange) -> String {
    let c = company();
    let mut counts = std::collections::BTreeMap::new();
    for m in raw_mentions(c, period.from, period.to) {
        *counts.entry(m.competitor).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(n, k)| (*k, std::cmp::Reverse(n.clone())))
        .unwrap()
        .0
}

fn items(out: &CompetitorInsightsOutput) -> Vec<(&CompetitorQuote, MentionKind)> {
    let kinds = [
        (&out.pricing_comparisons, MentionKind::PricingComparison),
        (&out.feature_gaps, MentionKind::FeatureGap),
        (&out.objections, MentionKind::Objection),
        (&out.displacement, MentionKind::Displacement),
    ];
    kinds
        .into_iter()
        .flat_map(|(list, kind)| list.iter().map(move |q| (q, kind)))
        .collect()
}

#[tokio::test]
async fn kinds_count_every_mention_and_items_are_cited_sentences() {
    let c = company();
    let period = DateRange {
        from: c.today - Duration::days(364),
        to: c.today,
    };
    let competitor = most_mentioned(period);
    let out = call::<CompetitorInsightsTool>(
        &c.everything(),
        json!({"competitor": competitor.to_uppercase(), "period": period, "limit": 3}),
    )
    .await
    .unwrap();
    assert_eq!(out.competitor, competitor);
    let raw = raw_mentions(c, period.from, period.to);
    let count = |kind| {
        raw.iter()
            .filter(|m| m.competitor == competitor && m.kind == kind)
            .count() as u32
    };
    let counts = out.counts;
    let total =
        counts.pricing_comparison + counts.feature_gap + counts.objection + counts.displacement;
    let expected_total = raw.iter().filter(|m| m.competitor == competitor).count() as u32;
    assert_eq!(total, expected_total);
    assert_eq!(
        (
            counts.pricing_comparison,
            counts.feature_gap,
            counts.objection,
            counts.displacement
        ),
        (
            count(MentionKind::PricingComparison),
            count(MentionKind::FeatureGap),
            count(MentionKind::Objection),
            count(MentionKind::Displacement)
        )
    );
    let all = items(&out);
    assert!(!all.is_empty());
    assert_eq!(out.sources.len(), all.len());
    for (q, _) in &all {
        let doc = c.doc(&q.chunk_id);
        assert!(doc.text.contains(&q.text), "{}: {}", q.chunk_id, q.text);
        assert!(period.contains(q.timestamp.date_naive()));
        assert_eq!(q.account_id, doc.metadata.account_id);
    }
    for list in [
        &out.pricing_comparisons,
        &out.feature_gaps,
        &out.objections,
        &out.displacement,
    ] {
        assert!(list.len() <= 3);
        assert!(list.windows(2).all(|w| w[0].timestamp >= w[1].timestamp));
    }
    let again = call::<CompetitorInsightsTool>(
        &c.everything(),
        json!({"competitor": competitor, "period": period, "limit": 3}),
    )
    .await
    .unwrap();
    assert_eq!(out, again);
}

#[tokio::test]
async fn names_are_resolved_fuzzily_and_unknown_ones_refused() {
    let c = company();
    let ctx = c.everything();
    let vantora = call::<CompetitorInsightsTool>(&ctx, json!({"competitor": "Vantorra"}))
        .await
        .unwrap();
    assert_eq!(vantora.competitor, "Vantora");
    assert_eq!(vantora.period.to, c.today);
    assert_eq!(vantora.period.days(), 180);
    let alias = call::<CompetitorInsightsTool>(&ctx, json!({"competitor": "vtr"}))
        .await
        .unwrap();
    assert_eq!(alias.competitor, "Vantora");
    let unknown = call::<CompetitorInsightsTool>(&ctx, json!({"competitor": "Nobody Inc"})).await;
    assert!(matches!(
        unknown,
        Err(ToolError::NotFound {
            what: "competitor",
            ..
        })
    ));
}

#[tokio::test]
async fn a_region_caller_hears_its_region_only() {
    let c = company();
    let period = DateRange {
        from: c.today - Duration::days(700),
        to: c.today,
    };
    let competitor = most_mentioned(period);
    let raw = raw_mentions(c, period.from, period.to);
    for region in c.data.regions.iter().map(|r| r.id.clone()) {
        let out = call::<CompetitorInsightsTool>(
            &c.region_vp(&region),
            json!({"competitor": competitor, "period": period, "limit": 20}),
        )
        .await
        .unwrap();
        for (q, _) in items(&out) {
            assert_eq!(c.doc(&q.chunk_id).metadata.region, region);
        }
        let counts = out.counts;
        let total =
            counts.pricing_comparison + counts.feature_gap + counts.objection + counts.displacement;
        let expected = raw
            .iter()
            .filter(|m| m.competitor == competitor && m.region == region)
            .count();
        assert_eq!(total as usize, expected, "{region}");
    }
}
