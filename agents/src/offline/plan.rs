//! Plan templates: for each intent, the tool calls to make and their arguments, built from the
//! filled slots. A missing required slot is not guessed: the plan says what to name.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use super::slots::Slots;
use crate::DomainAgent;

/// One tool call of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedCall {
    /// The agent making it.
    pub agent: DomainAgent,
    /// Tool name.
    pub tool: &'static str,
    /// Arguments.
    pub args: Value,
}

/// What the plan for a question is.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Make these calls.
    Calls(Vec<PlannedCall>),
    /// A required slot is missing: ask for it.
    NeedsSlot {
        /// What to name, in words.
        what: &'static str,
    },
}

/// The plan for `intent` with `slots`.
pub fn plan(
    intent: &str,
    agent: DomainAgent,
    slots: &Slots,
    today: NaiveDate,
    question: &str,
) -> Plan {
    let call = |tool: &'static str, args: Value| PlannedCall { agent, tool, args };
    let period = slots.period.map(|p| json!({"from": p.from, "to": p.to}));
    let region = slots.region.as_ref().map(|r| r.id.clone());
    let deal = slots.deal.as_ref().map(|d| d.id.clone());
    let account = slots.account.as_ref().map(|a| a.id.clone());
    let mut calls = Vec::new();
    match intent {
        "brief" => calls.push(call("executive_brief", json!({}))),
        "forecast_gap" | "forecast" => {
            calls.push(call(
                "forecast",
                args([("period", period), ("region", region.map(Value::from))]),
            ));
        }
        "pipeline_changes" => {
            // The waterfall opens at the end of the day before the period's first day, so
            // "the last 7 days" moves from a week ago to today.
            let (from, to) = slots
                .period
                .map_or((today - chrono::Duration::days(7), today), |p| {
                    (p.from - chrono::Duration::days(1), p.to)
                });
            calls.push(call(
                "pipeline_changes",
                args([
                    ("from", Some(json!(from))),
                    ("to", Some(json!(to))),
                    ("region", region.map(Value::from)),
                ]),
            ));
        }
        "pipeline" => calls.push(call(
            "pipeline",
            args([
                (
                    "group_by",
                    Some(Value::from(
                        slots.group_by.clone().unwrap_or_else(|| "stage".into()),
                    )),
                ),
                ("close_period", period),
                ("region", region.map(Value::from)),
                (
                    "owner",
                    slots.rep.as_ref().map(|r| Value::from(r.id.clone())),
                ),
            ]),
        )),
        "call_summaries" | "follow_up_email" => {
            if deal.is_none() && account.is_none() {
                return Plan::NeedsSlot {
                    what: "the account or deal (for example \"for Acme Robotics\" or \"deal #<number>\")",
                };
            }
            let limit = if intent == "follow_up_email" {
                1
            } else {
                slots.count.unwrap_or(5)
            };
            calls.push(call(
                "call_summaries",
                args([
                    ("deal_id", deal.clone().map(Value::from)),
                    (
                        "account_id",
                        if deal.is_some() {
                            None
                        } else {
                            account.clone().map(Value::from)
                        },
                    ),
                    ("limit", Some(json!(limit))),
                ]),
            ));
            if let (Some(d), "follow_up_email") = (&deal, intent) {
                calls.push(call("deal_detail", json!({"deal_id": d})));
            }
        }
        "objections" => calls.push(call(
            "objections",
            args([
                ("account_id", account.map(Value::from)),
                ("deal_id", deal.map(Value::from)),
                (
                    "competitor",
                    slots.competitor.as_ref().map(|c| Value::from(c.id.clone())),
                ),
                ("region", region.map(Value::from)),
                ("period", period),
            ]),
        )),
        "next_best_actions" | "deal_probability" | "deal_detail" => {
            let Some(d) = deal else {
                return Plan::NeedsSlot {
                    what: "the deal (for example \"deal #<number>\")",
                };
            };
            let tool = match intent {
                "next_best_actions" => "next_best_actions",
                "deal_probability" => "deal_risk",
                _ => "deal_detail",
            };
            calls.push(call(tool, json!({"deal_id": d})));
        }
        "at_risk_deals" => calls.push(call(
            "at_risk_deals",
            args([
                ("period", period),
                ("region", region.map(Value::from)),
                ("limit", slots.count.map(|n| json!(n))),
            ]),
        )),
        "slipped_deals" => calls.push(call(
            "slipped_deals",
            args([("region", region.map(Value::from))]),
        )),
        "stuck_deals" => calls.push(call(
            "stuck_deals",
            args([
                ("region", region.map(Value::from)),
                (
                    "owner",
                    slots.rep.as_ref().map(|r| Value::from(r.id.clone())),
                ),
            ]),
        )),
        "rep_attainment" => {
            let Some(rep) = &slots.rep else {
                return Plan::NeedsSlot {
                    what: "the rep (their name)",
                };
            };
            calls.push(call(
                "rep_attainment",
                args([
                    ("rep_id", Some(Value::from(rep.id.clone()))),
                    ("period", period),
                ]),
            ));
        }
        "forecast_accuracy" => calls.push(call("forecast_accuracy", args([("period", period)]))),
        "bookings_arr" => {
            let year = slots.period.map(|p| json!(chrono::Datelike::year(&p.to)));
            calls.push(call(
                "bookings_arr",
                args([("year", year.clone()), ("group_by", Some(json!("region")))]),
            ));
            calls.push(call(
                "bookings_arr",
                args([("year", year), ("group_by", Some(json!("product_line")))]),
            ));
        }
        "attribution" => calls.push(call("attribution", args([("period", period)]))),
        "content_influence" => calls.push(call("content_influence", args([("period", period)]))),
        "funnel" => calls.push(call(
            "funnel",
            args([("period", period), ("region", region.map(Value::from))]),
        )),
        "campaign_roi" => {
            let Some(c) = &slots.campaign else {
                return Plan::NeedsSlot {
                    what: "the campaign (its name)",
                };
            };
            calls.push(call("campaign_roi", json!({"campaign": c.id})));
        }
        "churn_risk" => calls.push(call(
            "churn_risk",
            args([
                ("region", region.map(Value::from)),
                ("limit", slots.count.map(|n| json!(n))),
            ]),
        )),
        "expansion" => calls.push(call(
            "expansion_opportunities",
            args([
                ("region", region.map(Value::from)),
                ("limit", slots.count.map(|n| json!(n))),
            ]),
        )),
        "account_health" | "account_timeline" => {
            let Some(a) = account else {
                return Plan::NeedsSlot {
                    what: "the account (its name)",
                };
            };
            calls.push(call(
                if intent == "account_health" {
                    "account_health"
                } else {
                    "account_timeline"
                },
                json!({"account_id": a}),
            ));
        }
        "competitor_mentions" => calls.push(call(
            "competitor_mentions",
            args([
                ("period", period),
                (
                    "group_by",
                    Some(Value::from(
                        slots
                            .group_by
                            .clone()
                            .filter(|g| g == "industry")
                            .unwrap_or_else(|| "region".into()),
                    )),
                ),
            ]),
        )),
        "competitor_insights" => {
            let Some(c) = &slots.competitor else {
                return Plan::NeedsSlot {
                    what: "the competitor (its name)",
                };
            };
            calls.push(call(
                "competitor_insights",
                args([
                    ("competitor", Some(Value::from(c.id.clone()))),
                    ("period", period),
                ]),
            ));
        }
        "competitor_win_rates" => calls.push(call(
            "competitor_win_rates",
            args([(
                "competitor",
                slots.competitor.as_ref().map(|c| Value::from(c.id.clone())),
            )]),
        )),
        "conversation_search" => calls.push(call(
            "conversation_search",
            args([
                ("query", Some(Value::from(question.to_owned()))),
                ("account_id", account.map(Value::from)),
                ("deal_id", deal.map(Value::from)),
                (
                    "competitor",
                    slots.competitor.as_ref().map(|c| Value::from(c.id.clone())),
                ),
                ("region", region.map(Value::from)),
            ]),
        )),
        _ => {}
    }
    Plan::Calls(calls)
}

/// A JSON object of the present arguments.
fn args<const N: usize>(pairs: [(&str, Option<Value>); N]) -> Value {
    let mut map = Map::new();
    for (k, v) in pairs {
        if let Some(v) = v {
            map.insert(k.to_owned(), v);
        }
    }
    Value::Object(map)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::offline::periods::resolve_period;
    use crate::offline::slots::PeriodSlot;

    #[test]
    fn the_waterfall_of_the_last_seven_days_opens_a_week_ago() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let week_ago = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
        for said in ["in the last 7 days", "since last week"] {
            let p = resolve_period(said, today).unwrap();
            let slots = Slots {
                period: Some(PeriodSlot {
                    from: p.range.from,
                    to: p.range.to,
                }),
                ..Slots::default()
            };
            let Plan::Calls(calls) =
                plan("pipeline_changes", DomainAgent::Sales, &slots, today, said)
            else {
                panic!("a plan");
            };
            assert_eq!(calls[0].args["from"], json!(week_ago), "{said}");
            assert_eq!(calls[0].args["to"], json!(today), "{said}");
        }
    }
}
