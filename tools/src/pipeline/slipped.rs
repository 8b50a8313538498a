//! `slipped_deals`: the deals whose close date was pushed (moved later) or whose stage went
//! backwards, counted from their history up to today, ranked by pushes then amount.

use async_trait::async_trait;
use chrono::NaiveDate;
use revpulse_analytics::forecast::slippage::{close_date_pushes, stage_regressions};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::as_of::DealBook;
use super::deal_filter::DealFilter;
use super::directory::Directory;
use crate::{Source, Tool, ToolContext, ToolError};

fn default_min_pushes() -> u32 {
    2
}

fn default_limit() -> usize {
    20
}

/// Arguments of [`SlippedDealsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlippedDealsArgs {
    /// A deal is listed when its pushes plus stage regressions reach this (default 2).
    #[serde(default = "default_min_pushes")]
    pub min_pushes: u32,
    /// Only deals of accounts in this region (region id).
    #[serde(default)]
    pub region: Option<String>,
    /// Also list deals closed by today (default false: open deals only).
    #[serde(default)]
    pub include_closed: bool,
    /// Deals listed at most (default 20).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

/// A deal that slipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SlippedDeal {
    /// Deal id.
    pub deal_id: String,
    /// Deal name.
    pub name: String,
    /// Account name.
    pub account: String,
    /// Owner's name.
    pub owner: String,
    /// Amount today, whole dollars.
    pub amount: i64,
    /// Stage today (`prospecting` … `negotiation`, `closed_won`, `closed_lost`).
    pub stage: String,
    /// Expected close date today.
    pub close_date: Option<NaiveDate>,
    /// Times the close date was moved later.
    pub pushes: u32,
    /// Days the close date was moved later, all pushes together.
    pub days_pushed: i64,
    /// Times the stage moved back (including a closed deal reopened).
    pub regressions: u32,
    /// The close date first recorded.
    pub first_close_date: Option<NaiveDate>,
}

/// Deals that slipped, ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SlippedDealsOutput {
    /// The deals, by pushes then amount (largest first), at most `limit`.
    pub deals: Vec<SlippedDeal>,
    /// How many deals matched before the limit.
    pub total_matching: usize,
    /// The deals listed.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(SlippedDealsOutput);

/// Deals whose close date was pushed or whose stage regressed.
pub struct SlippedDealsTool;

#[async_trait]
impl Tool for SlippedDealsTool {
    const NAME: &'static str = "slipped_deals";
    const DESCRIPTION: &'static str = "Deals that slipped: close date pushed later and/or \
        stage moved backwards, with push count, days pushed and first close date, ranked by \
        pushes then amount.";
    type Args = SlippedDealsArgs;
    type Output = SlippedDealsOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: SlippedDealsArgs,
    ) -> Result<SlippedDealsOutput, ToolError> {
        let today = ctx.today();
        let company = ctx.company().await?;
        let directory = Directory::new(&company);
        let filter = DealFilter::resolve(ctx.scope(), &directory, args.region, None)?;
        let book = DealBook::new(&company);
        let mut deals = Vec::new();
        for h in book
            .deals()
            .iter()
            .filter(|h| filter.admits(h.deal, &directory))
        {
            let Some(state) = h.on(today) else { continue };
            if !args.include_closed && !state.stage.is_open() {
                continue;
            }
            let view = h.view(today);
            let pushes = close_date_pushes(&view);
            let regressions = stage_regressions(&view).len() as u32;
            if (pushes.len() as u32).saturating_add(regressions) < args.min_pushes {
                continue;
            }
            deals.push(SlippedDeal {
                deal_id: h.deal.id.clone(),
                name: h.deal.name.clone(),
                account: directory.account_name(&h.deal.account_id).to_owned(),
                owner: directory.user_name(&h.deal.owner_id).to_owned(),
                amount: state.amount,
                stage: state.stage.as_str().to_owned(),
                close_date: state.close_date,
                pushes: pushes.len() as u32,
                days_pushed: pushes.iter().map(|p| p.days()).sum(),
                regressions,
                first_close_date: view.close_date_history().first().map(|d| d.value),
            });
        }
        deals.sort_by(|a, b| {
            (b.pushes, b.amount)
                .cmp(&(a.pushes, a.amount))
                .then_with(|| a.deal_id.cmp(&b.deal_id))
        });
        let total_matching = deals.len();
        deals.truncate(args.limit);
        let sources = deals
            .iter()
            .map(|d| Source::record("Opportunity", &d.deal_id, &d.name))
            .collect();
        Ok(SlippedDealsOutput {
            deals,
            total_matching,
            sources,
        })
    }
}
