//! Narratives for pipeline questions: the open pipeline, the waterfall since a day, slipped
//! and stuck deals, a rep against quota, bookings and ARR against last year.

use revpulse_tools::pipeline::{
    attainment::RepAttainmentOutput, bookings::BookingsArrOutput, changes::PipelineChangesOutput,
    open_pipeline::PipelineOutput, slipped::SlippedDealsOutput, stuck::StuckDealsOutput,
};

use super::Narrative;
use super::format::spoken as kind_label;
use super::format::{count, deal, join_and, money, percent, variant};
use super::sections::{bar_chart, table};
use crate::{ChartKind, ChartSpec, Section, Series};

/// "How big is the pipeline?"
pub fn pipeline(out: &PipelineOutput) -> Narrative {
    let leader = out.rows.iter().max_by_key(|r| r.amount);
    let mut text = format!(
        "Open pipeline stands at {} across {} as of {}.",
        money(out.total_amount),
        count(out.total_deals, "deal", "deals"),
        out.as_of
    );
    if let Some(top) = leader.filter(|_| out.total_amount > 0) {
        text.push_str(&format!(
            " The largest group is {} with {} ({}).",
            top.label,
            money(top.amount),
            count(top.deals, "deal", "deals")
        ));
    }
    let (this, last) = (&out.created_this_week, &out.created_last_week);
    let trend = match this.amount.cmp(&last.amount) {
        std::cmp::Ordering::Greater => "up from",
        std::cmp::Ordering::Less => "down from",
        std::cmp::Ordering::Equal => "level with",
    };
    text.push_str(&format!(
        " New this week: {} worth {}, {trend} {} worth {} the week before.",
        count(this.deals, "deal", "deals"),
        money(this.amount),
        count(last.deals, "deal", "deals"),
        money(last.amount)
    ));
    if let Some(first) = out.sources.first() {
        text.push_str(&format!(" [[{}]]", first.id()));
    }
    let rows = out
        .rows
        .iter()
        .map(|r| vec![r.label.clone(), r.deals.to_string(), money(r.amount)])
        .collect();
    Narrative {
        text,
        sections: vec![
            table("Open pipeline", &["Group", "Deals", "Amount"], rows),
            bar_chart(
                "Pipeline by group",
                out.rows.iter().map(|r| (r.label.clone(), r.amount as f64)),
            ),
        ],
        follow_ups: vec![
            "What changed in the pipeline since last week?".into(),
            "Which deals are at risk this quarter?".into(),
        ],
    }
}

/// "What changed in the pipeline since last week?"
pub fn pipeline_changes(out: &PipelineChangesOutput) -> Narrative {
    let moved: Vec<_> = out.steps.iter().filter(|s| s.deals > 0).collect();
    let mut text = format!(
        "Pipeline moved from {} ({}) on {} to {} ({}) on {}.",
        money(out.opening.amount),
        count(out.opening.deals, "deal", "deals"),
        out.from,
        money(out.closing.amount),
        count(out.closing.deals, "deal", "deals"),
        out.to
    );
    let parts: Vec<String> = moved
        .iter()
        .map(|s| {
            format!(
                "{} {} ({})",
                kind_label(&s.kind),
                money(s.amount),
                count(s.deals, "deal", "deals")
            )
        })
        .collect();
    if !parts.is_empty() {
        text.push_str(&format!(" The movements: {}.", join_and(&parts)));
    }
    if let Some(biggest) = moved
        .iter()
        .flat_map(|s| s.top.iter().map(move |d| (s, d)))
        .max_by_key(|(_, d)| d.amount_change.abs())
    {
        text.push_str(&format!(
            " The single biggest move was {} ({}, {}) [[{}]].",
            deal(&biggest.1.deal_id, &biggest.1.name),
            kind_label(&biggest.0.kind),
            money(biggest.1.amount_change),
            biggest.1.deal_id
        ));
    }
    if out.reconciles {
        text.push_str(" Opening plus every movement equals the closing total exactly.");
    }
    let rows = out
        .steps
        .iter()
        .map(|s| vec![kind_label(&s.kind), s.deals.to_string(), money(s.amount)])
        .collect();
    let mut labels = vec!["Opening".to_owned()];
    let mut values = vec![out.opening.amount as f64];
    for s in &out.steps {
        labels.push(kind_label(&s.kind));
        values.push(s.amount as f64);
    }
    labels.push("Closing".into());
    values.push(out.closing.amount as f64);
    Narrative {
        text,
        sections: vec![
            table("Pipeline waterfall", &["Movement", "Deals", "Amount"], rows),
            Section::Chart(ChartSpec {
                title: "Pipeline waterfall".into(),
                kind: ChartKind::Waterfall,
                labels,
                series: vec![Series {
                    name: "Amount".into(),
                    values,
                }],
            }),
        ],
        follow_ups: vec![
            "Which deals have slipped more than once?".into(),
            "What is our forecast for this quarter?".into(),
        ],
    }
}

/// "Which deals have slipped more than once?"
pub fn slipped(out: &SlippedDealsOutput) -> Narrative {
    if out.deals.is_empty() {
        return Narrative {
            text: "No deal in your view has slipped that often.".into(),
            ..Narrative::default()
        };
    }
    let top: Vec<String> = out
        .deals
        .iter()
        .take(3)
        .map(|d| {
            format!(
                "{} ({}), pushed {} times by {} days in all [[{}]]",
                deal(&d.deal_id, &d.name),
                money(d.amount),
                d.pushes,
                d.days_pushed,
                d.deal_id
            )
        })
        .collect();
    let opener = [
        "deals have slipped repeatedly",
        "deals keep moving their close dates",
    ][variant(out.total_matching as i64, 2)];
    let text = format!(
        "{} {opener}. The worst: {}.",
        out.total_matching,
        join_and(&top)
    );
    let rows = out
        .deals
        .iter()
        .map(|d| {
            vec![
                deal(&d.deal_id, &d.name),
                d.owner.clone(),
                money(d.amount),
                d.stage.clone(),
                d.pushes.to_string(),
                d.days_pushed.to_string(),
                d.regressions.to_string(),
                d.close_date.map(|c| c.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Slipped deals",
            &[
                "Deal",
                "Owner",
                "Amount",
                "Stage",
                "Pushes",
                "Days pushed",
                "Regressions",
                "Close date",
            ],
            rows,
        )],
        follow_ups: vec!["Which deals are stuck in a stage?".into()],
    }
}

/// "Which deals are stuck in a stage?"
pub fn stuck(out: &StuckDealsOutput) -> Narrative {
    if out.deals.is_empty() {
        return Narrative {
            text: "No open deal in your view has stayed in its stage much longer than the norm."
                .into(),
            ..Narrative::default()
        };
    }
    let top: Vec<String> = out
        .deals
        .iter()
        .take(3)
        .map(|d| {
            format!(
                "{} has spent {} days in {} against a norm of {:.0} [[{}]]",
                deal(&d.deal_id, &d.name),
                d.days_in_stage,
                d.stage,
                d.stage_norm_days,
                d.deal_id
            )
        })
        .collect();
    let text = format!(
        "{} are stuck well beyond the usual time in their stage. {}.",
        count(
            i64::try_from(out.total_matching).unwrap_or(i64::MAX),
            "deal",
            "deals"
        ),
        join_and(&top)
    );
    let rows = out
        .deals
        .iter()
        .map(|d| {
            vec![
                deal(&d.deal_id, &d.name),
                d.stage.clone(),
                d.days_in_stage.to_string(),
                format!("{:.0}", d.stage_norm_days),
                format!("{:.1}", d.ratio),
                money(d.amount),
                d.owner.clone(),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Stuck deals",
            &[
                "Deal",
                "Stage",
                "Days in stage",
                "Norm (days)",
                "× norm",
                "Amount",
                "Owner",
            ],
            rows,
        )],
        follow_ups: vec!["What are the next best actions for the top stuck deal?".into()],
    }
}

/// "How is <rep> tracking against quota?"
pub fn attainment(out: &RepAttainmentOutput) -> Narrative {
    let rate = out.attainment_rate.map_or_else(
        || "no quota is set".to_owned(),
        |r| format!("{} of quota", percent(r)),
    );
    let mut text = format!(
        "{} has closed {} against a quota of {} for {} to {} — {rate} [[{}]].",
        out.rep.name,
        money(out.closed_won.amount),
        money(out.quota),
        out.period.from,
        out.period.to,
        out.rep.id
    );
    text.push_str(&format!(
        " Commit adds {} and best case {}, with {} in other open pipeline.",
        money(out.commit.amount),
        money(out.best_case.amount),
        money(out.pipeline.amount)
    ));
    if out.gap > 0 {
        match out.coverage {
            Some(c) => text.push_str(&format!(
                " The remaining gap is {}, covered {:.1}× by open pipeline.",
                money(out.gap),
                c
            )),
            None => text.push_str(&format!(" The remaining gap is {}.", money(out.gap))),
        }
    } else {
        text.push_str(" Quota is already met.");
    }
    let rows = vec![
        vec!["Quota".into(), money(out.quota)],
        vec!["Closed won".into(), money(out.closed_won.amount)],
        vec!["Commit".into(), money(out.commit.amount)],
        vec!["Best case".into(), money(out.best_case.amount)],
        vec!["Pipeline".into(), money(out.pipeline.amount)],
        vec!["Gap".into(), money(out.gap)],
    ];
    Narrative {
        text,
        sections: vec![table("Attainment", &["Measure", "Amount"], rows)],
        follow_ups: vec![format!("Which of {}'s deals are at risk?", out.rep.name)],
    }
}

/// "Bookings and ARR by region and product line this year vs last."
pub fn bookings(outs: &[BookingsArrOutput]) -> Narrative {
    let Some(first) = outs.first() else {
        return Narrative::default();
    };
    let t = &first.totals;
    let change = t
        .bookings_change_rate
        .map(|r| {
            format!(
                ", {} {} last year's {}",
                percent(r.abs()),
                if r >= 0.0 { "above" } else { "below" },
                money(t.bookings_prior)
            )
        })
        .unwrap_or_default();
    let mut text = format!(
        "Bookings from {} to {} are {}{change}; ARR stands at {} against {} a year earlier.",
        first.span.from,
        first.span.to,
        money(t.bookings),
        money(t.arr),
        money(t.arr_prior)
    );
    let mut sections = Vec::new();
    for out in outs {
        if let Some(best) = out.rows.iter().max_by_key(|r| r.bookings) {
            text.push_str(&format!(
                " By {}, {} leads with {}.",
                kind_label(&out.group_by),
                best.label,
                money(best.bookings)
            ));
        }
        let rows = out
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.label.clone(),
                    money(r.bookings),
                    money(r.bookings_prior),
                    r.bookings_change_rate
                        .map(percent)
                        .unwrap_or_else(|| "—".into()),
                    money(r.arr),
                    money(r.arr_prior),
                ]
            })
            .collect();
        sections.push(table(
            &format!("Bookings and ARR by {}", kind_label(&out.group_by)),
            &[
                "Group",
                "Bookings",
                "Prior year",
                "Change",
                "ARR",
                "ARR a year ago",
            ],
            rows,
        ));
    }
    if let Some(s) = first.sources.first() {
        text.push_str(&format!(" [[{}]]", s.id()));
    }
    Narrative {
        text,
        sections,
        follow_ups: vec!["What is our forecast for this quarter?".into()],
    }
}
