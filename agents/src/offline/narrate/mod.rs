//! Narrative templates: executive prose from tool outputs — the number, the reason, the deal or
//! account behind it, and a citation for each — plus the tables and charts behind the prose and
//! the follow-ups worth asking. Phrasing varies with the data (never randomly), so the same
//! data always reads the same.

mod brief;
mod conversations;
mod customer;
mod finance;
pub mod format;
mod marketing;
mod sales_pipeline;
mod sections;

use revpulse_tools::ToolReply;
use serde::de::DeserializeOwned;

use super::slots::Slots;
use crate::{AgentError, Section};

pub use brief::brief_markdown;

/// Prose, sections and follow-ups for one answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Narrative {
    /// Prose with `[[id]]` citation markers.
    pub text: String,
    /// Tables and charts.
    pub sections: Vec<Section>,
    /// Follow-up questions.
    pub follow_ups: Vec<String>,
}

/// The typed output of the first reply from `tool`.
fn output<T: DeserializeOwned>(replies: &[ToolReply], tool: &str) -> Result<T, AgentError> {
    let reply = replies
        .iter()
        .find(|r| r.tool == tool)
        .ok_or_else(|| AgentError::Routing(format!("the plan made no `{tool}` call")))?;
    serde_json::from_value(reply.output.clone())
        .map_err(|e| AgentError::Routing(format!("`{tool}` output does not match its type: {e}")))
}

/// Every typed output from `tool`, in call order.
fn outputs<T: DeserializeOwned>(replies: &[ToolReply], tool: &str) -> Result<Vec<T>, AgentError> {
    replies
        .iter()
        .filter(|r| r.tool == tool)
        .map(|r| {
            serde_json::from_value(r.output.clone()).map_err(|e| {
                AgentError::Routing(format!("`{tool}` output does not match its type: {e}"))
            })
        })
        .collect()
}

/// Writes the narrative for `intent` from `replies`.
pub fn narrate(
    intent: &str,
    slots: &Slots,
    question: &str,
    replies: &[ToolReply],
) -> Result<Narrative, AgentError> {
    let _ = (slots, question);
    Ok(match intent {
        "brief" => brief::brief(&output(replies, "executive_brief")?),
        "forecast" => finance::forecast(&output(replies, "forecast")?),
        "forecast_gap" => finance::forecast_gap(&output(replies, "forecast")?),
        "at_risk_deals" => finance::at_risk(&output(replies, "at_risk_deals")?),
        "deal_probability" => finance::deal_probability(&output(replies, "deal_risk")?),
        "next_best_actions" => finance::next_best_actions(&output(replies, "next_best_actions")?),
        "forecast_accuracy" => finance::forecast_accuracy(&output(replies, "forecast_accuracy")?),
        "deal_detail" => finance::deal_detail(&output(replies, "deal_detail")?),
        "pipeline" => sales_pipeline::pipeline(&output(replies, "pipeline")?),
        "pipeline_changes" => {
            sales_pipeline::pipeline_changes(&output(replies, "pipeline_changes")?)
        }
        "slipped_deals" => sales_pipeline::slipped(&output(replies, "slipped_deals")?),
        "stuck_deals" => sales_pipeline::stuck(&output(replies, "stuck_deals")?),
        "rep_attainment" => sales_pipeline::attainment(&output(replies, "rep_attainment")?),
        "bookings_arr" => sales_pipeline::bookings(&outputs(replies, "bookings_arr")?),
        "attribution" => marketing::attribution(&output(replies, "attribution")?),
        "funnel" => marketing::funnel(&output(replies, "funnel")?),
        "campaign_roi" => marketing::campaign_roi(&output(replies, "campaign_roi")?),
        "content_influence" => marketing::content_influence(&output(replies, "content_influence")?),
        "churn_risk" => customer::churn_risk(&output(replies, "churn_risk")?),
        "expansion" => customer::expansion(&output(replies, "expansion_opportunities")?),
        "account_health" => customer::account_health(&output(replies, "account_health")?),
        "account_timeline" => customer::account_timeline(&output(replies, "account_timeline")?),
        "call_summaries" => conversations::call_summaries(&output(replies, "call_summaries")?),
        "follow_up_email" => {
            let detail = outputs(replies, "deal_detail")?;
            conversations::follow_up_email(&output(replies, "call_summaries")?, detail.first())
        }
        "objections" => conversations::objections(&output(replies, "objections")?),
        "competitor_mentions" => {
            conversations::competitor_mentions(&output(replies, "competitor_mentions")?)
        }
        "competitor_insights" => {
            conversations::competitor_insights(&output(replies, "competitor_insights")?)
        }
        "competitor_win_rates" => {
            conversations::competitor_win_rates(&output(replies, "competitor_win_rates")?)
        }
        "conversation_search" => conversations::search(&output(replies, "conversation_search")?),
        other => {
            return Err(AgentError::Routing(format!(
                "no narrative for intent `{other}`"
            )));
        }
    })
}
