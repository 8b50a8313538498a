//! Gathering the brief's parts from the other tools, tolerating the parts a small scope has no
//! data for (a rep's own deals cannot train a forecast model; the part is left out and said so).

use async_trait::async_trait;
use chrono::{Duration, NaiveDate};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::conversation::CompetitorMentionsTool;
use crate::conversation::competitor_mentions::CompetitorMentionsOutput;
use crate::forecast::at_risk_deals::{AtRiskDealsOutput, AtRiskDealsTool};
use crate::forecast::forecast_period::{ForecastOutput, ForecastTool};
use crate::forecast::next_best_actions::NextBestActionsTool;
use crate::pipeline::changes::{PipelineChangesOutput, PipelineChangesTool};
use crate::pipeline::open_pipeline::{PipelineOutput, PipelineTool};
use crate::pipeline::slipped::{SlippedDealsOutput, SlippedDealsTool};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Daily or weekly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BriefKind {
    /// The morning brief: changes since yesterday.
    #[default]
    Daily,
    /// The weekly summary: changes over the last seven days.
    Weekly,
}

/// Arguments of `executive_brief`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExecutiveBriefArgs {
    /// `daily` (default) or `weekly`.
    #[serde(default)]
    pub kind: BriefKind,
}

/// One recommended action, from the riskiest deals' next best actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecommendedAction {
    /// The deal.
    pub deal_id: String,
    /// Its name.
    pub deal_name: String,
    /// What to do, with the reason.
    pub action: String,
    /// The risk driver or rule it answers.
    pub addresses: String,
}

/// The brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExecutiveBriefOutput {
    /// Daily or weekly.
    pub kind: BriefKind,
    /// The day it was written for.
    pub date: NaiveDate,
    /// The window "changes" covers.
    pub window: DateRange,
    /// Open pipeline by stage, with creation this week vs last.
    pub pipeline: PipelineOutput,
    /// The waterfall over the window: new, moved, won, lost.
    pub changes: PipelineChangesOutput,
    /// This quarter's forecast against quota, when the scope has the history to model it.
    pub forecast: Option<ForecastOutput>,
    /// Deals that slipped at least twice.
    pub slipped: SlippedDealsOutput,
    /// The riskiest deals closing this quarter.
    pub at_risk: Option<AtRiskDealsOutput>,
    /// Competitor mentions this month against last.
    pub competitors: Option<CompetitorMentionsOutput>,
    /// Three recommended actions.
    pub actions: Vec<RecommendedAction>,
    /// Parts left out and why.
    pub omitted: Vec<String>,
    /// Citations: the records and passages behind every part.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(ExecutiveBriefOutput);

/// `executive_brief`.
pub struct ExecutiveBriefTool;

/// Calls `tool` with JSON `args` (so defaults come from the tool's own args type).
async fn run<T: Tool>(
    tool: T,
    ctx: &ToolContext,
    args: serde_json::Value,
) -> Result<T::Output, ToolError>
where
    T::Args: DeserializeOwned,
{
    let args: T::Args = serde_json::from_value(args).map_err(|e| ToolError::InvalidArgs {
        tool: T::NAME.to_owned(),
        reason: e.to_string(),
    })?;
    tool.call(ctx, args).await
}

/// `Ok(None)` when the scope lacks the data for a part, naming it in `omitted`.
fn optional<T>(
    part: &str,
    result: Result<T, ToolError>,
    omitted: &mut Vec<String>,
) -> Result<Option<T>, ToolError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(ToolError::NotEnoughData { missing }) => {
            omitted.push(format!("{part}: {missing}"));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

#[async_trait]
impl Tool for ExecutiveBriefTool {
    const NAME: &'static str = "executive_brief";
    const DESCRIPTION: &'static str = "The executive brief (daily or weekly): pipeline health, \
        forecast vs quota with drivers, slipped deals, risk-ranked deals, wins and losses, \
        competitor trend and recommended actions.";
    type Args = ExecutiveBriefArgs;
    type Output = ExecutiveBriefOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        let today = ctx.today();
        let days = match args.kind {
            BriefKind::Daily => 1,
            BriefKind::Weekly => 7,
        };
        let from = today - Duration::days(days);
        let mut omitted = Vec::new();
        let pipeline = run(PipelineTool, ctx, json!({})).await?;
        let changes = run(PipelineChangesTool, ctx, json!({"from": from, "to": today})).await?;
        let forecast = optional(
            "forecast",
            run(ForecastTool, ctx, json!({})).await,
            &mut omitted,
        )?;
        let slipped = run(SlippedDealsTool, ctx, json!({"limit": 5})).await?;
        let at_risk = optional(
            "deals at risk",
            run(AtRiskDealsTool, ctx, json!({"limit": 5})).await,
            &mut omitted,
        )?;
        let competitors = optional(
            "competitor trend",
            run(CompetitorMentionsTool, ctx, json!({})).await,
            &mut omitted,
        )?;
        let mut actions = Vec::new();
        for deal in at_risk.iter().flat_map(|r| r.deals.iter()) {
            if actions.len() >= 3 {
                break;
            }
            let next = optional(
                "recommended actions",
                run(NextBestActionsTool, ctx, json!({"deal_id": deal.deal_id})).await,
                &mut omitted,
            )?;
            if let Some(a) = next.and_then(|n| n.actions.into_iter().next()) {
                actions.push(RecommendedAction {
                    deal_id: deal.deal_id.clone(),
                    deal_name: deal.name.clone(),
                    action: a.action,
                    addresses: a.addresses,
                });
            }
        }
        let mut sources: Vec<Source> = Vec::new();
        let parts: [&[Source]; 6] = [
            forecast.as_ref().map_or(&[], |f| f.sources.as_slice()),
            at_risk.as_ref().map_or(&[], |a| a.sources.as_slice()),
            &changes.sources,
            &slipped.sources,
            competitors.as_ref().map_or(&[], |c| c.sources.as_slice()),
            &pipeline.sources,
        ];
        for part in parts {
            for s in part.iter().take(15) {
                if !sources.contains(s) {
                    sources.push(s.clone());
                }
            }
        }
        Ok(ExecutiveBriefOutput {
            kind: args.kind,
            date: today,
            window: DateRange { from, to: today },
            pipeline,
            changes,
            forecast,
            slipped,
            at_risk,
            competitors,
            actions,
            omitted,
            sources,
        })
    }
}
