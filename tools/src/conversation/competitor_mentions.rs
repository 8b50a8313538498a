//! `competitor_mentions`: which competitors came up most in a period, by region or industry —
//! the heatmap behind "which competitors came up most this month" — with each competitor's
//! trend against the period just before.
//!
//! Counting: every mention the analytics' matcher finds in the passages of the period (names,
//! aliases, possessives, light misspellings), each spoken turn read once. The index's
//! `competitor_mentioned` field is not the same thing: it lists each chunk's competitors once
//! (not each mention), comes from the ingest's exact-spelling matcher (no misspellings), and
//! call chunks overlap by a turn, so a mention there would count twice.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{Datelike, Duration};
use revpulse_analytics::competitive::heatmap::{MentionFact, heatmap};
use revpulse_graph::model::CompanyDataset;
use revpulse_search::SearchFilter;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::passages::{browse_all, passage_source, period_or, within};
use super::rivals::{FoundMention, Rivals};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Competitors whose passages are cited, and passages cited for each.
const CITED_COMPETITORS: usize = 3;
const PASSAGES_PER_COMPETITOR: usize = 2;

/// How mentions are cut.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MentionGrouping {
    /// By the account's region.
    #[default]
    Region,
    /// By the account's industry.
    Industry,
}

/// Arguments of [`CompetitorMentionsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetitorMentionsArgs {
    /// Days to count (default: the current month up to today).
    #[serde(default)]
    pub period: Option<DateRange>,
    /// `region` (default) or `industry`.
    #[serde(default)]
    pub group_by: MentionGrouping,
}

/// Mentions of one competitor in one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MentionCell {
    /// Canonical competitor name.
    pub competitor: String,
    /// Region id or industry.
    pub group: String,
    /// Mentions.
    pub mentions: u32,
}

/// One competitor's mentions in the period and the one before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompetitorTrend {
    /// Canonical competitor name.
    pub competitor: String,
    /// Mentions in the period.
    pub mentions: u32,
    /// Mentions in the period of the same length just before.
    pub previous_period_mentions: u32,
    /// `(mentions - previous) / previous`; none when the previous period had none.
    pub change_rate: Option<f64>,
}

/// Output of [`CompetitorMentionsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompetitorMentionsOutput {
    /// The days counted.
    pub period: DateRange,
    /// The days compared against.
    pub previous_period: DateRange,
    /// What the groups are.
    pub group_by: MentionGrouping,
    /// Every competitor × group with a mention in the period, zeros included, by competitor
    /// then group.
    pub cells: Vec<MentionCell>,
    /// Per competitor, most mentioned first (ties by name).
    pub totals: Vec<CompetitorTrend>,
    /// Passages read in the period.
    pub passages_scanned: usize,
    /// A few passages for each of the most mentioned competitors.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(CompetitorMentionsOutput);

/// Counts competitor mentions by region or industry.
pub struct CompetitorMentionsTool;

#[async_trait]
impl Tool for CompetitorMentionsTool {
    const NAME: &'static str = "competitor_mentions";
    const DESCRIPTION: &'static str = "Counts how often each competitor was mentioned in calls, \
        emails, meetings and tickets in a period, by region or industry (heatmap), with the change \
        against the previous period and example passages.";
    type Args = CompetitorMentionsArgs;
    type Output = CompetitorMentionsOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        let today = ctx.today();
        let month = DateRange {
            from: today.with_day(1).unwrap_or(today),
            to: today,
        };
        let period = period_or(args.period, month, Self::NAME)?;
        let previous_period = DateRange {
            from: period.from - Duration::days(period.days()),
            to: period.from - Duration::days(1),
        };
        let company = ctx.company().await?;
        let rivals = Rivals::of(&company)?;
        let docs = browse_all(ctx, within(SearchFilter::any(), period), Self::NAME).await?;
        let before = browse_all(
            ctx,
            within(SearchFilter::any(), previous_period),
            Self::NAME,
        )
        .await?;
        let found = rivals.mentions(&docs);
        let previous = rivals.mentions(&before);
        let groups: Vec<String> = found
            .iter()
            .map(|m| group_of(&company, args.group_by, m))
            .collect();
        let map = heatmap(found.iter().zip(&groups).map(|(m, cut)| MentionFact {
            competitor: &m.mention.competitor,
            kind: m.mention.kind,
            cut,
        }));
        let cells = map
            .competitors
            .iter()
            .flat_map(|c| {
                map.cuts.iter().map(|g| MentionCell {
                    competitor: c.clone(),
                    group: g.clone(),
                    mentions: map.cell(c, g).total(),
                })
            })
            .collect();
        let totals = trends(&found, &previous);
        Ok(CompetitorMentionsOutput {
            period,
            previous_period,
            group_by: args.group_by,
            cells,
            sources: examples(&totals, &found),
            totals,
            passages_scanned: docs.len(),
        })
    }
}

/// The group a mention falls in: its passage's region, or its account's industry.
fn group_of(company: &CompanyDataset, grouping: MentionGrouping, m: &FoundMention<'_>) -> String {
    let metadata = &m.doc.metadata;
    match grouping {
        MentionGrouping::Region => metadata.region.clone(),
        MentionGrouping::Industry => company
            .accounts
            .iter()
            .find(|a| a.id == metadata.account_id)
            .map_or_else(|| "unknown".to_owned(), |a| a.industry.clone()),
    }
}

/// Mentions per competitor now and before, most mentioned first.
fn trends(found: &[FoundMention<'_>], previous: &[FoundMention<'_>]) -> Vec<CompetitorTrend> {
    let mut counts: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for m in found {
        counts.entry(&m.mention.competitor).or_default().0 += 1;
    }
    for m in previous {
        counts.entry(&m.mention.competitor).or_default().1 += 1;
    }
    let mut totals: Vec<CompetitorTrend> = counts
        .into_iter()
        .map(|(competitor, (now, before))| CompetitorTrend {
            competitor: competitor.to_owned(),
            mentions: now,
            previous_period_mentions: before,
            change_rate: (before > 0)
                .then(|| (f64::from(now) - f64::from(before)) / f64::from(before)),
        })
        .collect();
    totals.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.competitor.cmp(&b.competitor))
    });
    totals
}

/// The newest passages naming each of the most mentioned competitors, quoting the sentence.
fn examples(totals: &[CompetitorTrend], found: &[FoundMention<'_>]) -> Vec<Source> {
    let mut sources: Vec<Source> = Vec::new();
    for trend in totals
        .iter()
        .filter(|t| t.mentions > 0)
        .take(CITED_COMPETITORS)
    {
        let mut cited = 0;
        for m in found
            .iter()
            .rev()
            .filter(|m| m.mention.competitor == trend.competitor)
        {
            if cited == PASSAGES_PER_COMPETITOR {
                break;
            }
            if !sources.iter().any(|s| s.id() == m.doc.id) {
                sources.push(passage_source(m.doc, &m.mention.snippet));
                cited += 1;
            }
        }
    }
    sources
}
