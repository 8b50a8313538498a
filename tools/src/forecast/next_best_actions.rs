//! `next_best_actions`: what to do next on one open deal — its risk reasons, most important
//! first, each turned into an action by the closed table in [`super::actions`], one action per
//! kind, ranked.

use async_trait::async_trait;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::actions::action_for;
use super::live::LiveForecast;
use super::views::deal_sources;
use crate::{Source, Tool, ToolContext, ToolError};

/// Arguments of `next_best_actions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextBestActionsArgs {
    /// The open deal (opportunity) id.
    pub deal_id: String,
}

/// One recommended action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NextAction {
    /// What to do, with the reason in parentheses, e.g. "Book a meeting with the exec sponsor
    /// (no exec-sponsor engagement in 21 days)".
    pub action: String,
    /// The risk it answers: a risk rule id (e.g. "no_executive_engagement") or a win-model
    /// signal key (e.g. "days_since_exec_sponsor_engaged").
    pub addresses: String,
    /// Rank, 1 first.
    pub priority: usize,
}

/// The deal's next best actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NextBestActionsOutput {
    /// Deal id.
    pub deal_id: String,
    /// Deal name.
    pub name: String,
    /// Its calibrated win probability.
    pub win_probability: f64,
    /// Actions, most important first (empty when nothing calls for one).
    pub actions: Vec<NextAction>,
    /// The deal and its account.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(NextBestActionsOutput);

/// The `next_best_actions` tool.
pub struct NextBestActionsTool;

#[async_trait]
impl Tool for NextBestActionsTool {
    const NAME: &'static str = "next_best_actions";
    const DESCRIPTION: &'static str = "Ranked next best actions for an open deal, each tied to \
        the risk driver or risk rule it answers (e.g. book a meeting with the exec sponsor when \
        they have not engaged in weeks).";
    type Args = NextBestActionsArgs;
    type Output = NextBestActionsOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: NextBestActionsArgs,
    ) -> Result<NextBestActionsOutput, ToolError> {
        let live = LiveForecast::for_caller(ctx).await?;
        let (deal, open) = live.open_deal(&args.deal_id, Self::NAME)?;
        let mut actions: Vec<NextAction> = Vec::new();
        let mut taken = Vec::new();
        for reason in live.reasons_of(deal, open) {
            let Some(action) = action_for(&reason.driver) else {
                continue;
            };
            if taken.contains(&action) {
                continue;
            }
            taken.push(action);
            actions.push(NextAction {
                action: action.text(&reason.driver),
                addresses: reason.addresses(),
                priority: actions.len() + 1,
            });
        }
        Ok(NextBestActionsOutput {
            deal_id: deal.opportunity.id.clone(),
            name: deal.opportunity.name.clone(),
            win_probability: open.probability,
            actions,
            sources: deal_sources(&live.book, [deal], 2),
        })
    }
}
