//! `at_risk_deals`: the open deals of a period ranked by the money at risk in them —
//! exposure = amount × (1 − win probability) — each with up to three risk reasons in words.

use async_trait::async_trait;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::deal_book::DealEntry;
use super::live::{LiveForecast, OpenDeal};
use super::period_deals::PeriodDeals;
use super::views::{check_region, deal_sources, dollars};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Deals listed when no limit is given.
const DEFAULT_LIMIT: usize = 10;
/// Most deals listed.
const MAX_LIMIT: usize = 500;
/// Reasons per deal.
const REASONS_PER_DEAL: usize = 3;
/// Most records cited.
const MAX_SOURCES: usize = 50;

fn default_limit() -> usize {
    DEFAULT_LIMIT
}

/// Arguments of `at_risk_deals`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AtRiskDealsArgs {
    /// Deals expected to close in this period; defaults to the current calendar quarter.
    #[serde(default)]
    pub period: Option<DateRange>,
    /// Only this region (a region id such as "EMEA"); defaults to everything the caller sees.
    #[serde(default)]
    pub region: Option<String>,
    /// How many deals to list (1 to 500); defaults to 10.
    #[serde(default = "default_limit")]
    pub limit: usize,
}

/// One deal at risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AtRiskDeal {
    /// Deal id.
    pub deal_id: String,
    /// Deal name.
    pub name: String,
    /// Account name.
    pub account: String,
    /// Owner's name.
    pub owner: String,
    /// Amount, whole dollars.
    pub amount: i64,
    /// Stage.
    pub stage: String,
    /// Expected close date.
    pub close_date: NaiveDate,
    /// Calibrated win probability.
    pub win_probability: f64,
    /// amount × (1 − win probability), whole dollars.
    pub exposure: i64,
    /// Up to three risk reasons in words, most important first.
    pub drivers: Vec<String>,
}

/// The riskiest deals of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AtRiskDealsOutput {
    /// The period.
    pub period: DateRange,
    /// The region, when one was asked for.
    pub region: Option<String>,
    /// The top deals by exposure, largest first (ties: larger amount, then id).
    pub deals: Vec<AtRiskDeal>,
    /// Open new-business and expansion deals closing in the period (all of them, not only
    /// the listed ones).
    pub open_deals: usize,
    /// Σ exposure over all those deals, whole dollars.
    pub total_exposure: i64,
    /// The listed deals and their accounts.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(AtRiskDealsOutput);

/// The `at_risk_deals` tool.
pub struct AtRiskDealsTool;

#[async_trait]
impl Tool for AtRiskDealsTool {
    const NAME: &'static str = "at_risk_deals";
    const DESCRIPTION: &'static str = "Which open deals are at risk in a period (default this \
        quarter): ranked by exposure = amount × (1 − win probability), each with its stage, \
        close date, win probability and up to three risk reasons.";
    type Args = AtRiskDealsArgs;
    type Output = AtRiskDealsOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: AtRiskDealsArgs,
    ) -> Result<AtRiskDealsOutput, ToolError> {
        if !(1..=MAX_LIMIT).contains(&args.limit) {
            return Err(ToolError::InvalidArgs {
                tool: Self::NAME.to_owned(),
                reason: format!(
                    "limit must be between 1 and {MAX_LIMIT}, got {}",
                    args.limit
                ),
            });
        }
        let live = LiveForecast::for_caller(ctx).await?;
        let range = args
            .period
            .unwrap_or_else(|| DateRange::quarter_of(ctx.today()))
            .validated(Self::NAME)?;
        let region = args.region.as_deref();
        check_region(&live.book, ctx.scope(), region)?;
        let deals = PeriodDeals::new(&live, range, region)?;
        let mut ranked: Vec<(&DealEntry, &OpenDeal, f64)> = deals
            .open
            .iter()
            .map(|(d, o)| (*d, *o, d.opportunity.amount as f64 * (1.0 - o.probability)))
            .collect();
        ranked.sort_by(|a, b| {
            b.2.total_cmp(&a.2)
                .then(b.0.opportunity.amount.cmp(&a.0.opportunity.amount))
                .then(a.0.opportunity.id.cmp(&b.0.opportunity.id))
        });
        let total: f64 = ranked.iter().map(|r| r.2).sum();
        ranked.truncate(args.limit);
        Ok(AtRiskDealsOutput {
            period: range,
            region: args.region.clone(),
            open_deals: deals.open.len(),
            total_exposure: dollars(total),
            sources: deal_sources(&live.book, ranked.iter().map(|r| r.0), MAX_SOURCES),
            deals: ranked.iter().map(|r| row(&live, r)).collect(),
        })
    }
}

fn row(live: &LiveForecast, (deal, open, exposure): &(&DealEntry, &OpenDeal, f64)) -> AtRiskDeal {
    let o = &deal.opportunity;
    AtRiskDeal {
        deal_id: o.id.clone(),
        name: o.name.clone(),
        account: live.book.account_name(&o.account_id),
        owner: live.book.user_name(&o.owner_id),
        amount: o.amount,
        stage: o.stage.as_str().to_owned(),
        close_date: o.close_date,
        win_probability: open.probability,
        exposure: dollars(*exposure),
        drivers: live
            .reasons_of(deal, open)
            .iter()
            .take(REASONS_PER_DEAL)
            .map(|r| r.driver.words())
            .collect(),
    }
}
