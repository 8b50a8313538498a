//! `pipeline_changes`: the waterfall between two days — new, increased, decreased, pulled in,
//! pushed out, won, lost and the rarer moves — each deal attributed exactly once, so the
//! opening plus the steps is the closing pipeline to the dollar.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{Duration, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::as_of::{DealBook, DealHistory};
use super::deal_filter::DealFilter;
use super::directory::Directory;
use super::snapshot::DealsAmount;
use super::waterfall::{ChangeKind, DealMove, classify};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Deals listed per step.
const TOP_PER_STEP: usize = 5;

/// Arguments of [`PipelineChangesTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PipelineChangesArgs {
    /// Opening day (end of day), `YYYY-MM-DD`; default today − 7.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Closing day (end of day), `YYYY-MM-DD`; default today.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// When set, the pipeline is the deals due in this period, so close-date moves carry
    /// deals in and out (pulled in, pushed out).
    #[serde(default)]
    pub close_period: Option<DateRange>,
    /// Only deals of accounts in this region (region id).
    #[serde(default)]
    pub region: Option<String>,
}

/// One deal behind a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StepDeal {
    /// Deal id.
    pub deal_id: String,
    /// Deal name.
    pub name: String,
    /// What it moved, whole dollars (negative for an outflow).
    pub amount_change: i64,
}

/// One step of the waterfall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WaterfallStep {
    /// The category.
    pub kind: ChangeKind,
    /// Deals attributed to it.
    pub deals: i64,
    /// The change in the pipeline's deal count it made (+ in, − out, 0 for revisions).
    pub deals_change: i64,
    /// The money it moved, whole dollars (negative for outflows).
    pub amount: i64,
    /// The largest moves, at most five.
    pub top: Vec<StepDeal>,
}

/// The waterfall from one day's pipeline to another's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PipelineChangesOutput {
    /// Opening day.
    pub from: NaiveDate,
    /// Closing day.
    pub to: NaiveDate,
    /// The close-date period the pipeline was restricted to, if any.
    pub close_period: Option<DateRange>,
    /// The pipeline at the end of `from`.
    pub opening: DealsAmount,
    /// Every category in waterfall order (zeros included).
    pub steps: Vec<WaterfallStep>,
    /// The pipeline at the end of `to`.
    pub closing: DealsAmount,
    /// Whether opening + Σ steps equals closing in both money and deals.
    pub reconciles: bool,
    /// The deals listed in the steps.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(PipelineChangesOutput);

/// The pipeline waterfall between two days.
pub struct PipelineChangesTool;

#[async_trait]
impl Tool for PipelineChangesTool {
    const NAME: &'static str = "pipeline_changes";
    const DESCRIPTION: &'static str = "What changed in the open pipeline between two days: a \
        waterfall (new, increased, decreased, pulled in, pushed out, won, lost, reopened…) \
        with the deals behind each step, reconciling opening to closing exactly.";
    type Args = PipelineChangesArgs;
    type Output = PipelineChangesOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: PipelineChangesArgs,
    ) -> Result<PipelineChangesOutput, ToolError> {
        let to = args.to.unwrap_or(ctx.today());
        let from = args.from.unwrap_or(ctx.today() - Duration::days(7));
        DateRange::new(from, to, Self::NAME)?;
        let window = args
            .close_period
            .map(|p| p.validated(Self::NAME))
            .transpose()?;
        let company = ctx.company().await?;
        let directory = Directory::new(&company);
        let filter = DealFilter::resolve(ctx.scope(), &directory, args.region, None)?;
        let book = DealBook::new(&company);
        let mut opening = DealsAmount::default();
        let mut closing = DealsAmount::default();
        let mut moves: BTreeMap<ChangeKind, Vec<(&DealHistory<'_>, DealMove)>> = BTreeMap::new();
        for history in book
            .deals()
            .iter()
            .filter(|h| filter.admits(h.deal, &directory))
        {
            let (before, after) = (history.on(from), history.on(to));
            if let Some(b) = before.filter(|s| s.in_pipeline(window)) {
                opening.add(b.amount);
            }
            if let Some(a) = after.filter(|s| s.in_pipeline(window)) {
                closing.add(a.amount);
            }
            if let Some(m) = classify(before, after, window) {
                moves.entry(m.kind).or_default().push((history, m));
            }
        }
        let steps: Vec<WaterfallStep> = ChangeKind::ALL
            .into_iter()
            .map(|kind| step(kind, moves.remove(&kind).unwrap_or_default()))
            .collect();
        let sources = cited(&steps);
        Ok(PipelineChangesOutput {
            from,
            to,
            close_period: window,
            opening,
            reconciles: reconciles(opening, &steps, closing),
            steps,
            closing,
            sources,
        })
    }
}

/// The step of `kind` from its deals' moves.
fn step(kind: ChangeKind, mut moves: Vec<(&DealHistory<'_>, DealMove)>) -> WaterfallStep {
    moves.sort_by(|a, b| {
        b.1.amount
            .abs()
            .cmp(&a.1.amount.abs())
            .then_with(|| a.0.deal.id.cmp(&b.0.deal.id))
    });
    WaterfallStep {
        kind,
        deals: moves.len() as i64,
        deals_change: moves.iter().map(|(_, m)| m.deals).sum(),
        amount: moves.iter().map(|(_, m)| m.amount).sum(),
        top: moves
            .iter()
            .take(TOP_PER_STEP)
            .map(|(h, m)| StepDeal {
                deal_id: h.deal.id.clone(),
                name: h.deal.name.clone(),
                amount_change: m.amount,
            })
            .collect(),
    }
}

/// Whether opening plus the steps is the closing pipeline, in money and in deals.
fn reconciles(opening: DealsAmount, steps: &[WaterfallStep], closing: DealsAmount) -> bool {
    let amount: i64 = steps.iter().map(|s| s.amount).sum();
    let deals: i64 = steps.iter().map(|s| s.deals_change).sum();
    opening.amount + amount == closing.amount && opening.deals + deals == closing.deals
}

/// The deals listed in the steps, in step order.
fn cited(steps: &[WaterfallStep]) -> Vec<Source> {
    steps
        .iter()
        .flat_map(|s| &s.top)
        .map(|t| Source::record("Opportunity", &t.deal_id, &t.name))
        .collect()
}
