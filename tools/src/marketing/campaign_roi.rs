//! `campaign_roi`: what one campaign cost, the leads it touched, the pipeline and revenue of
//! the deals those leads became, and the revenue credited to it — with ROI — under every
//! attribution model: "what is the ROI of this campaign?".

use std::collections::BTreeSet;

use async_trait::async_trait;
use chrono::NaiveDate;
use revpulse_analytics::attribution::AttributionModel;
use revpulse_graph::model::{Campaign, Stage};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::credits::CampaignCredits;
use super::journeys::window_journeys;
use super::ledger::{DealLedger, DealOutcome, end_of_day};
use super::model_name::AttributionModelName;
use super::touches::CampaignTouches;
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Influenced deals cited.
const CITED_DEALS: usize = 30;

/// One campaign's cost, influence and return.
pub struct CampaignRoiTool;

/// Arguments of [`CampaignRoiTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignRoiArgs {
    /// Campaign id, e.g. `CMP-031`.
    pub campaign: String,
}

/// The campaign's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignProfile {
    /// Campaign id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Channel (e.g. `webinar`).
    pub channel: String,
    /// Content asset promoted (e.g. `case_study`, `none`).
    pub content: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Region targeted; `None` for a global campaign.
    pub region: Option<String>,
}

/// Revenue credited to the campaign under one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ModelReturn {
    /// The model.
    pub model: AttributionModelName,
    /// Closed-won revenue credited to the campaign, in dollars.
    pub influenced_revenue: i64,
    /// (influenced_revenue − cost) / cost; `None` when the campaign cost nothing.
    pub roi: Option<f64>,
}

/// What [`CampaignRoiTool`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignRoiOutput {
    /// The campaign.
    pub campaign: CampaignProfile,
    /// Its spend, in dollars.
    pub cost: i64,
    /// Win days credited: from the campaign's start to today.
    pub period: DateRange,
    /// Leads it touched by today.
    pub touched_leads: u64,
    /// Open and won deals whose converted lead it touched (before the win).
    pub influenced_deals: u64,
    /// Their amount today (open + won), in dollars.
    pub influenced_pipeline: i64,
    /// Of that, the amount of the won deals (any-touch revenue, before model credit).
    pub touched_won_revenue: i64,
    /// Revenue credited and ROI under each model.
    pub models: Vec<ModelReturn>,
    /// The campaign and the deals it influenced (largest first).
    pub sources: Vec<Source>,
}

crate::cited_by_field!(CampaignRoiOutput);

#[async_trait]
impl Tool for CampaignRoiTool {
    const NAME: &'static str = "campaign_roi";
    const DESCRIPTION: &'static str = "One campaign's cost, leads touched, influenced pipeline \
        and revenue, and the revenue credited and ROI under each attribution model.";
    type Args = CampaignRoiArgs;
    type Output = CampaignRoiOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        let today = ctx.today();
        let company = ctx.company().await?;
        let touches = CampaignTouches::new(&company, today);
        let not_found = || ToolError::NotFound {
            what: "campaign",
            id: args.campaign.clone(),
        };
        let index = touches.index_of(&args.campaign).ok_or_else(not_found)?;
        let campaign = touches.campaign(index).ok_or_else(not_found)?;
        let ledger = DealLedger::new(&company, today);
        let period = DateRange {
            from: campaign.start_date.min(today),
            to: today,
        };
        let journeys = window_journeys(&company, &ledger, &touches, period)?;
        let credits = CampaignCredits::run(&journeys, &AttributionModel::ALL)?;
        let models = model_returns(&credits, index as usize, campaign.cost);
        let touched_leads: BTreeSet<&str> = company
            .leads
            .iter()
            .filter(|l| touches.of_lead(&l.id).iter().any(|t| t.campaign == index))
            .map(|l| l.id.as_str())
            .collect();
        let influenced = influenced_deals(&ledger, &touches, index);
        let mut sources = vec![Source::record("Campaign", &campaign.id, &campaign.name)];
        sources.extend(
            influenced
                .iter()
                .take(CITED_DEALS)
                .map(|d| Source::record("Opportunity", &d.deal.id, &d.deal.name)),
        );
        Ok(CampaignRoiOutput {
            campaign: profile(campaign),
            cost: campaign.cost,
            period,
            touched_leads: touched_leads.len() as u64,
            influenced_deals: influenced.len() as u64,
            influenced_pipeline: influenced.iter().map(|d| d.amount).sum(),
            touched_won_revenue: influenced
                .iter()
                .filter(|d| d.stage == Stage::ClosedWon)
                .map(|d| d.amount)
                .sum(),
            models,
            sources,
        })
    }
}

fn profile(campaign: &Campaign) -> CampaignProfile {
    CampaignProfile {
        id: campaign.id.clone(),
        name: campaign.name.clone(),
        channel: campaign.channel.as_str().to_owned(),
        content: campaign.content.as_str().to_owned(),
        start: campaign.start_date,
        end: campaign.end_date,
        region: campaign.region_id.clone(),
    }
}

fn model_returns(credits: &CampaignCredits, k: usize, cost: i64) -> Vec<ModelReturn> {
    credits
        .models
        .iter()
        .zip(credits.of_campaign(k))
        .map(|(model, revenue)| ModelReturn {
            model: *model,
            influenced_revenue: *revenue,
            roi: (cost > 0).then(|| (*revenue - cost) as f64 / cost as f64),
        })
        .collect()
}

/// Open or won deals whose converted lead the campaign touched (a won deal only by a touch
/// up to its win day), largest first, ties by id.
fn influenced_deals<'a>(
    ledger: &DealLedger<'a>,
    touches: &CampaignTouches<'_>,
    campaign: u32,
) -> Vec<DealOutcome<'a>> {
    let mut deals: Vec<DealOutcome<'a>> = ledger
        .deals()
        .filter(|d| d.stage != Stage::ClosedLost)
        .filter(|d| {
            let until = d.won_on().map(end_of_day);
            ledger.leads_of(&d.deal.id).iter().any(|lead| {
                touches
                    .of_lead(&lead.id)
                    .iter()
                    .any(|t| t.campaign == campaign && until.is_none_or(|u| t.at <= u))
            })
        })
        .copied()
        .collect();
    deals.sort_by(|a, b| b.amount.cmp(&a.amount).then(a.deal.id.cmp(&b.deal.id)));
    deals
}
