//! The marketing and customer questions of QUESTIONS.md as prompts: one account, campaign
//! influence and ROI, the funnel, churn and expansion, competitors.

use super::{PromptSpec, Shape, arg, shaped};

/// The prompts.
pub(super) const PROMPTS: &[PromptSpec] = &[
    PromptSpec {
        name: "account_review",
        title: "Account health and recent calls",
        description: "A health summary of one account with its last calls, objections and next steps.",
        arguments: &[arg("account_id", "the account id", true)],
        request: |a| {
            format!(
                "Give me a health summary of account {id}. Call `account_health` and `account_timeline` \
             with {{\"account_id\": {id_json}}}, `call_summaries` with {{\"account_id\": {id_json}, \
             \"limit\": 5}} (per call: date, participants, key points, objections, next steps) and \
             `objections` with {{\"account_id\": {id_json}}} (grouped, with counts and quotes).",
                id = a.get("account_id").unwrap_or_default(),
                id_json = a.or("account_id", "null"),
            )
        },
    },
    PromptSpec {
        name: "campaign_roi",
        title: "Campaign influence and ROI",
        description: "Which campaigns influenced the most closed-won revenue, by attribution model, and their ROI.",
        arguments: &[arg(
            "campaign",
            "a campaign id or name (default: the most influential ones)",
            false,
        )],
        request: |a| match a.get("campaign") {
            Some(campaign) => format!(
                "What is the ROI of campaign {campaign}? Call `campaign_roi` with {{\"campaign\": \
                 {json}}} and give its cost, influenced pipeline and influenced revenue per \
                 attribution model, saying where the models disagree.",
                json = a.or("campaign", "null"),
            ),
            None => "Which campaigns influenced the most closed-won revenue? Call `attribution` \
                (every model: first touch, last touch, linear, U-shaped, W-shaped, time decay, \
                data-driven) and show where the models disagree; call `campaign_roi` for the top \
                three, and `content_influence` for the content that accelerates deal closure."
                .to_owned(),
        },
    },
    PromptSpec {
        name: "funnel_review",
        title: "Where the funnel drops",
        description: "Stage-to-stage conversion by region against its own history, and the volume behind it.",
        arguments: &[arg(
            "region",
            "region id (default: compare every region)",
            false,
        )],
        request: |a| {
            format!(
                "Which region is dropping in the funnel and why? Call `funnel` {scope} and compare each \
             stage-to-stage conversion with the region's own history: name the stage where it \
             drops and the volume behind it.",
                scope = match a.get("region") {
                    Some(_) => format!("with {{\"region\": {}}}", a.or("region", "null")),
                    None => "once per region you may see".to_owned(),
                },
            )
        },
    },
    PromptSpec {
        name: "churn_review",
        title: "Churn risk and expansion",
        description: "Accounts likely to churn before renewal with ARR at risk and drivers, and upsell opportunities.",
        arguments: &[shaped(
            "within_days",
            "renewals within this many days (default: the tool's)",
            false,
            Shape::Days,
        )],
        request: |a| {
            format!(
                "Which accounts are likely to churn before renewal? Call `churn_risk`{within} and give \
             each account's churn probability, renewal date, ARR at risk and drivers (usage \
             decline, ticket sentiment, no exec engagement). Then call `expansion_opportunities` \
             for upsell opportunities with the signals behind each score, and `account_health` for \
             the two accounts most at risk.",
                within = a
                    .get("within_days")
                    .and_then(|d| d.parse::<u32>().ok())
                    .map(|d| format!(" with {{\"within_days\": {d}}}"))
                    .unwrap_or_default(),
            )
        },
    },
    PromptSpec {
        name: "competitor_watch",
        title: "Competitor watch",
        description: "Which competitors came up most, by region or industry, what customers say about them, and our win rate against them.",
        arguments: &[arg(
            "competitor",
            "one competitor to focus on (default: all)",
            false,
        )],
        request: |a| match a.get("competitor") {
            Some(name) => format!(
                "What are customers saying about {name}? Call `competitor_insights` with \
                 {{\"competitor\": {json}}} for the pricing comparisons and feature gaps raised \
                 (quote and cite the passages), `objections` with {{\"competitor\": {json}}}, and \
                 `competitor_win_rates` with {{\"competitor\": {json}}} for our win rate when they \
                 are in the deal.",
                json = a.or("competitor", "null"),
            ),
            None => "Which competitors came up most this month? Call `competitor_mentions` with \
                {\"group_by\": \"region\"} and again with {\"group_by\": \"industry\"} (heatmap \
                data), then `competitor_win_rates` for our win rate against each."
                .to_owned(),
        },
    },
];
