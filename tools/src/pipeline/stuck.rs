//! `stuck_deals`: open deals that have sat in their stage far longer than deals usually do —
//! days in the current stage against the median completed stay in that stage, learnt from
//! every visible deal's stage history up to today.

use std::collections::BTreeSet;

use async_trait::async_trait;
use chrono::NaiveDate;
use revpulse_analytics::forecast::SalesStage;
use revpulse_analytics::forecast::stage_time::StageDurations;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::as_of::{DealBook, crm_stage, sales_stage};
use super::deal_filter::DealFilter;
use super::directory::Directory;
use crate::{Source, Tool, ToolContext, ToolError};

fn default_min_ratio() -> f64 {
    1.5
}

fn default_limit() -> usize {
    20
}

/// Arguments of [`StuckDealsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StuckDealsArgs {
    /// Only deals of accounts in this region (region id).
    #[serde(default)]
    pub region: Option<String>,
    /// Only deals owned by this user (user id).
    #[serde(default)]
    pub owner: Option<String>,
    /// List deals whose days in stage are at least this multiple of the stage's median
    /// (default 1.5).
    #[serde(default = "default_min_ratio")]
    pub min_ratio: f64,
    /// Deals listed at most (default 20).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

/// An open deal stuck in its stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StuckDeal {
    /// Deal id.
    pub deal_id: String,
    /// Deal name.
    pub name: String,
    /// Its stage today.
    pub stage: String,
    /// The day it entered the stage.
    pub entered_stage_on: NaiveDate,
    /// Days in the stage by today.
    pub days_in_stage: i64,
    /// The stage's median completed stay, in days.
    pub stage_norm_days: f64,
    /// days_in_stage / stage_norm_days.
    pub ratio: f64,
    /// Amount today, whole dollars.
    pub amount: i64,
    /// Owner's name.
    pub owner: String,
}

/// How long deals usually stay in one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StageNormRow {
    /// Open stage.
    pub stage: String,
    /// Median completed stay in days; absent when no stay has completed.
    pub median_days: Option<f64>,
    /// Completed stays the median is taken over (a deal back in a stage stays twice).
    pub stays_observed: usize,
    /// Distinct deals behind those stays.
    pub deals_observed: usize,
}

/// Stuck deals with the norms they were judged by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StuckDealsOutput {
    /// The deals, by ratio then amount (largest first), at most `limit`.
    pub deals: Vec<StuckDeal>,
    /// How many deals matched before the limit.
    pub total_matching: usize,
    /// The norm of every open stage (stages with a median of 0 days judge no deal).
    pub norms: Vec<StageNormRow>,
    /// The deals listed.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(StuckDealsOutput);

/// Open deals stuck in their stage beyond its norm.
pub struct StuckDealsTool;

#[async_trait]
impl Tool for StuckDealsTool {
    const NAME: &'static str = "stuck_deals";
    const DESCRIPTION: &'static str = "Open deals stuck in their current stage: days in stage \
        vs the median days deals spent in that stage historically, listed when the ratio \
        reaches a threshold (default 1.5x), with the per-stage norms.";
    type Args = StuckDealsArgs;
    type Output = StuckDealsOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: StuckDealsArgs,
    ) -> Result<StuckDealsOutput, ToolError> {
        if !(args.min_ratio.is_finite() && args.min_ratio >= 0.0) {
            return Err(ToolError::InvalidArgs {
                tool: Self::NAME.to_owned(),
                reason: format!(
                    "min_ratio must be a non-negative number, got {}",
                    args.min_ratio
                ),
            });
        }
        let today = ctx.today();
        let company = ctx.company().await?;
        let directory = Directory::new(&company);
        let filter = DealFilter::resolve(ctx.scope(), &directory, args.region, args.owner)?;
        let book = DealBook::new(&company);
        let durations = StageDurations::fit(&book.records(), today);
        let median = |stage: SalesStage| durations.quantile(stage, 0.5).filter(|m| *m > 0.0);
        let mut deals = Vec::new();
        for h in book
            .deals()
            .iter()
            .filter(|h| filter.admits(h.deal, &directory))
        {
            let Some(state) = h.on(today).filter(|s| s.stage.is_open()) else {
                continue;
            };
            let Some(norm) = median(sales_stage(state.stage)) else {
                continue;
            };
            let days = (today - state.stage_entered_on).num_days();
            let ratio = days as f64 / norm;
            if ratio < args.min_ratio {
                continue;
            }
            deals.push(StuckDeal {
                deal_id: h.deal.id.clone(),
                name: h.deal.name.clone(),
                stage: state.stage.as_str().to_owned(),
                entered_stage_on: state.stage_entered_on,
                days_in_stage: days,
                stage_norm_days: norm,
                ratio,
                amount: state.amount,
                owner: directory.user_name(&h.deal.owner_id).to_owned(),
            });
        }
        deals.sort_by(|a, b| {
            b.ratio
                .total_cmp(&a.ratio)
                .then_with(|| b.amount.cmp(&a.amount))
                .then_with(|| a.deal_id.cmp(&b.deal_id))
        });
        let total_matching = deals.len();
        deals.truncate(args.limit);
        let sources = deals
            .iter()
            .map(|d| Source::record("Opportunity", &d.deal_id, &d.name))
            .collect();
        Ok(StuckDealsOutput {
            deals,
            total_matching,
            norms: norms(&book, &durations, today),
            sources,
        })
    }
}

/// The norm of every open stage, with the distinct deals behind it.
fn norms(book: &DealBook<'_>, durations: &StageDurations, today: NaiveDate) -> Vec<StageNormRow> {
    SalesStage::OPEN
        .into_iter()
        .map(|stage| {
            let deals: BTreeSet<&str> = book
                .deals()
                .iter()
                .filter(|h| {
                    h.view(today)
                        .stage_history()
                        .windows(2)
                        .any(|w| w[0].value == stage)
                })
                .map(|h| h.deal.id.as_str())
                .collect();
            StageNormRow {
                stage: crm_stage(stage).as_str().to_owned(),
                median_days: durations.quantile(stage, 0.5),
                stays_observed: durations.stays(stage).len(),
                deals_observed: deals.len(),
            }
        })
        .collect()
}
