//! `deal_risk`: why one open deal has the win probability it has — the probability and the
//! confidence in it, the signals pushing it up and down (TreeSHAP on the win model), the risk
//! rules that fire with their evidence, and the most similar closed deals and how they ended.

use async_trait::async_trait;
use revpulse_analytics::win_probability::{DealScore, Driver, PastOutcome};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::evidence::flag_evidence;
use super::live::{LiveForecast, OpenDeal};
use super::reasons::{ReasonOrigin, RiskReason};
use super::views::{Confidence, ConfidenceLevel, WinMethod};
use crate::{Source, Tool, ToolContext, ToolError};

/// Arguments of `deal_risk`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealRiskArgs {
    /// The open deal (opportunity) id.
    pub deal_id: String,
}

/// One signal that moved the probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SignalEffect {
    /// The signal, e.g. "Exec-sponsor engagement".
    pub signal: String,
    /// This deal's value of it, e.g. "last engaged 21 days ago".
    pub value_text: String,
    /// Its share of the move from the typical deal's probability to this one's, in
    /// probability (signed: +0.05 raises it five points).
    pub effect: f64,
}

/// A risk rule that fires on the deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RiskFlag {
    /// The rule's id in the shipped rule set.
    pub rule_id: String,
    /// The risk in words, e.g. "no exec-sponsor engagement in 34 days".
    pub reason: String,
    /// The dates and numbers behind it.
    pub evidence: String,
}

/// How a similar past deal ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DealOutcome {
    /// Closed won.
    Won,
    /// Closed lost.
    Lost,
}

/// A closed deal close to this one in what matters to the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SimilarDealRow {
    /// Deal id.
    pub deal_id: String,
    /// Deal name.
    pub name: String,
    /// How it ended.
    pub outcome: DealOutcome,
    /// 1 ÷ (1 + the model's weighted feature distance): 1 is identical.
    pub similarity: f64,
}

/// One deal's risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DealRiskOutput {
    /// Deal id.
    pub deal_id: String,
    /// Deal name.
    pub name: String,
    /// Calibrated win probability.
    pub win_probability: f64,
    /// How far to trust it.
    pub confidence: Confidence,
    /// How it was produced.
    pub method: WinMethod,
    /// Signals raising the probability, strongest first.
    pub drivers_up: Vec<SignalEffect>,
    /// Signals lowering it, strongest first.
    pub drivers_down: Vec<SignalEffect>,
    /// Risk rules that fire, in rule-set order.
    pub risk_flags: Vec<RiskFlag>,
    /// Version of the rule set.
    pub rules_version: String,
    /// The most similar closed deals, nearest first.
    pub similar_deals: Vec<SimilarDealRow>,
    /// The deal, its account and the similar deals.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(DealRiskOutput);

/// The `deal_risk` tool.
pub struct DealRiskTool;

#[async_trait]
impl Tool for DealRiskTool {
    const NAME: &'static str = "deal_risk";
    const DESCRIPTION: &'static str = "Why an open deal is forecast high or low: its win \
        probability and confidence, the signals pushing it up and down, the risk rules that \
        fire with evidence, and similar past deals with how they ended.";
    type Args = DealRiskArgs;
    type Output = DealRiskOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: DealRiskArgs,
    ) -> Result<DealRiskOutput, ToolError> {
        let live = LiveForecast::for_caller(ctx).await?;
        let (deal, open) = live.open_deal(&args.deal_id, Self::NAME)?;
        let score = open
            .score
            .as_ref()
            .ok_or_else(|| ToolError::NotEnoughData {
                missing: format!("the stage history of deal `{}`", args.deal_id),
            })?;
        let similar = similar_deals(&live, score);
        let mut sources = super::views::deal_sources(&live.book, [deal], 2);
        sources.extend(
            similar
                .iter()
                .map(|s| Source::record("Opportunity", &s.deal_id, &s.name)),
        );
        Ok(DealRiskOutput {
            deal_id: deal.opportunity.id.clone(),
            name: deal.opportunity.name.clone(),
            win_probability: open.probability,
            confidence: Confidence {
                score: score.confidence.score,
                label: ConfidenceLevel::of_label(score.confidence.label),
            },
            method: WinMethod::of(score.method),
            drivers_up: score.drivers_up.iter().map(effect).collect(),
            drivers_down: score.drivers_down.iter().map(effect).collect(),
            risk_flags: risk_flags(&live, open, &live.flags_of(deal, open)),
            rules_version: live.rules.version.clone(),
            similar_deals: similar,
            sources,
        })
    }
}

fn effect(d: &Driver) -> SignalEffect {
    SignalEffect {
        signal: d.label.to_owned(),
        value_text: d.value.clone(),
        effect: d.probability_points,
    }
}

/// Each hit with its words and evidence (the rule's description when it has no words).
fn risk_flags(live: &LiveForecast, open: &OpenDeal, flags: &[RiskReason]) -> Vec<RiskFlag> {
    open.hits
        .iter()
        .map(|hit| {
            let reason = flags
                .iter()
                .find(|r| r.origin == ReasonOrigin::Rule(hit.rule_id.clone()))
                .map(|r| r.driver.words());
            let description = live
                .rules
                .rules
                .iter()
                .find(|r| r.id == hit.rule_id)
                .map(|r| r.description.clone());
            RiskFlag {
                rule_id: hit.rule_id.clone(),
                reason: reason
                    .or(description)
                    .unwrap_or_else(|| hit.rule_id.clone()),
                evidence: flag_evidence(&hit.evidence, live.today),
            }
        })
        .collect()
}

fn similar_deals(live: &LiveForecast, score: &DealScore) -> Vec<SimilarDealRow> {
    score
        .similar_deals
        .iter()
        .map(|s| SimilarDealRow {
            deal_id: s.deal_id.clone(),
            name: live
                .book
                .deal(&s.deal_id)
                .map_or_else(|| s.deal_id.clone(), |d| d.opportunity.name.clone()),
            outcome: match s.outcome {
                PastOutcome::Won => DealOutcome::Won,
                PastOutcome::Lost => DealOutcome::Lost,
            },
            similarity: 1.0 / (1.0 + s.distance.max(0.0)),
        })
        .collect()
}
