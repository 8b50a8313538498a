//! `attribution`: which campaigns influenced the most closed-won revenue, under every
//! attribution model side by side, and where the models disagree — the marketing leader's
//! "which campaigns drove revenue?" with the money reconciled to the dollar.

use std::collections::BTreeMap;

use async_trait::async_trait;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::credits::CampaignCredits;
use super::journeys::{WindowJourneys, window_journeys};
use super::ledger::{DealLedger, DealOutcome};
use super::model_name::AttributionModelName;
use super::touches::CampaignTouches;
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Most campaigns a call may list.
const MAX_LIMIT: usize = 100;
/// Disagreements listed.
const DISAGREEMENTS: usize = 5;
/// Largest won deals cited.
const CITED_DEALS: usize = 20;

/// Attribution of closed-won revenue to campaigns.
pub struct AttributionTool;

/// Arguments of [`AttributionTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributionArgs {
    /// Closed-won deals whose win day falls in this range are attributed; default: the
    /// current calendar year up to today.
    #[serde(default)]
    pub period: Option<DateRange>,
    /// Models to run (first_touch, last_touch, linear, u_shaped, w_shaped, full_path,
    /// time_decay, markov, shapley); default: all of them.
    #[serde(default)]
    pub models: Vec<AttributionModelName>,
    /// Number of campaigns to list, by mean credit across models (default 10, at most 100).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

fn default_limit() -> usize {
    10
}

/// One campaign's credit under each model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CampaignCredit {
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub name: String,
    /// Channel (e.g. `webinar`, `paid_search`).
    pub channel: String,
    /// Revenue credited, model name → whole dollars.
    pub credit: BTreeMap<String, i64>,
}

/// One model's total credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ModelTotal {
    /// The model.
    pub model: AttributionModelName,
    /// Revenue it credits to campaigns (all of them); plus `unattributed_revenue` this is
    /// exactly `won_revenue`.
    pub attributed_revenue: i64,
    /// Of that, credited to campaigns not listed (beyond `limit`).
    pub unlisted_revenue: i64,
}

/// A campaign the models disagree about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ModelDisagreement {
    /// Campaign id.
    pub campaign_id: String,
    /// Campaign name.
    pub name: String,
    /// The model crediting it most.
    pub best_model: AttributionModelName,
    /// The model crediting it least.
    pub worst_model: AttributionModelName,
    /// Credit under the best model minus credit under the worst, in dollars.
    pub spread_dollars: i64,
}

/// What [`AttributionTool`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AttributionOutput {
    /// The win days attributed.
    pub period: DateRange,
    /// The models run, in order.
    pub models: Vec<AttributionModelName>,
    /// Deals won in the period.
    pub won_deals: u64,
    /// Their amount, in dollars.
    pub won_revenue: i64,
    /// Of those deals, the ones with at least one campaign touch.
    pub attributed_deals: u64,
    /// Won revenue of deals no visible campaign touched.
    pub unattributed_revenue: i64,
    /// Each model's total credit.
    pub model_totals: Vec<ModelTotal>,
    /// Top campaigns by mean credit across models (largest first, ties by id).
    pub campaigns: Vec<CampaignCredit>,
    /// Campaigns whose credit differs most between models, widest spread first.
    pub disagreements: Vec<ModelDisagreement>,
    /// The listed campaigns and the deals won (those campaigns touched first, largest first).
    pub sources: Vec<Source>,
}

crate::cited_by_field!(AttributionOutput);

#[async_trait]
impl Tool for AttributionTool {
    const NAME: &'static str = "attribution";
    const DESCRIPTION: &'static str = "Which campaigns influenced the most closed-won revenue in a \
        period, by attribution model (first touch, last touch, linear, U-shaped, W-shaped, full \
        path, time decay, Markov, Shapley), with where the models disagree.";
    type Args = AttributionArgs;
    type Output = AttributionOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        if args.limit == 0 || args.limit > MAX_LIMIT {
            return Err(ToolError::InvalidArgs {
                tool: Self::NAME.to_owned(),
                reason: format!("limit must be between 1 and {MAX_LIMIT}"),
            });
        }
        let today = ctx.today();
        let period = match args.period {
            Some(p) => p.validated(Self::NAME)?,
            None => DateRange::new(DateRange::year_of(today).from, today, Self::NAME)?,
        };
        let company = ctx.company().await?;
        let ledger = DealLedger::new(&company, today);
        let touches = CampaignTouches::new(&company, today);
        let journeys = window_journeys(&company, &ledger, &touches, period)?;
        let models = AttributionModelName::resolve(&args.models);
        let credits = CampaignCredits::run(&journeys, &models)?;
        Ok(report(period, &journeys, &touches, &credits, args.limit))
    }
}

fn report(
    period: DateRange,
    journeys: &WindowJourneys<'_>,
    touches: &CampaignTouches<'_>,
    credits: &CampaignCredits,
    limit: usize,
) -> AttributionOutput {
    let ranked = credits.ranked();
    let listed = &ranked[..ranked.len().min(limit)];
    let campaigns: Vec<CampaignCredit> = listed
        .iter()
        .filter_map(|&k| campaign_credit(touches, credits, k))
        .collect();
    let model_totals = credits
        .models
        .iter()
        .enumerate()
        .map(|(m, model)| {
            let attributed_revenue = credits.model_total(m);
            let listed_revenue: i64 = listed
                .iter()
                .filter_map(|&k| credits.of_campaign(k).get(m))
                .sum();
            ModelTotal {
                model: *model,
                attributed_revenue,
                unlisted_revenue: attributed_revenue - listed_revenue,
            }
        })
        .collect();
    let mut sources: Vec<Source> = listed
        .iter()
        .filter_map(|&k| touches.campaign(k as u32))
        .map(|c| Source::record("Campaign", &c.id, &c.name))
        .collect();
    let attributed = journeys.attributed_deals();
    let (touched, untouched): (Vec<&DealOutcome<'_>>, Vec<_>) = journeys
        .won_deals
        .iter()
        .partition(|d| attributed.binary_search(&d.deal.id.as_str()).is_ok());
    sources.extend(
        touched
            .into_iter()
            .chain(untouched)
            .take(CITED_DEALS)
            .map(|d| Source::record("Opportunity", &d.deal.id, &d.deal.name)),
    );
    AttributionOutput {
        period,
        models: credits.models.clone(),
        won_deals: journeys.won_deals.len() as u64,
        won_revenue: journeys.won_revenue,
        attributed_deals: attributed.len() as u64,
        unattributed_revenue: journeys.unattributed_revenue(),
        model_totals,
        campaigns,
        disagreements: disagreements(touches, credits, &ranked),
        sources,
    }
}

fn campaign_credit(
    touches: &CampaignTouches<'_>,
    credits: &CampaignCredits,
    k: usize,
) -> Option<CampaignCredit> {
    let campaign = touches.campaign(k as u32)?;
    Some(CampaignCredit {
        campaign_id: campaign.id.clone(),
        name: campaign.name.clone(),
        channel: campaign.channel.as_str().to_owned(),
        credit: credits
            .models
            .iter()
            .zip(credits.of_campaign(k))
            .map(|(model, dollars)| (model.as_str().to_owned(), *dollars))
            .collect(),
    })
}

/// The credited campaigns with the widest spread between models (none with one model).
fn disagreements(
    touches: &CampaignTouches<'_>,
    credits: &CampaignCredits,
    ranked: &[usize],
) -> Vec<ModelDisagreement> {
    let mut out: Vec<(i64, usize, ModelDisagreement)> = ranked
        .iter()
        .filter_map(|&k| {
            let (best_model, worst_model, spread_dollars) = credits.spread(k)?;
            let campaign = touches.campaign(k as u32)?;
            (spread_dollars > 0).then(|| {
                let row = ModelDisagreement {
                    campaign_id: campaign.id.clone(),
                    name: campaign.name.clone(),
                    best_model,
                    worst_model,
                    spread_dollars,
                };
                (spread_dollars, k, row)
            })
        })
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    out.into_iter()
        .take(DISAGREEMENTS)
        .map(|(_, _, row)| row)
        .collect()
}
