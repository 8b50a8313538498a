//! `funnel`: stage-to-stage conversion by region — lead → MQL → SQL → opportunity, then the
//! opportunity stages to closed won — in a period against the region's own history, with the
//! analytics' significance test, the stage where the region drops most and the volume sitting
//! at that stage: "which region is dropping in the funnel and why?".

use async_trait::async_trait;
use chrono::Duration;
use revpulse_graph::model::Quarter;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::funnel_report::{RegionFunnel, region_funnels};
use crate::{DateRange, Scope, Source, Tool, ToolContext, ToolError};

/// Most history periods a call may compare against.
const MAX_HISTORY_PERIODS: u32 = 12;

/// The funnel by region against its own history.
pub struct FunnelTool;

/// Arguments of [`FunnelTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FunnelArgs {
    /// Cohort window: entries that reached a stage in it are judged at that stage; default the
    /// current quarter.
    #[serde(default)]
    pub period: Option<DateRange>,
    /// One region id; default every region the caller sees, each compared.
    #[serde(default)]
    pub region: Option<String>,
    /// How many periods before `period` form its history: calendar quarters when `period` is a
    /// quarter, otherwise windows of the same length (default 4, at most 12).
    #[serde(default = "default_history_periods")]
    pub history_periods: u32,
}

fn default_history_periods() -> u32 {
    4
}

/// What [`FunnelTool`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FunnelOutput {
    /// The window compared.
    pub period: DateRange,
    /// The history it is compared with (the periods just before it).
    pub history: DateRange,
    /// Each region's funnel, in region id order.
    pub regions: Vec<RegionFunnel>,
    /// The regions and the deals sitting at each region's worst-drop stage.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(FunnelOutput);

#[async_trait]
impl Tool for FunnelTool {
    const NAME: &'static str = "funnel";
    const DESCRIPTION: &'static str = "Stage-to-stage funnel conversion by region (lead, MQL, SQL, \
        opportunity, then each deal stage to closed won) in a period versus the region's own \
        history, with significance, the stage where each region drops most and the volume \
        sitting there.";
    type Args = FunnelArgs;
    type Output = FunnelOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        if !(1..=MAX_HISTORY_PERIODS).contains(&args.history_periods) {
            return Err(ToolError::InvalidArgs {
                tool: Self::NAME.to_owned(),
                reason: format!("history_periods must be between 1 and {MAX_HISTORY_PERIODS}"),
            });
        }
        let today = ctx.today();
        let period = match args.period {
            Some(p) => p.validated(Self::NAME)?,
            None => DateRange::quarter_of(today),
        };
        let history = history_window(period, args.history_periods);
        let company = ctx.company().await?;
        let regions = regions_asked(ctx.scope(), &company.regions, args.region)?;
        let (regions, sources) = region_funnels(&company, today, &regions, (period, history))?;
        Ok(FunnelOutput {
            period,
            history,
            regions,
            sources,
        })
    }
}

/// The `periods` calendar quarters before a quarter, or the `periods` windows of the same
/// length before any other range.
fn history_window(period: DateRange, periods: u32) -> DateRange {
    let to = period.from - Duration::days(1);
    let from = if DateRange::quarter_of(period.from) == period {
        let mut quarter = Quarter::containing(period.from);
        for _ in 0..periods {
            quarter = quarter.previous();
        }
        quarter.start()
    } else {
        period.from - Duration::days(period.days() * i64::from(periods))
    };
    DateRange { from, to }
}

/// The regions to compare: the one asked (which must exist and be wholly visible, else
/// `NotFound`), or every region the caller sees wholly.
fn regions_asked(
    scope: &Scope,
    regions: &[revpulse_graph::model::Region],
    asked: Option<String>,
) -> Result<Vec<(String, String)>, ToolError> {
    let visible = regions.iter().filter(|r| scope.sees_region(&r.id));
    let mut chosen: Vec<(String, String)> = match &asked {
        Some(id) => visible
            .filter(|r| &r.id == id)
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect(),
        None => visible.map(|r| (r.id.clone(), r.name.clone())).collect(),
    };
    chosen.sort();
    match (asked, chosen.is_empty()) {
        (Some(id), true) => Err(ToolError::NotFound { what: "region", id }),
        (None, true) => Err(ToolError::NotEnoughData {
            missing: "funnels are compared by region, and your access covers no whole region"
                .to_owned(),
        }),
        (_, false) => Ok(chosen),
    }
}
