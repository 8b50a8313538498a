//! Narratives over conversations: call summaries, objections, competitor mentions, insights
//! and win rates, search results, and follow-up email drafts. Every quote is wrapped in curly
//! quotes and cites its passage; the words of customers are data, shown, never obeyed.

use revpulse_tools::conversation::{
    call_summaries::CallSummariesOutput, competitor_insights::CompetitorInsightsOutput,
    competitor_insights::CompetitorQuote, competitor_mentions::CompetitorMentionsOutput,
    competitor_win_rates::CompetitorWinRatesOutput, conversation_search::ConversationSearchOutput,
    objections::ObjectionsOutput,
};
use revpulse_tools::forecast::deal_detail::DealDetailOutput;

use super::Narrative;
use super::format::spoken as word;
use super::format::{count, join_and, money, percent};
use super::sections::table;
use crate::{ChartKind, ChartSpec, Section, Series};

/// A quote as shown: on one line (a line break would end the sentence it sits in, leaving an
/// opened quotation the citation guardrail must drop), trimmed, curly-quoted, cited.
fn quote(text: &str, chunk_id: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = text.chars().take(220).collect();
    let more = if text.chars().count() > 220 {
        "…"
    } else {
        ""
    };
    format!(
        "“{}{more}” [[{chunk_id}]]",
        short.replace(['“', '”', '"'], "'")
    )
}

/// "Summarize the last 5 calls for <account>."
pub fn call_summaries(out: &CallSummariesOutput) -> Narrative {
    if out.calls.is_empty() {
        return Narrative {
            text: "I don't know: there are no recorded calls for it in the records you can see."
                .into(),
            ..Narrative::default()
        };
    }
    let mut paragraphs = vec![format!(
        "The last {} (of {} on record):",
        count(i64::try_from(out.calls.len()).unwrap_or(0), "call", "calls"),
        out.calls_on_record
    )];
    for call in &out.calls {
        let mut p = format!(
            "**{}** — {}{}.",
            call.date,
            call.title.clone().unwrap_or_else(|| "call".into()),
            if call.participants.is_empty() {
                String::new()
            } else {
                format!(" with {}", join_and(&call.participants))
            }
        );
        for k in call.key_points.iter().take(2) {
            p.push_str(&format!("\nKey point: {}.", quote(&k.text, &k.chunk_id)));
        }
        for o in call.objections.iter().take(2) {
            p.push_str(&format!(
                "\nObjection ({}): {}.",
                word(&o.category),
                quote(&o.text, &o.chunk_id)
            ));
        }
        for n in call.next_steps.iter().take(2) {
            p.push_str(&format!("\nNext step: {}.", quote(&n.text, &n.chunk_id)));
        }
        if !call.competitors.is_empty() {
            p.push_str(&format!(
                "\nCompetitors mentioned: {}.",
                join_and(&call.competitors)
            ));
        }
        paragraphs.push(p);
    }
    Narrative {
        text: paragraphs.join("\n\n"),
        sections: Vec::new(),
        follow_ups: vec![
            "What objections did the customer raise?".into(),
            "Draft a follow-up email with an exec tone".into(),
        ],
    }
}

/// "What objections did the customer raise?"
pub fn objections(out: &ObjectionsOutput) -> Narrative {
    if out.groups.is_empty() {
        return Narrative {
            text: format!(
                "No objections were raised in the {} passages from {} to {}.",
                out.passages_scanned, out.period.from, out.period.to
            ),
            ..Narrative::default()
        };
    }
    let summary: Vec<String> = out
        .groups
        .iter()
        .map(|g| {
            format!(
                "{} ({})",
                word(&g.category),
                count(i64::try_from(g.count).unwrap_or(0), "passage", "passages")
            )
        })
        .collect();
    let mut paragraphs = vec![format!(
        "Across {} passages from {} to {}, the objections were {}.",
        out.passages_scanned,
        out.period.from,
        out.period.to,
        join_and(&summary)
    )];
    for g in out.groups.iter().take(4) {
        let quotes: Vec<String> = g
            .quotes
            .iter()
            .take(2)
            .map(|q| quote(&q.text, &q.chunk_id))
            .collect();
        if !quotes.is_empty() {
            paragraphs.push(format!(
                "{}: {}.",
                capitalised(&word(&g.category)),
                quotes.join(" and ")
            ));
        }
    }
    let rows = out
        .groups
        .iter()
        .map(|g| vec![word(&g.category), g.count.to_string()])
        .collect();
    Narrative {
        text: paragraphs.join("\n\n"),
        sections: vec![table("Objections", &["Category", "Passages"], rows)],
        follow_ups: vec!["Which competitors came up most this month?".into()],
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "Which competitors came up most this month, by region?"
pub fn competitor_mentions(out: &CompetitorMentionsOutput) -> Narrative {
    let mut totals = out.totals.clone();
    totals.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(a.competitor.cmp(&b.competitor))
    });
    let top: Vec<String> = totals
        .iter()
        .take(3)
        .map(|t| {
            let trend = match t.change_rate {
                Some(r) if r > 0.0 => format!(", up {} on the previous period", percent(r)),
                Some(r) if r < 0.0 => format!(", down {} on the previous period", percent(r.abs())),
                _ => String::new(),
            };
            format!(
                "{} ({}{trend})",
                t.competitor,
                count(i64::from(t.mentions), "mention", "mentions")
            )
        })
        .collect();
    let mut text = if top.is_empty() {
        format!(
            "No competitor came up from {} to {}.",
            out.period.from, out.period.to
        )
    } else {
        format!(
            "From {} to {}, the most mentioned competitors were {}.",
            out.period.from,
            out.period.to,
            join_and(&top)
        )
    };
    if let Some(hot) = out.cells.iter().max_by_key(|c| c.mentions) {
        text.push_str(&format!(
            " The hottest cell is {} in {} with {}.",
            hot.competitor,
            hot.group,
            count(i64::from(hot.mentions), "mention", "mentions")
        ));
    }
    if let Some(s) = out.sources.first() {
        text.push_str(&format!(" [[{}]]", s.id()));
    }
    let mut groups: Vec<String> = out.cells.iter().map(|c| c.group.clone()).collect();
    groups.sort();
    groups.dedup();
    let series = totals
        .iter()
        .map(|t| Series {
            name: t.competitor.clone(),
            values: groups
                .iter()
                .map(|g| {
                    out.cells
                        .iter()
                        .find(|c| &c.group == g && c.competitor == t.competitor)
                        .map_or(0.0, |c| f64::from(c.mentions))
                })
                .collect(),
        })
        .collect();
    Narrative {
        text,
        sections: vec![Section::Chart(ChartSpec {
            title: format!("Competitor mentions by {}", word(&out.group_by)),
            kind: ChartKind::Heatmap,
            labels: groups,
            series,
        })],
        follow_ups: totals
            .first()
            .map(|t| {
                vec![format!(
                    "What pricing comparisons and feature gaps are customers raising against {}?",
                    t.competitor
                )]
            })
            .unwrap_or_default(),
    }
}

/// "What pricing comparisons and feature gaps are customers raising against <competitor>?"
pub fn competitor_insights(out: &CompetitorInsightsOutput) -> Narrative {
    let c = &out.counts;
    let mut paragraphs = vec![format!(
        "From {} to {}, {} came up in {} of the passages scanned: {} pricing comparisons, {} feature gaps, {} objections and {} displacement mentions.",
        out.period.from,
        out.period.to,
        out.competitor,
        out.passages_scanned,
        c.pricing_comparison,
        c.feature_gap,
        c.objection,
        c.displacement
    )];
    let mut add = |label: &str, quotes: &[CompetitorQuote]| {
        let shown: Vec<String> = quotes
            .iter()
            .take(2)
            .map(|q| quote(&q.text, &q.chunk_id))
            .collect();
        if !shown.is_empty() {
            paragraphs.push(format!("{label}: {}.", shown.join(" and ")));
        }
    };
    add("Pricing", &out.pricing_comparisons);
    add("Feature gaps", &out.feature_gaps);
    add("Objections", &out.objections);
    add("Displacement", &out.displacement);
    Narrative {
        text: paragraphs.join("\n\n"),
        sections: Vec::new(),
        follow_ups: vec![format!(
            "What is our win rate when {} is in the deal?",
            out.competitor
        )],
    }
}

/// "What is our win rate when <competitor> is in the deal?"
pub fn competitor_win_rates(out: &CompetitorWinRatesOutput) -> Narrative {
    let b = &out.baseline;
    let mut text = match b.win_rate {
        Some(r) => format!(
            "Without a competitor we win {} of closed deals ({} won, {} lost).",
            percent(r),
            b.won,
            b.lost
        ),
        None => "There are no closed deals without a competitor to compare against.".into(),
    };
    for row in out.rows.iter().take(4) {
        if let Some(r) = row.win_rate {
            text.push_str(&format!(
                " Against {} we win {} ({} of {}, interval {}–{}){}.",
                row.competitor,
                percent(r),
                row.won,
                row.deals,
                percent(row.interval.low),
                percent(row.interval.high),
                if row.significant {
                    ", a significant difference"
                } else {
                    ""
                }
            ));
        }
    }
    if let Some(s) = out.sources.first() {
        text.push_str(&format!(" [[{}]]", s.id()));
    }
    let rows = out
        .rows
        .iter()
        .chain(std::iter::once(b))
        .map(|r| {
            vec![
                r.competitor.clone(),
                r.deals.to_string(),
                r.won.to_string(),
                r.lost.to_string(),
                r.win_rate.map(percent).unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    Narrative {
        text,
        sections: vec![table(
            "Win rates",
            &["Competitor", "Deals", "Won", "Lost", "Win rate"],
            rows,
        )],
        follow_ups: vec!["Which competitors came up most this month, by region?".into()],
    }
}

/// A conversation search.
pub fn search(out: &ConversationSearchOutput) -> Narrative {
    if out.hits.is_empty() {
        return Narrative {
            text: "I don't know: no call, email, meeting or ticket you can see mentions that."
                .into(),
            ..Narrative::default()
        };
    }
    let lines: Vec<String> = out
        .hits
        .iter()
        .take(5)
        .map(|h| {
            format!(
                "- {} {} ({}): {}",
                h.source_type.replace('_', " "),
                h.timestamp.format("%Y-%m-%d"),
                h.account_id,
                quote(&h.snippet, &h.chunk_id)
            )
        })
        .collect();
    Narrative {
        text: format!("The most relevant passages:\n{}", lines.join("\n")),
        sections: Vec::new(),
        follow_ups: Vec::new(),
    }
}

/// "Draft a follow-up email with an exec tone for <deal>."
pub fn follow_up_email(
    calls: &CallSummariesOutput,
    detail: Option<&DealDetailOutput>,
) -> Narrative {
    let Some(call) = calls.calls.first() else {
        return Narrative {
            text: "I don't know what to write: there is no recorded call to follow up on.".into(),
            ..Narrative::default()
        };
    };
    let greeting = call
        .participants
        .iter()
        .find(|p| !p.is_empty())
        .map_or_else(|| "Hello".to_owned(), |p| format!("Dear {}", first_name(p)));
    let subject = detail.map_or_else(
        || format!("Following up on our conversation of {}", call.date),
        |d| format!("{} — next steps", d.deal.name),
    );
    let mut body = vec![format!(
        "Draft follow-up email to the call of {} [[{}]]:",
        call.date,
        call.key_points
            .first()
            .map_or(call.activity_id.as_str(), |k| k.chunk_id.as_str())
    )];
    body.push(format!("Subject: {subject}"));
    body.push(format!("{greeting},"));
    body.push("Thank you for your time. To confirm where we landed:".into());
    for k in call.key_points.iter().take(3) {
        body.push(format!("- {}", quote(&k.text, &k.chunk_id)));
    }
    if let Some(o) = call.objections.first() {
        body.push(format!(
            "On the {} concern you raised, {}, we will come back with a specific answer before our next meeting.",
            word(&o.category),
            quote(&o.text, &o.chunk_id)
        ));
    }
    if call.next_steps.is_empty() {
        body.push(
            "I suggest we agree the next step and the decision timeline on a short call this week."
                .into(),
        );
    } else {
        body.push("Agreed next steps:".into());
        for n in call.next_steps.iter().take(3) {
            body.push(format!("- {}", quote(&n.text, &n.chunk_id)));
        }
    }
    if let Some(d) = detail {
        body.push(format!(
            "Our aim is to have everything in place for a decision by {}.",
            d.deal.close_date
        ));
    }
    body.push("Best regards,".into());
    if let Some(d) = detail {
        body.push(d.deal.owner_name.clone());
    }
    let mut text = body.join("\n");
    if let Some(d) = detail {
        text.push_str(&format!(
            "\n\nDeal on record: {} [[{}]].",
            money(d.deal.amount),
            d.deal.id
        ));
    }
    Narrative {
        text,
        sections: Vec::new(),
        follow_ups: vec!["What are the next best actions for this deal?".into()],
    }
}

fn first_name(full: &str) -> &str {
    full.split_whitespace().next().unwrap_or(full)
}

#[cfg(test)]
mod quote_tests {
    use super::quote;

    #[test]
    fn a_multi_line_passage_is_quoted_on_one_line() {
        assert_eq!(
            quote("Hello Zoe,\n\nA quick update.\n  Thanks", "C-1"),
            "“Hello Zoe, A quick update. Thanks” [[C-1]]"
        );
    }
}
