//! `pipeline`: the open pipeline as of a day, grouped by stage, region, team, owner or product
//! line, with the pipeline created in the week ending that day against the week before.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{Duration, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::as_of::DealBook;
use super::deal_filter::DealFilter;
use super::directory::{Directory, stage_label};
use super::snapshot::{DealsAmount, OpenDeal, largest_deals, open_deals};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Deals cited at most.
const CITED_DEALS: usize = 25;

/// How to group the pipeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PipelineGrouping {
    /// By as-of stage, in funnel order.
    #[default]
    Stage,
    /// By the account's region.
    Region,
    /// By the owner's team.
    Team,
    /// By owner (rep).
    Owner,
    /// By product line.
    ProductLine,
}

/// Arguments of [`PipelineTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PipelineArgs {
    /// The day the pipeline is measured at (end of day), `YYYY-MM-DD`; default today.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// Grouping: stage (default), region, team, owner or product_line.
    #[serde(default)]
    pub group_by: PipelineGrouping,
    /// Only deals whose as-of close date falls inside this range.
    #[serde(default)]
    pub close_period: Option<DateRange>,
    /// Only deals of accounts in this region (region id).
    #[serde(default)]
    pub region: Option<String>,
    /// Only deals owned by this user (user id).
    #[serde(default)]
    pub owner: Option<String>,
}

/// One group of the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PipelineGroup {
    /// Group key: stage name, region id, team id, user id or product-line id.
    pub key: String,
    /// Display label.
    pub label: String,
    /// Open deals in the group.
    pub deals: i64,
    /// Their as-of amount in whole dollars.
    pub amount: i64,
}

/// The open pipeline as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PipelineOutput {
    /// The day measured (end of day).
    pub as_of: NaiveDate,
    /// The grouping used.
    pub group_by: PipelineGrouping,
    /// Groups: stages in funnel order, other groupings by amount, largest first.
    pub rows: Vec<PipelineGroup>,
    /// Open deals in total.
    pub total_deals: i64,
    /// Their amount in total, whole dollars.
    pub total_amount: i64,
    /// Deals created in the 7 days ending `as_of` (any stage now; region and owner filters
    /// apply, the close period does not), with their amount as of `as_of`.
    pub created_this_week: DealsAmount,
    /// Deals created in the 7 days before those, counted the same way.
    pub created_last_week: DealsAmount,
    /// The largest open deals behind the totals.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(PipelineOutput);

/// The open pipeline as of a day, grouped.
pub struct PipelineTool;

#[async_trait]
impl Tool for PipelineTool {
    const NAME: &'static str = "pipeline";
    const DESCRIPTION: &'static str = "Open pipeline (deal count and amount) as of a day, \
        grouped by stage, region, team, owner or product line, optionally only deals closing \
        in a period, with pipeline created this week vs last week.";
    type Args = PipelineArgs;
    type Output = PipelineOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: PipelineArgs,
    ) -> Result<PipelineOutput, ToolError> {
        let window = args
            .close_period
            .map(|p| p.validated(Self::NAME))
            .transpose()?;
        let company = ctx.company().await?;
        let directory = Directory::new(&company);
        let filter = DealFilter::resolve(ctx.scope(), &directory, args.region, args.owner)?;
        let book = DealBook::new(&company);
        let as_of = args.as_of.unwrap_or(ctx.today());
        let open = open_deals(&book, &directory, &filter, as_of, window);
        let totals = DealsAmount::of(open.iter().map(|d| d.state.amount));
        let created = |last_day: NaiveDate| {
            let first_day = last_day - Duration::days(6);
            DealsAmount::of(
                book.deals()
                    .iter()
                    .filter(|h| filter.admits(h.deal, &directory))
                    .filter(|h| (first_day..=last_day).contains(&h.deal.created_on))
                    .map(|h| h.on(as_of).map_or(0, |s| s.amount)),
            )
        };
        Ok(PipelineOutput {
            as_of,
            group_by: args.group_by,
            rows: group(&open, args.group_by, &directory),
            total_deals: totals.deals,
            total_amount: totals.amount,
            created_this_week: created(as_of),
            created_last_week: created(as_of - Duration::days(7)),
            sources: largest_deals(
                open.iter().map(|d| (d.history, d.state.amount)),
                CITED_DEALS,
            ),
        })
    }
}

/// The open deals summed per group, in the grouping's order.
fn group(
    open: &[OpenDeal<'_, '_>],
    by: PipelineGrouping,
    directory: &Directory<'_>,
) -> Vec<PipelineGroup> {
    let mut groups: BTreeMap<(u8, String), (String, DealsAmount)> = BTreeMap::new();
    for d in open {
        let deal = d.history.deal;
        let (rank, key, label) = match by {
            PipelineGrouping::Stage => (
                d.state.stage.order(),
                d.state.stage.as_str().to_owned(),
                stage_label(d.state.stage).to_owned(),
            ),
            PipelineGrouping::Region => {
                let region = directory.region_of(deal);
                (
                    0,
                    region.to_owned(),
                    directory.region_name(region).to_owned(),
                )
            }
            PipelineGrouping::Team => {
                let (key, label) = directory.team_of(deal);
                (0, key, label)
            }
            PipelineGrouping::Owner => (
                0,
                deal.owner_id.clone(),
                directory.user_name(&deal.owner_id).to_owned(),
            ),
            PipelineGrouping::ProductLine => (
                0,
                deal.product_line_id.clone(),
                directory
                    .product_line_name(&deal.product_line_id)
                    .to_owned(),
            ),
        };
        groups
            .entry((rank, key))
            .or_insert((label, DealsAmount::default()))
            .1
            .add(d.state.amount);
    }
    let mut rows: Vec<PipelineGroup> = groups
        .into_iter()
        .map(|((_, key), (label, total))| PipelineGroup {
            key,
            label,
            deals: total.deals,
            amount: total.amount,
        })
        .collect();
    if by != PipelineGrouping::Stage {
        rows.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.key.cmp(&b.key)));
    }
    rows
}
