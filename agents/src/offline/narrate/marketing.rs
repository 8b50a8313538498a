//! Narratives for marketing questions: attribution across models and where they disagree,
//! funnel conversion by region against its own history, a campaign's ROI, content influence.

use revpulse_tools::marketing::{
    attribution::AttributionOutput, campaign_roi::CampaignRoiOutput,
    content_influence::ContentInfluenceOutput, funnel::FunnelOutput,
};

use super::Narrative;
use super::format::spoken as name;
use super::format::{count, join_and, money, percent};
use super::sections::table;

/// "Which campaigns influenced the most closed-won revenue?"
pub fn attribution(out: &AttributionOutput) -> Narrative {
    let mut text = format!(
        "From {} to {}, {} won {}; {} of them had campaign touches and {} of revenue had none.",
        out.period.from,
        out.period.to,
        count(i64::try_from(out.won_deals).unwrap_or(0), "deal", "deals"),
        money(out.won_revenue),
        out.attributed_deals,
        money(out.unattributed_revenue)
    );
    let top: Vec<String> = out
        .campaigns
        .iter()
        .take(3)
        .map(|c| {
            let first = c.credit.get("first_touch").copied().unwrap_or(0);
            let last = c.credit.get("last_touch").copied().unwrap_or(0);
            format!(
                "{} ({} first-touch, {} last-touch) [[{}]]",
                c.name,
                money(first),
                money(last),
                c.campaign_id
            )
        })
        .collect();
    if !top.is_empty() {
        text.push_str(&format!(
            " The most influential campaigns: {}.",
            join_and(&top)
        ));
    }
    if let Some(d) = out.disagreements.first() {
        text.push_str(&format!(
            " Models disagree most on {}: {} credits it {} more than {}.",
            d.name,
            name(&d.best_model),
            money(d.spread_dollars),
            name(&d.worst_model)
        ));
    }
    let models: Vec<String> = out.models.iter().map(name).collect();
    let mut columns: Vec<&str> = vec!["Campaign"];
    columns.extend(models.iter().map(String::as_str));
    let rows = out
        .campaigns
        .iter()
        .map(|c| {
            std::iter::once(c.name.clone())
                .chain(out.models.iter().map(|m| {
                    let key = serde_json::to_value(m)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    money(c.credit.get(&key).copied().unwrap_or(0))
                }))
                .collect()
        })
        .collect();
    Narrative {
        text,
        sections: vec![table("Attributed revenue by model", &columns, rows)],
        follow_ups: out
            .campaigns
            .first()
            .map(|c| vec![format!("What is the ROI of {}?", c.name)])
            .unwrap_or_default(),
    }
}

/// "Which region is dropping in the funnel and why?"
pub fn funnel(out: &FunnelOutput) -> Narrative {
    let mut drops: Vec<_> = out
        .regions
        .iter()
        .filter_map(|r| r.worst_drop.as_ref().map(|d| (r, d)))
        .collect();
    drops.sort_by(|a, b| {
        a.1.change
            .unwrap_or(0.0)
            .total_cmp(&b.1.change.unwrap_or(0.0))
    });
    let mut text = match drops.first() {
        Some((region, step)) => {
            let mut t = format!(
                "{} is dropping most: {} → {} conversion fell to {} from {} in its own history \
                 ({} of {} converted, p = {:.3}).",
                region.name,
                step.from_stage.replace('_', " "),
                step.to_stage.replace('_', " "),
                step.conversion_rate.map(percent).unwrap_or_default(),
                step.history_rate.map(percent).unwrap_or_default(),
                step.converted,
                step.entered,
                step.p_value.unwrap_or(1.0)
            );
            if let Some(v) = &region.volume_behind {
                t.push_str(&format!(
                    " {} are sitting at {} now{}.",
                    count(i64::try_from(v.count).unwrap_or(0), "record", "records"),
                    v.stage.replace('_', " "),
                    v.amount
                        .map(|a| format!(", worth {}", money(a)))
                        .unwrap_or_default()
                ));
            }
            t
        }
        None => format!(
            "No region shows a statistically significant drop in funnel conversion from {} to {} \
             against its own history.",
            out.period.from, out.period.to
        ),
    };
    if let Some(s) = out.sources.first() {
        text.push_str(&format!(" [[{}]]", s.id()));
    }
    let rows = out
        .regions
        .iter()
        .flat_map(|r| {
            r.stages.iter().map(move |s| {
                vec![
                    r.name.clone(),
                    format!(
                        "{} → {}",
                        s.from_stage.replace('_', " "),
                        s.to_stage.replace('_', " ")
                    ),
                    s.entered.to_string(),
                    s.conversion_rate.map(percent).unwrap_or_else(|| "—".into()),
                    s.history_rate.map(percent).unwrap_or_else(|| "—".into()),
                    if s.significant {
                        "yes".into()
                    } else {
                        "no".into()
                    },
                ]
            })
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Funnel conversion by region",
            &[
                "Region",
                "Step",
                "Entered",
                "Conversion",
                "History",
                "Significant",
            ],
            rows,
        )],
        follow_ups: vec!["Which campaigns influenced the most closed-won revenue?".into()],
    }
}

/// "What is the ROI of <campaign>?"
pub fn campaign_roi(out: &CampaignRoiOutput) -> Narrative {
    let c = &out.campaign;
    let mut text = format!(
        "{} ({}) cost {}, touched {} and influenced {} of pipeline across {} [[{}]].",
        c.name,
        c.channel.replace('_', " "),
        money(out.cost),
        count(
            i64::try_from(out.touched_leads).unwrap_or(0),
            "lead",
            "leads"
        ),
        money(out.influenced_pipeline),
        count(
            i64::try_from(out.influenced_deals).unwrap_or(0),
            "deal",
            "deals"
        ),
        c.id
    );
    let returns: Vec<String> = out
        .models
        .iter()
        .filter(|m| m.roi.is_some())
        .take(4)
        .map(|m| {
            format!(
                "{} under {} ({} ROI)",
                money(m.influenced_revenue),
                name(&m.model),
                m.roi.map(percent).unwrap_or_default()
            )
        })
        .collect();
    if returns.is_empty() {
        text.push_str(" It has no cost recorded, so ROI is undefined.");
    } else {
        text.push_str(&format!(" Attributed revenue: {}.", join_and(&returns)));
    }
    let rows = out
        .models
        .iter()
        .map(|m| {
            vec![
                name(&m.model),
                money(m.influenced_revenue),
                m.roi.map(percent).unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Return by attribution model",
            &["Model", "Revenue", "ROI"],
            rows,
        )],
        follow_ups: vec!["Which campaigns influenced the most closed-won revenue?".into()],
    }
}

/// "Which content is accelerating deal closure?"
pub fn content_influence(out: &ContentInfluenceOutput) -> Narrative {
    let faster: Vec<String> = out
        .rows
        .iter()
        .filter(|r| r.difference_days.is_some_and(|d| d < 0.0))
        .take(3)
        .map(|r| {
            format!(
                "{} ({} deals touched close in {:.0} days vs {:.0} without)",
                r.content.replace('_', " "),
                r.deals_touched,
                r.median_cycle_days_touched.unwrap_or(0.0),
                r.median_cycle_days_untouched.unwrap_or(0.0)
            )
        })
        .collect();
    let mut text = format!(
        "Of {} closed from {} to {}, {} were touched by content.",
        count(
            i64::try_from(out.deals_closed).unwrap_or(0),
            "deal",
            "deals"
        ),
        out.period.from,
        out.period.to,
        out.deals_touched_by_content
    );
    if faster.is_empty() {
        text.push_str(" No content kind is associated with a shorter cycle.");
    } else {
        text.push_str(&format!(
            " Content associated with faster closes: {}.",
            join_and(&faster)
        ));
    }
    if let Some(s) = out.sources.first() {
        text.push_str(&format!(" [[{}]]", s.id()));
    }
    let rows = out
        .rows
        .iter()
        .map(|r| {
            let days = |d: Option<f64>| d.map_or_else(|| "—".to_owned(), |d| format!("{d:.0}"));
            vec![
                r.content.replace('_', " "),
                r.deals_touched.to_string(),
                days(r.median_cycle_days_touched),
                days(r.median_cycle_days_untouched),
                days(r.difference_days),
                r.won_rate_touched
                    .map(percent)
                    .unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Content vs cycle time",
            &[
                "Content",
                "Deals touched",
                "Median days (touched)",
                "Median days (not)",
                "Difference",
                "Win rate (touched)",
            ],
            rows,
        )],
        follow_ups: vec!["Which campaigns influenced the most closed-won revenue?".into()],
    }
}
