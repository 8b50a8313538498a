//! `forecast`: a period's forecast against quota — closed, commit, best case, pipeline, the
//! model-expected total, a seeded P10–P90 range with slip risk and the confidence in it — and
//! the gap to quota with the deals whose risk explains most of it.

use async_trait::async_trait;
use revpulse_analytics::forecast::gap::rank_shortfall;
use revpulse_analytics::forecast::rollup::rollup;
use revpulse_analytics::forecast::simulation::{Simulation, SimulationConfig};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::live::LiveForecast;
use super::period_deals::PeriodDeals;
use super::quota::{PeriodQuota, period_quota};
use super::views::{Confidence, ConfidenceLevel, WinMethod, check_region, deal_sources, dollars};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Deals listed as explaining the gap.
const TOP_DRIVERS: usize = 5;
/// Most records cited.
const MAX_SOURCES: usize = 50;

/// Arguments of `forecast`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForecastArgs {
    /// The period to forecast; defaults to the current calendar quarter.
    #[serde(default)]
    pub period: Option<DateRange>,
    /// Only this region (a region id such as "EMEA"); defaults to everything the caller sees.
    #[serde(default)]
    pub region: Option<String>,
}

/// One deal behind the gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GapDriver {
    /// Deal id.
    pub deal_id: String,
    /// Deal name.
    pub name: String,
    /// Account id.
    pub account_id: String,
    /// Account name.
    pub account: String,
    /// Owner's user id.
    pub owner_id: String,
    /// Owner's name.
    pub owner: String,
    /// Amount, whole dollars.
    pub amount: i64,
    /// Calibrated win probability.
    pub win_probability: f64,
    /// amount × (1 − win probability), whole dollars.
    pub expected_shortfall: i64,
    /// The deal's top risk driver in words, e.g. "no exec-sponsor engagement in 21 days".
    pub driver: String,
}

/// The period's forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ForecastOutput {
    /// The period forecast.
    pub period: DateRange,
    /// The region, when one was asked for.
    pub region: Option<String>,
    /// Quota of the period (see `quota_basis`), whole dollars.
    pub quota: i64,
    /// How the quota was made: the visible reps' quarterly quotas × quarters in the period.
    pub quota_basis: PeriodQuota,
    /// New-business and expansion deals won with a close date in the period.
    pub closed_won: i64,
    /// Open deals closing in the period called commit.
    pub commit: i64,
    /// Open deals closing in the period called best case.
    pub best_case: i64,
    /// Open deals closing in the period called pipeline.
    pub pipeline: i64,
    /// Σ amount × calibrated win probability over the open deals closing in the period
    /// (closed won not included).
    pub model_expected: i64,
    /// closed_won + Σ amount × win probability × (1 − slip probability), whole dollars: the
    /// centre of the range, below closed_won + model_expected by the risk that wins slip past
    /// the period (slip rates learnt from earlier quarters at the same week).
    pub slip_adjusted_expected: i64,
    /// 10th percentile of where the period lands (closed won + simulated open deals, with slip
    /// risk; 10,000 seeded iterations).
    pub p10: i64,
    /// Median of where the period lands.
    pub p50: i64,
    /// 90th percentile of where the period lands.
    pub p90: i64,
    /// Share of simulated outcomes at or above quota.
    pub quota_attainment_rate: f64,
    /// Confidence in the range: the amount-weighted mean of the open deals' model confidence
    /// (similar closed deals, ensemble agreement, typicality).
    pub confidence: Confidence,
    /// quota − (closed_won + model_expected); negative when ahead.
    pub gap_to_quota: i64,
    /// gap_to_quota ÷ quota; `None` with no quota.
    pub gap_rate: Option<f64>,
    /// The open deals with the largest expected shortfall, largest first (at most 5).
    pub drivers: Vec<GapDriver>,
    /// How the win probabilities were produced.
    pub method: WinMethod,
    /// Open deals closing in the period.
    pub open_deals: usize,
    /// The driver deals, then the largest deals of the period.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(ForecastOutput);

/// The `forecast` tool.
pub struct ForecastTool;

#[async_trait]
impl Tool for ForecastTool {
    const NAME: &'static str = "forecast";
    const DESCRIPTION: &'static str = "Forecast for a period (default this quarter) against quota: \
        closed won, commit, best case, pipeline, model-expected, a P10-P90 range with its \
        confidence, the gap to quota and the deals that explain most of it with their risk driver.";
    type Args = ForecastArgs;
    type Output = ForecastOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: ForecastArgs,
    ) -> Result<ForecastOutput, ToolError> {
        let live = LiveForecast::for_caller(ctx).await?;
        let range = args
            .period
            .unwrap_or_else(|| DateRange::quarter_of(ctx.today()))
            .validated(Self::NAME)?;
        let region = args.region.as_deref();
        check_region(&live.book, ctx.scope(), region)?;
        let deals = PeriodDeals::new(&live, range, region)?;
        forecast(&live, &deals, range, args.region.clone())
    }
}

fn forecast(
    live: &LiveForecast,
    deals: &PeriodDeals<'_>,
    range: DateRange,
    region: Option<String>,
) -> Result<ForecastOutput, ToolError> {
    let with_slip = deals.forecast_deals(true);
    let totals = rollup(&with_slip, deals.period);
    let simulation = Simulation::run(&with_slip, deals.period, SimulationConfig::default())
        .map_err(|e| ToolError::analytics("forecast simulation", e))?;
    let spread = simulation.range();
    let quota = period_quota(&live.book, range, region.as_deref());
    let closed_won = deals.closed_won();
    let expected: f64 = deals
        .open
        .iter()
        .map(|(d, o)| d.opportunity.amount as f64 * o.probability)
        .sum();
    let slip_adjusted: f64 = deals
        .open
        .iter()
        .map(|(d, o)| d.opportunity.amount as f64 * o.probability * o.slip.complement().value())
        .sum();
    let gap = quota.quota as f64 - (closed_won as f64 + expected);
    let drivers = gap_drivers(live, deals);
    let cited = drivers
        .iter()
        .filter_map(|g| live.book.deal(&g.deal_id))
        .chain(largest(deals));
    Ok(ForecastOutput {
        period: range,
        region,
        quota: quota.quota,
        closed_won,
        commit: totals.commit,
        best_case: totals.best_case,
        pipeline: totals.pipeline,
        model_expected: dollars(expected),
        slip_adjusted_expected: dollars(closed_won as f64 + slip_adjusted),
        p10: dollars(spread.p10),
        p50: dollars(spread.p50),
        p90: dollars(spread.p90),
        quota_attainment_rate: simulation.probability_at_least(quota.quota as f64),
        confidence: range_confidence(deals),
        gap_to_quota: dollars(gap),
        gap_rate: (quota.quota != 0).then(|| gap / quota.quota as f64),
        method: WinMethod::of(live.model.method()),
        open_deals: deals.open.len(),
        sources: deal_sources(&live.book, cited, MAX_SOURCES),
        quota_basis: quota,
        drivers,
    })
}

/// The top deals by expected shortfall (amount × (1 − p), no slip), with their top driver.
fn gap_drivers(live: &LiveForecast, deals: &PeriodDeals<'_>) -> Vec<GapDriver> {
    let ranked = rank_shortfall(&deals.forecast_deals(false), deals.period);
    ranked
        .iter()
        .take(TOP_DRIVERS)
        .filter_map(|g| {
            let (deal, open) = live.open_deal(&g.deal_id, ForecastTool::NAME).ok()?;
            let o = &deal.opportunity;
            let driver = live.reasons_of(deal, open).first().map_or_else(
                || "no risk signal recorded".to_owned(),
                |r| r.driver.words(),
            );
            Some(GapDriver {
                deal_id: o.id.clone(),
                name: o.name.clone(),
                account_id: o.account_id.clone(),
                account: live.book.account_name(&o.account_id),
                owner_id: o.owner_id.clone(),
                owner: live.book.user_name(&o.owner_id),
                amount: o.amount,
                win_probability: open.probability,
                expected_shortfall: dollars(g.expected_shortfall),
                driver,
            })
        })
        .collect()
}

/// The amount-weighted mean confidence of the open deals (certain when nothing is open).
fn range_confidence(deals: &PeriodDeals<'_>) -> Confidence {
    let (mut weighted, mut total) = (0.0, 0.0);
    for (d, o) in &deals.open {
        let amount = d.opportunity.amount.max(0) as f64;
        let score = o.score.as_ref().map_or(0.0, |s| s.confidence.score);
        weighted += amount * score;
        total += amount;
    }
    let score = if total > 0.0 { weighted / total } else { 1.0 };
    Confidence {
        score,
        label: ConfidenceLevel::of_score(score),
    }
}

/// The period's deals, largest first (ties by id).
fn largest<'a>(deals: &PeriodDeals<'a>) -> impl Iterator<Item = &'a super::deal_book::DealEntry> {
    let mut all: Vec<_> = deals
        .won
        .iter()
        .copied()
        .chain(deals.open.iter().map(|(d, _)| *d))
        .collect();
    all.sort_by(|a, b| {
        b.opportunity
            .amount
            .cmp(&a.opportunity.amount)
            .then(a.opportunity.id.cmp(&b.opportunity.id))
    });
    all.into_iter()
}
