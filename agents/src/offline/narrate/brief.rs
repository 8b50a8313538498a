//! The executive brief as prose: one screen, each part a short paragraph with its numbers and
//! citations, in the order a CRO reads it.

use revpulse_tools::brief::{BriefKind, ExecutiveBriefOutput};

use super::Narrative;
use super::format::spoken as kind;
use super::format::{count, deal, join_and, money, percent};
use super::sections::table;

/// The brief's narrative.
pub fn brief(out: &ExecutiveBriefOutput) -> Narrative {
    let since = match out.kind {
        BriefKind::Daily => "since yesterday",
        BriefKind::Weekly => "this week",
    };
    let mut paragraphs = Vec::new();
    let p = &out.pipeline;
    let stages: Vec<String> = p
        .rows
        .iter()
        .filter(|r| r.deals > 0)
        .map(|r| format!("{} {}", r.label, money(r.amount)))
        .collect();
    paragraphs.push(format!(
        "**Pipeline health.** {} open across {} ({}). Created this week: {} ({}) against {} ({}) the week before.",
        money(p.total_amount),
        count(p.total_deals, "deal", "deals"),
        stages.join(", "),
        count(p.created_this_week.deals, "deal", "deals"),
        money(p.created_this_week.amount),
        count(p.created_last_week.deals, "deal", "deals"),
        money(p.created_last_week.amount)
    ));
    if let Some(f) = &out.forecast {
        let mut text = match f.gap_rate {
            Some(rate) if f.gap_to_quota > 0 => format!(
                "**Forecast vs quota.** Trending {} below the {} quota: {} closed plus {} expected leaves a gap of {} (P10 {} to P90 {}).",
                percent(rate),
                money(f.quota),
                money(f.closed_won),
                money(f.model_expected),
                money(f.gap_to_quota),
                money(f.p10),
                money(f.p90)
            ),
            _ => format!(
                "**Forecast vs quota.** On track: {} closed plus {} expected against a {} quota (P10 {} to P90 {}).",
                money(f.closed_won),
                money(f.model_expected),
                money(f.quota),
                money(f.p10),
                money(f.p90)
            ),
        };
        let drivers: Vec<String> = f
            .drivers
            .iter()
            .take(2)
            .map(|d| {
                format!(
                    "{} — {} [[{}]]",
                    deal(&d.deal_id, &d.name),
                    d.driver,
                    d.deal_id
                )
            })
            .collect();
        if !drivers.is_empty() {
            text.push_str(&format!(" Drivers: {}.", join_and(&drivers)));
        }
        paragraphs.push(text);
    }
    let c = &out.changes;
    let won = c.steps.iter().find(|s| kind(&s.kind) == "won");
    let lost = c.steps.iter().find(|s| kind(&s.kind) == "lost");
    let mut wl = format!("**Wins and losses {since}.**");
    for (label, step) in [("Won", won), ("Lost", lost)] {
        match step {
            Some(s) if s.deals > 0 => {
                let names: Vec<String> = s
                    .top
                    .iter()
                    .take(2)
                    .map(|d| format!("{} [[{}]]", deal(&d.deal_id, &d.name), d.deal_id))
                    .collect();
                wl.push_str(&format!(
                    " {label}: {} worth {} ({}).",
                    count(s.deals, "deal", "deals"),
                    money(s.amount.abs()),
                    join_and(&names)
                ));
            }
            _ => wl.push_str(&format!(" {label}: none.")),
        }
    }
    paragraphs.push(wl);
    if !out.slipped.deals.is_empty() {
        let worst: Vec<String> = out
            .slipped
            .deals
            .iter()
            .take(2)
            .map(|d| {
                format!(
                    "{} pushed {} times [[{}]]",
                    deal(&d.deal_id, &d.name),
                    d.pushes,
                    d.deal_id
                )
            })
            .collect();
        paragraphs.push(format!(
            "**Slippage.** {} slipped at least twice; worst: {}.",
            count(
                i64::try_from(out.slipped.total_matching).unwrap_or(0),
                "deal has",
                "deals have"
            )
            .replace(" has", "")
            .replace(" have", ""),
            join_and(&worst)
        ));
    }
    if let Some(r) = &out.at_risk {
        let top: Vec<String> = r
            .deals
            .iter()
            .take(3)
            .map(|d| {
                let why = d
                    .drivers
                    .first()
                    .map_or(String::new(), |w| format!(", {w}"));
                format!(
                    "{} ({} exposed{why}) [[{}]]",
                    deal(&d.deal_id, &d.name),
                    money(d.exposure),
                    d.deal_id
                )
            })
            .collect();
        if !top.is_empty() {
            paragraphs.push(format!(
                "**Risk-ranked deals.** {} of exposure this quarter; top: {}.",
                money(r.total_exposure),
                join_and(&top)
            ));
        }
    }
    if let Some(m) = &out.competitors {
        let mut totals = m.totals.clone();
        totals.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then(a.competitor.cmp(&b.competitor))
        });
        let top: Vec<String> = totals
            .iter()
            .take(3)
            .map(|t| {
                format!(
                    "{} {} (previously {})",
                    t.competitor, t.mentions, t.previous_period_mentions
                )
            })
            .collect();
        if !top.is_empty() {
            paragraphs.push(format!(
                "**Competitor trend.** Mentions this month: {}.",
                join_and(&top)
            ));
        }
    }
    if !out.actions.is_empty() {
        let mut text = "**Recommended actions.**".to_owned();
        for a in &out.actions {
            text.push_str(&format!(
                "\n- {}: {} [[{}]]",
                deal(&a.deal_id, &a.deal_name),
                a.action,
                a.deal_id
            ));
        }
        paragraphs.push(text);
    }
    for o in &out.omitted {
        paragraphs.push(format!("_Not shown: {o}._"));
    }
    let rows = p
        .rows
        .iter()
        .map(|r| vec![r.label.clone(), r.deals.to_string(), money(r.amount)])
        .collect();
    Narrative {
        text: paragraphs.join("\n\n"),
        sections: vec![table(
            "Pipeline by stage",
            &["Stage", "Deals", "Amount"],
            rows,
        )],
        follow_ups: vec![
            "Why is the forecast below target?".into(),
            "What changed in the pipeline since last week?".into(),
        ],
    }
}

/// The brief as a Markdown document with a title.
pub fn brief_markdown(out: &ExecutiveBriefOutput, body: &str) -> String {
    let title = match out.kind {
        BriefKind::Daily => "Daily executive brief",
        BriefKind::Weekly => "Weekly executive summary",
    };
    format!("# {title} — {}\n\n{body}", out.date)
}
