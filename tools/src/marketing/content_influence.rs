//! `content_influence`: which content accelerates deal closure — for each kind of content
//! (case study, whitepaper, ROI calculator…), the deals closed in a period whose converted
//! leads it touched before the close against the deals it did not touch: median cycle days
//! (created → closed) and win rates, with the counts behind them.
//!
//! Renewals are left out of both sides: they are not sold through marketing content and their
//! cycles would only measure the renewal calendar.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use chrono::{Days, Months};
use revpulse_analytics::stats;
use revpulse_graph::model::{Campaign, ContentKind, Stage};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ledger::{DealLedger, DealOutcome, end_of_day};
use super::touches::CampaignTouches;
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Every content kind that is an asset (campaigns with `none` promote no content).
const CONTENT: [ContentKind; 6] = [
    ContentKind::Whitepaper,
    ContentKind::CaseStudy,
    ContentKind::Webinar,
    ContentKind::DemoVideo,
    ContentKind::RoiCalculator,
    ContentKind::AnalystReport,
];
/// Sources cited.
const CITED: usize = 50;

/// Content kinds against deal cycle time and win rate.
pub struct ContentInfluenceTool;

/// Arguments of [`ContentInfluenceTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContentInfluenceArgs {
    /// Deals closed (won or lost) in this range are compared; default the last 12 months up
    /// to today.
    #[serde(default)]
    pub period: Option<DateRange>,
}

/// One content kind: touched deals against the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ContentRow {
    /// Content kind (e.g. `case_study`).
    pub content: String,
    /// Closed deals it touched before they closed.
    pub deals_touched: u64,
    /// Closed deals it did not touch.
    pub deals_untouched: u64,
    /// Median days created → closed of the touched deals.
    pub median_cycle_days_touched: Option<f64>,
    /// Median days created → closed of the others.
    pub median_cycle_days_untouched: Option<f64>,
    /// Touched minus untouched median (negative: the content goes with faster closes).
    pub difference_days: Option<f64>,
    /// Share of the touched deals that were won.
    pub won_rate_touched: Option<f64>,
    /// Share of the others that were won.
    pub won_rate_untouched: Option<f64>,
}

/// What [`ContentInfluenceTool`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ContentInfluenceOutput {
    /// The close days compared.
    pub period: DateRange,
    /// Non-renewal deals closed in the period (won or lost).
    pub deals_closed: u64,
    /// Of them, touched by any content.
    pub deals_touched_by_content: u64,
    /// One row per content kind, most accelerating first (no comparison last).
    pub rows: Vec<ContentRow>,
    /// The campaigns whose content touched closed deals, then the deals touched by the
    /// leading content.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(ContentInfluenceOutput);

#[async_trait]
impl Tool for ContentInfluenceTool {
    const NAME: &'static str = "content_influence";
    const DESCRIPTION: &'static str = "Which marketing content (case studies, whitepapers, ROI \
        calculators, webinars…) accelerates deal closure: median cycle days and win rate of \
        closed deals touched by each content versus not, with counts.";
    type Args = ContentInfluenceArgs;
    type Output = ContentInfluenceOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        let today = ctx.today();
        let period = match args.period {
            Some(p) => p.validated(Self::NAME)?,
            None => last_twelve_months(today),
        };
        let company = ctx.company().await?;
        let ledger = DealLedger::new(&company, today);
        let touches = CampaignTouches::new(&company, today);
        let closed: Vec<ClosedDeal<'_, '_>> = ledger
            .deals()
            .filter(|d| d.deal.deal_type != "renewal")
            .filter(|d| d.closed_on().is_some_and(|c| period.contains(c)))
            .map(|d| ClosedDeal::new(d, &ledger, &touches))
            .collect();
        let mut rows: Vec<ContentRow> = CONTENT.iter().map(|c| row(*c, &closed)).collect();
        rows.sort_by(|a, b| {
            let key = |r: &ContentRow| r.difference_days.unwrap_or(f64::INFINITY);
            key(a).total_cmp(&key(b)).then(a.content.cmp(&b.content))
        });
        let sources = sources(&rows, &closed);
        Ok(ContentInfluenceOutput {
            period,
            deals_closed: closed.len() as u64,
            deals_touched_by_content: closed.iter().filter(|d| !d.content.is_empty()).count()
                as u64,
            rows,
            sources,
        })
    }
}

/// The 12 months ending today (both ends included).
fn last_twelve_months(today: chrono::NaiveDate) -> DateRange {
    let from = today
        .checked_sub_months(Months::new(12))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .unwrap_or(today);
    DateRange { from, to: today }
}

/// A closed deal and the content (and campaigns) that touched it before it closed.
struct ClosedDeal<'d, 'c> {
    outcome: &'d DealOutcome<'d>,
    content: BTreeSet<&'static str>,
    campaigns: BTreeMap<&'c str, &'c Campaign>,
}

impl<'d, 'c> ClosedDeal<'d, 'c> {
    fn new(
        outcome: &'d DealOutcome<'d>,
        ledger: &DealLedger<'_>,
        touches: &CampaignTouches<'c>,
    ) -> Self {
        let until = outcome.closed_on().map(end_of_day);
        let campaigns: BTreeMap<&str, &Campaign> = ledger
            .leads_of(&outcome.deal.id)
            .iter()
            .flat_map(|lead| touches.of_lead(&lead.id))
            .filter(|t| until.is_none_or(|u| t.at <= u))
            .filter_map(|t| touches.campaign(t.campaign))
            .filter(|c| c.content != ContentKind::None)
            .map(|c| (c.id.as_str(), c))
            .collect();
        Self {
            outcome,
            content: campaigns.values().map(|c| c.content.as_str()).collect(),
            campaigns,
        }
    }

    fn won(&self) -> bool {
        self.outcome.stage == Stage::ClosedWon
    }
}

fn row(content: ContentKind, closed: &[ClosedDeal<'_, '_>]) -> ContentRow {
    let name = content.as_str();
    let (touched, untouched): (Vec<&ClosedDeal<'_, '_>>, Vec<_>) =
        closed.iter().partition(|d| d.content.contains(name));
    let median = |deals: &[&ClosedDeal<'_, '_>]| {
        let days: Vec<f64> = deals
            .iter()
            .filter_map(|d| d.outcome.cycle_days())
            .map(|d| d as f64)
            .collect();
        stats::quantile(&days, 0.5)
    };
    let won_rate = |deals: &[&ClosedDeal<'_, '_>]| {
        let won = deals.iter().filter(|d| d.won()).count();
        (!deals.is_empty()).then(|| won as f64 / deals.len() as f64)
    };
    let (with, without) = (median(&touched), median(&untouched));
    ContentRow {
        content: name.to_owned(),
        deals_touched: touched.len() as u64,
        deals_untouched: untouched.len() as u64,
        median_cycle_days_touched: with,
        median_cycle_days_untouched: without,
        difference_days: with.zip(without).map(|(a, b)| a - b),
        won_rate_touched: won_rate(&touched),
        won_rate_untouched: won_rate(&untouched),
    }
}

/// The campaigns whose content touched closed deals (by id), then the deals touched by the
/// first row's content.
fn sources(rows: &[ContentRow], closed: &[ClosedDeal<'_, '_>]) -> Vec<Source> {
    let campaigns: BTreeSet<(&str, &str)> = closed
        .iter()
        .flat_map(|d| {
            d.campaigns
                .values()
                .map(|c| (c.id.as_str(), c.name.as_str()))
        })
        .collect();
    let mut out: Vec<Source> = campaigns
        .into_iter()
        .map(|(id, name)| Source::record("Campaign", id, name))
        .collect();
    if let Some(first) = rows.first() {
        out.extend(
            closed
                .iter()
                .filter(|d| d.content.contains(first.content.as_str()))
                .map(|d| Source::record("Opportunity", &d.outcome.deal.id, &d.outcome.deal.name)),
        );
    }
    out.truncate(CITED);
    out
}
