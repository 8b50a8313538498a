//! The executive, sales and finance questions of QUESTIONS.md as prompts: the brief, the
//! forecast and why it misses, pipeline changes, deals at risk, one deal, one rep.

use super::{Args, PromptSpec, Shape, arg, shaped};

/// The prompts.
pub(super) const PROMPTS: &[PromptSpec] = &[
    PromptSpec {
        name: "executive_brief",
        title: "Executive brief",
        description: "Give me today's brief (or this week's summary): one screen, every number exact.",
        arguments: &[shaped(
            "kind",
            "`daily` (default) or `weekly`",
            false,
            Shape::OneOf(&["daily", "weekly"]),
        )],
        request: |a| {
            format!(
                "Give me the {kind} executive brief. Call `executive_brief` with {{\"kind\": {kind_json}}} \
             (or read the resource revpulse://brief/{kind}). Present on one screen: pipeline health \
             (total, by stage, created this week vs last), forecast vs quota gap with its drivers, \
             slipped deals (close date pushed, stage regressed), the top risk-ranked deals with the \
             reason, wins and losses since yesterday, the competitor-mention trend, and three \
             recommended actions.",
                kind = a.get("kind").unwrap_or("daily"),
                kind_json = a.or("kind", "\"daily\""),
            )
        },
    },
    PromptSpec {
        name: "forecast_risk",
        title: "Why is the forecast below target?",
        description: "The forecast gap in money and %, and the deals that explain most of it with their risk drivers.",
        arguments: &[arg(
            "period",
            "close period, e.g. `2026-10-01..2026-12-31` (default: this quarter)",
            false,
        )],
        request: |a| {
            format!(
                "Why is the forecast below target{period}? Call `forecast` for the period, then \
             `at_risk_deals` for the same period (ranked by amount × risk), then `deal_risk` for the \
             three deals that explain most of the gap. Answer with the gap to quota in money and in \
             %, and each of those deals with its amount and its main risk driver (e.g. \"no \
             exec-sponsor engagement in 21 days\").",
                period = period_phrase(a),
            )
        },
    },
    PromptSpec {
        name: "forecast_quarter",
        title: "This quarter's forecast",
        description: "Commit, best case, pipeline and model-expected, with a P10–P90 range and its confidence.",
        arguments: &[],
        request: |_| {
            "What is our forecast for this quarter? Call `forecast` (no period means this \
            quarter) and give commit, best case, pipeline and the model-expected amount with its \
            P10–P90 range and the confidence in it. Then call `forecast_accuracy` for last quarter \
            and say how far past forecasts were off."
                .to_owned()
        },
    },
    PromptSpec {
        name: "pipeline_changes",
        title: "What changed in the pipeline",
        description: "The pipeline waterfall since last week: new, increased, decreased, pulled in, pushed out, won, lost.",
        arguments: &[
            shaped(
                "from",
                "first day, `YYYY-MM-DD` (default: a week ago)",
                false,
                Shape::Day,
            ),
            shaped(
                "to",
                "last day, `YYYY-MM-DD` (default: today)",
                false,
                Shape::Day,
            ),
        ],
        request: |a| {
            format!(
                "What changed in the pipeline {span}? Call `pipeline_changes` with {{\"from\": {from}, \
             \"to\": {to}}} and show the waterfall: new, increased, decreased, pulled in, pushed \
             out, won, lost, with totals that reconcile from the starting to the ending pipeline. \
             Call `pipeline` for the current total by stage.",
                span = match (a.get("from"), a.get("to")) {
                    (None, None) => "since last week".to_owned(),
                    (from, to) => format!(
                        "from {} to {}",
                        from.unwrap_or("a week ago"),
                        to.unwrap_or("today")
                    ),
                },
                from = a.or("from", "null"),
                to = a.or("to", "null"),
            )
        },
    },
    PromptSpec {
        name: "deals_at_risk",
        title: "Deals at risk this quarter",
        description: "Deals ranked by amount × risk with drivers, plus deals that slipped more than once or are stuck.",
        arguments: &[arg(
            "region",
            "region id to narrow to (default: everything you may see)",
            false,
        )],
        request: |a| {
            format!(
                "Which deals are at risk this quarter{region}? Call `at_risk_deals` (ranked by amount × \
             risk, with drivers), `slipped_deals` with {{\"min_pushes\": 2}} for deals that slipped \
             more than once, and `stuck_deals` for deals stuck in a stage longer than the norm for \
             that stage (say how long vs the norm). Pass {{\"region\": {region_json}}} to each.",
                region = a
                    .get("region")
                    .map(|r| format!(" in region {r}"))
                    .unwrap_or_default(),
                region_json = a.or("region", "null"),
            )
        },
    },
    PromptSpec {
        name: "deal_review",
        title: "Deal review",
        description: "One deal: why it is forecast high or low, what the buyer said, and the next best actions.",
        arguments: &[arg(
            "deal_id",
            "the deal (opportunity) id, e.g. OPP-001045",
            true,
        )],
        request: |a| {
            format!(
                "Review deal {id}. Call `deal_detail` and `deal_risk` with {{\"deal_id\": {id_json}}} \
             (or read the resource revpulse://deal/{id}), then `next_best_actions`, \
             `call_summaries` with {{\"deal_id\": {id_json}, \"limit\": 5}} and `objections` with \
             {{\"deal_id\": {id_json}}}. Explain its win probability and confidence, the signals \
             that push it up and down, similar past deals and how they ended, and give the next \
             best actions ranked and tied to its risk drivers.",
                id = a.get("deal_id").unwrap_or_default(),
                id_json = a.or("deal_id", "null"),
            )
        },
    },
    PromptSpec {
        name: "rep_attainment",
        title: "Rep against quota",
        description: "How a rep is tracking against quota: closed, commit, best case, gap, coverage.",
        arguments: &[arg("rep_id", "the rep's user id", true)],
        request: |a| {
            format!(
                "How is rep {id} tracking against quota? Call `rep_attainment` with {{\"rep_id\": \
             {id_json}}} and give closed, commit, best case, the gap to quota and pipeline coverage.",
                id = a.get("rep_id").unwrap_or_default(),
                id_json = a.or("rep_id", "null"),
            )
        },
    },
];

/// A period argument as words.
fn period_phrase(a: &Args) -> String {
    a.get("period")
        .map(|p| format!(" for {p}"))
        .unwrap_or_else(|| " this quarter".to_owned())
}
