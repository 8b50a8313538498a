//! `campaigns`: the marketing campaigns the caller can see as flat, typed rows with their
//! spend and the touches and leads behind them — filtered by channel, a day they ran on and
//! name, sorted and paginated — for browsing from the GraphQL API and MCP.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use chrono::NaiveDate;
use revpulse_graph::model::{Campaign, CompanyDataset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::page::{Page, contains_folded, default_limit, folded_text};
use super::vocabulary::CampaignChannel;
use crate::{Source, Tool, ToolContext, ToolError};

/// The order campaigns are listed in (ties by campaign id).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CampaignOrder {
    /// Latest start date first.
    #[default]
    StartDateDesc,
    /// Largest spend first.
    CostDesc,
}

/// Arguments of [`CampaignsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignsArgs {
    /// Only campaigns in this channel.
    #[serde(default)]
    pub channel: Option<CampaignChannel>,
    /// Only campaigns running on this day (start and end dates included), `YYYY-MM-DD`.
    #[serde(default)]
    pub active_on: Option<NaiveDate>,
    /// Only campaigns whose name contains this text (any case).
    #[serde(default)]
    pub name: Option<String>,
    /// Order: start_date_desc (default) or cost_desc; ties by campaign id.
    #[serde(default)]
    pub sort: CampaignOrder,
    /// Rows per page (default 50, at most 500).
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// Matching rows to skip before the page starts (default 0).
    #[serde(default)]
    pub offset: usize,
}

/// One campaign as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignListing {
    /// Campaign id.
    pub id: String,
    /// Campaign name.
    pub name: String,
    /// Channel.
    pub channel: CampaignChannel,
    /// Region targeted; none for a global campaign.
    pub region_id: Option<String>,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// Total spend, whole dollars.
    pub cost: i64,
    /// Its touches on leads of accounts you can see.
    pub touches: i64,
    /// Distinct leads of accounts you can see that it touched.
    pub leads: i64,
}

/// A page of campaigns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignsOutput {
    /// Campaigns matching the filters, before pagination.
    pub total: i64,
    /// This page, in the requested order.
    pub rows: Vec<CampaignListing>,
    /// The campaigns on this page.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(CampaignsOutput);

/// Lists the marketing campaigns the caller can see.
pub struct CampaignsTool;

#[async_trait]
impl Tool for CampaignsTool {
    const NAME: &'static str = "campaigns";
    const DESCRIPTION: &'static str = "List marketing campaigns with channel, region, dates, \
        cost and the touches and leads behind them, filtered by channel, a day they ran on or \
        name, sorted by start date or cost and paginated (limit/offset, total before paging). \
        Global campaigns are company-wide and listed for every caller, regional ones only for \
        callers granted that whole region; touch and lead counts cover only the accounts you can see.";
    type Args = CampaignsArgs;
    type Output = CampaignsOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: CampaignsArgs,
    ) -> Result<CampaignsOutput, ToolError> {
        let page = Page::new(Self::NAME, args.limit, args.offset)?;
        let name = args
            .name
            .as_deref()
            .map(|n| folded_text(Self::NAME, "name", n))
            .transpose()?;
        let company = ctx.company().await?;
        let mut campaigns: Vec<&Campaign> = company
            .campaigns
            .iter()
            .filter(|c| {
                args.channel
                    .is_none_or(|ch| CampaignChannel::from(c.channel) == ch)
            })
            .filter(|c| {
                args.active_on
                    .is_none_or(|d| c.start_date <= d && d <= c.end_date)
            })
            .filter(|c| name.as_deref().is_none_or(|n| contains_folded(&c.name, n)))
            .collect();
        campaigns.sort_by(|a, b| {
            match args.sort {
                CampaignOrder::StartDateDesc => b.start_date.cmp(&a.start_date),
                CampaignOrder::CostDesc => b.cost.cmp(&a.cost),
            }
            .then_with(|| a.id.cmp(&b.id))
        });
        let (total, campaigns) = page.cut(campaigns);
        let reach = Reach::of(&company);
        Ok(CampaignsOutput {
            total,
            sources: campaigns
                .iter()
                .map(|c| Source::record("Campaign", &c.id, &c.name))
                .collect(),
            rows: campaigns.into_iter().map(|c| reach.listing(c)).collect(),
        })
    }
}

/// Each campaign's visible touches and the distinct leads they reached.
#[derive(Default)]
struct Reach<'a> {
    by_campaign: BTreeMap<&'a str, (i64, BTreeSet<&'a str>)>,
}

impl<'a> Reach<'a> {
    fn of(company: &'a CompanyDataset) -> Self {
        let mut reach = Self::default();
        for touch in &company.touches {
            let (touches, leads) = reach
                .by_campaign
                .entry(touch.campaign_id.as_str())
                .or_default();
            *touches += 1;
            leads.insert(touch.lead_id.as_str());
        }
        reach
    }

    fn listing(&self, campaign: &Campaign) -> CampaignListing {
        let (touches, leads) = self
            .by_campaign
            .get(campaign.id.as_str())
            .map_or((0, 0), |(t, l)| {
                (*t, i64::try_from(l.len()).unwrap_or(i64::MAX))
            });
        CampaignListing {
            id: campaign.id.clone(),
            name: campaign.name.clone(),
            channel: campaign.channel.into(),
            region_id: campaign.region_id.clone(),
            start_date: campaign.start_date,
            end_date: campaign.end_date,
            cost: campaign.cost,
            touches,
            leads,
        }
    }
}
