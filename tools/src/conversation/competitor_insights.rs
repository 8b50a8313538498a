//! `competitor_insights`: what customers say about one competitor — pricing comparisons,
//! feature gaps, competitive objections and displacements, as the analytics classify each
//! mention — with counts per kind and the newest cited sentences of each.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use revpulse_analytics::competitive::classify::MentionKind;
use revpulse_search::SearchFilter;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::passages::{browse_all, last_days, passage_source, period_or, within};
use super::rivals::{FoundMention, Rivals};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Days the default period looks back (today included).
const DEFAULT_DAYS: i64 = 180;

/// Most items per kind.
const MAX_ITEMS: usize = 20;

/// Arguments of [`CompetitorInsightsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetitorInsightsArgs {
    /// The competitor (name or alias; light misspellings are understood).
    pub competitor: String,
    /// Days to read (default: the last 180 days, today included).
    #[serde(default)]
    pub period: Option<DateRange>,
    /// Items per kind (default 5, at most 20).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

fn default_limit() -> usize {
    5
}

/// One mention, cited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompetitorQuote {
    /// The sentence naming the competitor.
    pub text: String,
    /// The chunk it is in (cite it).
    pub chunk_id: String,
    /// When it was said or written.
    pub timestamp: DateTime<Utc>,
    /// The account.
    pub account_id: String,
    /// The deal, if any.
    pub deal_id: Option<String>,
}

/// Mentions per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MentionKindCounts {
    /// Price compared with the competitor's.
    pub pricing_comparison: u32,
    /// A capability the competitor has and we lack.
    pub feature_gap: u32,
    /// The competitor is in the evaluation or preferred.
    pub objection: u32,
    /// Moving off the competitor, or onto it.
    pub displacement: u32,
}

/// Output of [`CompetitorInsightsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompetitorInsightsOutput {
    /// The competitor's canonical name.
    pub competitor: String,
    /// The days read.
    pub period: DateRange,
    /// Newest pricing comparisons.
    pub pricing_comparisons: Vec<CompetitorQuote>,
    /// Newest feature gaps.
    pub feature_gaps: Vec<CompetitorQuote>,
    /// Newest competitive objections.
    pub objections: Vec<CompetitorQuote>,
    /// Newest displacements.
    pub displacement: Vec<CompetitorQuote>,
    /// Every mention in the period, by kind.
    pub counts: MentionKindCounts,
    /// Passages read.
    pub passages_scanned: usize,
    /// One passage citation per item.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(CompetitorInsightsOutput);

/// What customers say about one competitor.
pub struct CompetitorInsightsTool;

#[async_trait]
impl Tool for CompetitorInsightsTool {
    const NAME: &'static str = "competitor_insights";
    const DESCRIPTION: &'static str = "What customers say about one competitor: pricing \
        comparisons, feature gaps, objections and displacements from calls, emails, meetings and \
        tickets, with counts per kind and cited quotes.";
    type Args = CompetitorInsightsArgs;
    type Output = CompetitorInsightsOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        let period = period_or(
            args.period,
            last_days(ctx.today(), DEFAULT_DAYS),
            Self::NAME,
        )?;
        let company = ctx.company().await?;
        let rivals = Rivals::of(&company)?;
        let competitor = rivals.resolve_or_not_found(&args.competitor)?;
        let docs = browse_all(ctx, within(SearchFilter::any(), period), Self::NAME).await?;
        let mut found: Vec<FoundMention<'_>> = rivals
            .mentions(&docs)
            .into_iter()
            .filter(|m| m.mention.competitor == competitor)
            .collect();
        found.reverse();
        let mut counts = MentionKindCounts::default();
        for m in &found {
            match m.mention.kind {
                MentionKind::PricingComparison => counts.pricing_comparison += 1,
                MentionKind::FeatureGap => counts.feature_gap += 1,
                MentionKind::Objection => counts.objection += 1,
                MentionKind::Displacement => counts.displacement += 1,
            }
        }
        let limit = args.limit.min(MAX_ITEMS);
        let newest = |kind| newest_of(&found, kind, limit);
        let output = CompetitorInsightsOutput {
            pricing_comparisons: newest(MentionKind::PricingComparison),
            feature_gaps: newest(MentionKind::FeatureGap),
            objections: newest(MentionKind::Objection),
            displacement: newest(MentionKind::Displacement),
            competitor,
            period,
            counts,
            passages_scanned: docs.len(),
            sources: Vec::new(),
        };
        Ok(CompetitorInsightsOutput {
            sources: cite(&output, &found),
            ..output
        })
    }
}

/// The newest `limit` distinct sentences of `kind` (`found` is newest first).
fn newest_of(found: &[FoundMention<'_>], kind: MentionKind, limit: usize) -> Vec<CompetitorQuote> {
    let mut out: Vec<CompetitorQuote> = Vec::new();
    for m in found.iter().filter(|m| m.mention.kind == kind) {
        if out.len() == limit {
            break;
        }
        if out.iter().any(|q| q.text == m.mention.snippet) {
            continue;
        }
        let metadata = &m.doc.metadata;
        out.push(CompetitorQuote {
            text: m.mention.snippet.clone(),
            chunk_id: m.doc.id.clone(),
            timestamp: metadata.timestamp,
            account_id: metadata.account_id.clone(),
            deal_id: metadata.deal_id.clone(),
        });
    }
    out
}

/// A passage citation per item, quoting it.
fn cite(output: &CompetitorInsightsOutput, found: &[FoundMention<'_>]) -> Vec<Source> {
    output
        .pricing_comparisons
        .iter()
        .chain(&output.feature_gaps)
        .chain(&output.objections)
        .chain(&output.displacement)
        .filter_map(|q| {
            let m = found.iter().find(|m| m.doc.id == q.chunk_id)?;
            Some(passage_source(m.doc, &q.text))
        })
        .collect()
}
