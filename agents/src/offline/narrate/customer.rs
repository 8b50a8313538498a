//! Narratives for customer questions: churn risk before renewal, expansion, one account's
//! health and its timeline.

use revpulse_tools::customer::{
    account_health::AccountHealthOutput, account_timeline::AccountTimelineOutput,
    churn_risk::ChurnRiskOutput, expansion_opportunities::ExpansionOpportunitiesOutput,
};

use super::Narrative;
use super::format::spoken as word;
use super::format::{count, join_and, money, percent};
use super::sections::table;

/// "Which accounts are likely to churn before renewal?"
pub fn churn_risk(out: &ChurnRiskOutput) -> Narrative {
    if out.accounts.is_empty() {
        return Narrative {
            text: format!(
                "None of the {} renewals due in the window looks at risk.",
                out.renewals_considered
            ),
            ..Narrative::default()
        };
    }
    let top: Vec<String> = out
        .accounts
        .iter()
        .take(3)
        .map(|a| {
            let why = a
                .drivers
                .first()
                .map_or(String::new(), |d| format!(": {}", d.detail));
            format!(
                "{} ({} churn probability, {} ARR renewing {}){why} [[{}]]",
                a.name,
                percent(a.churn_probability),
                money(a.arr),
                a.renewal_date,
                a.account_id
            )
        })
        .collect();
    let text = format!(
        "{} of ARR is at risk across {} due ({} renewing in all). Most at risk: {}.",
        money(out.total_arr_at_risk),
        count(
            i64::try_from(out.renewals_considered).unwrap_or(0),
            "renewal",
            "renewals"
        ),
        money(out.total_arr_renewing),
        join_and(&top)
    );
    let rows = out
        .accounts
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                a.region.clone(),
                a.renewal_date.to_string(),
                percent(a.churn_probability),
                money(a.arr),
                money(a.arr_at_risk),
                a.drivers
                    .iter()
                    .map(|d| d.detail.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Renewals at risk",
            &[
                "Account",
                "Region",
                "Renewal",
                "Churn probability",
                "ARR",
                "ARR at risk",
                "Drivers",
            ],
            rows,
        )],
        follow_ups: out
            .accounts
            .first()
            .map(|a| vec![format!("Give me a health summary of {}", a.name)])
            .unwrap_or_default(),
    }
}

/// "Where are our upsell opportunities?"
pub fn expansion(out: &ExpansionOpportunitiesOutput) -> Narrative {
    if out.accounts.is_empty() {
        return Narrative {
            text: "No current customer in your view shows expansion signals.".into(),
            ..Narrative::default()
        };
    }
    let top: Vec<String> = out
        .accounts
        .iter()
        .take(3)
        .map(|a| {
            let signal = a
                .signals
                .first()
                .map_or(String::new(), |s| format!(" — {}", s.detail));
            let lines: Vec<String> = a
                .suggested_product_lines
                .iter()
                .take(2)
                .map(|p| p.name.clone())
                .collect();
            let pitch = if lines.is_empty() {
                String::new()
            } else {
                format!(", ready for {}", join_and(&lines))
            };
            format!(
                "{} (score {:.2}, {} ARR{pitch}){signal} [[{}]]",
                a.name,
                a.expansion_score,
                money(a.current_arr),
                a.account_id
            )
        })
        .collect();
    let text = format!(
        "Of {} current customers, the strongest upsell candidates are {}.",
        out.customers_considered,
        join_and(&top)
    );
    let rows = out
        .accounts
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                format!("{:.2}", a.expansion_score),
                money(a.current_arr),
                a.signals
                    .iter()
                    .map(|s| s.detail.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                a.suggested_product_lines
                    .iter()
                    .map(|p| p.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Expansion opportunities",
            &[
                "Account",
                "Score",
                "ARR",
                "Signals",
                "Product lines to offer",
            ],
            rows,
        )],
        follow_ups: vec!["Which accounts are likely to churn before renewal?".into()],
    }
}

/// "Give me a health summary of <account>."
pub fn account_health(out: &AccountHealthOutput) -> Narrative {
    let a = &out.account;
    let mut text = format!(
        "{} ({}, {}, {}) is rated {} [[{}]].",
        a.name,
        a.industry,
        word(&a.segment),
        a.region,
        word(&out.health),
        a.id
    );
    let reasons: Vec<String> = out
        .health_reasons
        .iter()
        .take(3)
        .map(|r| r.detail.clone())
        .collect();
    if !reasons.is_empty() {
        text.push_str(&format!(" Why: {}.", join_and(&reasons)));
    }
    text.push_str(&format!(" ARR is {}", money(out.arr)));
    if let (Some(date), Some(days)) = (out.renewal_date, out.days_to_renewal) {
        text.push_str(&format!(", renewing {date} in {days} days"));
    }
    text.push('.');
    if let Some(u) = &out.usage {
        text.push_str(&format!(
            " {} of {} seats are active ({} utilisation).",
            u.active_users,
            u.licensed_seats,
            percent(u.utilisation_rate)
        ));
    }
    if let Some(p) = out.churn_probability {
        text.push_str(&format!(
            " Churn probability at the next renewal: {}.",
            percent(p)
        ));
    }
    text.push_str(&format!(
        " {} open, {} in the last 90 days.",
        count(
            i64::try_from(out.tickets.open).unwrap_or(0),
            "ticket",
            "tickets"
        ),
        out.tickets.last_90_days
    ));
    if let Some(e) = &out.last_exec_engagement {
        text.push_str(&format!(
            " Last executive engagement was {} days ago.",
            e.days_ago
        ));
    }
    let rows = out
        .open_deals
        .iter()
        .map(|d| {
            vec![
                d.name.clone(),
                money(d.amount),
                d.stage.clone(),
                d.close_date.to_string(),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Open deals",
            &["Deal", "Amount", "Stage", "Close"],
            rows,
        )],
        follow_ups: vec![
            format!("Summarize the last 5 calls for {}", a.name),
            format!("Show the timeline of {}", a.name),
        ],
    }
}

/// "What happened with <account> recently?"
pub fn account_timeline(out: &AccountTimelineOutput) -> Narrative {
    let mut text = format!(
        "{} had {} from {} to {} [[{}]].",
        out.name,
        count(
            i64::try_from(out.total_events).unwrap_or(0),
            "event",
            "events"
        ),
        out.window.from,
        out.window.to,
        out.account_id
    );
    let latest: Vec<String> = out
        .events
        .iter()
        .rev()
        .take(3)
        .map(|e| format!("{} on {}", e.summary, e.at.format("%Y-%m-%d")))
        .collect();
    if !latest.is_empty() {
        text.push_str(&format!(" Most recent: {}.", join_and(&latest)));
    }
    let rows = out
        .events
        .iter()
        .map(|e| {
            vec![
                e.at.format("%Y-%m-%d").to_string(),
                word(&e.kind),
                e.summary.clone(),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table("Timeline", &["Date", "Kind", "What happened"], rows)],
        follow_ups: vec![format!("Give me a health summary of {}", out.name)],
    }
}
