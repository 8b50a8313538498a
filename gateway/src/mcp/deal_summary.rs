//! The `revpulse://deal/{id}` resource's text: one deal as Markdown, built from the caller's
//! scoped `deal_detail` output and, for an open deal, its `deal_risk` output — every number
//! exactly as the tools returned it, with the records it rests on listed as sources.

use std::fmt::Write;

use revpulse_tools::Source;
use revpulse_tools::forecast::deal_detail::{DealChange, DealDetailOutput};
use revpulse_tools::forecast::deal_risk::{DealOutcome, DealRiskOutput, SignalEffect};
use serde::Serialize;

/// The deal summary of `detail` and its `risk`, or why it has none (closed, not enough data).
pub(crate) fn deal_markdown(
    detail: &DealDetailOutput,
    risk: Result<&DealRiskOutput, &str>,
) -> String {
    let d = &detail.deal;
    let mut out = format!("# Deal {} — {}\n\n| | |\n|---|---|\n", d.id, cell(&d.name));
    let rows = [
        ("Account", format!("{} ({})", d.account_name, d.account_id)),
        ("Owner", format!("{} ({})", d.owner_name, d.owner_id)),
        ("Amount", dollars(d.amount)),
        ("Stage", d.stage.clone()),
        ("Close date", d.close_date.to_string()),
        ("Forecast category", d.forecast_category.clone()),
        ("Deal type", d.deal_type.clone()),
        (
            "Product line",
            format!("{} ({})", d.product_line, d.product_line_id),
        ),
        (
            "Primary competitor",
            d.primary_competitor
                .clone()
                .unwrap_or_else(|| "none recorded".into()),
        ),
        ("Created", d.created_on.to_string()),
    ];
    for (field, value) in rows {
        let _ = writeln!(out, "| {field} | {} |", cell(&value));
    }
    match risk {
        Ok(risk) => risk_section(&mut out, risk),
        Err(why) => {
            let _ = writeln!(out, "\n## Win probability\n\nNot scored: {why}.");
        }
    }
    history_section(&mut out, detail);
    out.push_str("\n## Buying committee\n\n");
    if detail.buying_committee.is_empty() {
        out.push_str("No contacts recorded on the deal.\n");
    }
    for m in &detail.buying_committee {
        let _ = writeln!(
            out,
            "- {} ({}), {} — {}",
            m.name, m.contact_id, m.title, m.role
        );
    }
    out.push_str("\n## Recent activities\n\n");
    if detail.recent_activities.is_empty() {
        out.push_str("No activities recorded on the deal.\n");
    }
    for a in &detail.recent_activities {
        let _ = writeln!(
            out,
            "- {} {} `{}`: {} ({} buyer contact(s))",
            a.at.date_naive(),
            a.kind,
            a.id,
            a.subject,
            a.contact_count
        );
    }
    sources_section(
        &mut out,
        detail
            .sources
            .iter()
            .chain(risk.into_iter().flat_map(|r| &r.sources)),
    );
    out
}

fn risk_section(out: &mut String, risk: &DealRiskOutput) {
    let _ = write!(
        out,
        "\n## Win probability\n\n{} (confidence {} at {:.2}; method {})\n",
        percent(risk.win_probability),
        name_of(&risk.confidence.label),
        risk.confidence.score,
        name_of(&risk.method)
    );
    signals(out, "Raising it", &risk.drivers_up);
    signals(out, "Lowering it", &risk.drivers_down);
    let _ = writeln!(out, "\n### Risk flags (rules {})\n", risk.rules_version);
    if risk.risk_flags.is_empty() {
        out.push_str("No risk rule fires.\n");
    }
    for flag in &risk.risk_flags {
        let _ = writeln!(
            out,
            "- {} (`{}`): {}",
            flag.reason, flag.rule_id, flag.evidence
        );
    }
    if !risk.similar_deals.is_empty() {
        out.push_str("\n### Similar closed deals\n\n");
    }
    for s in &risk.similar_deals {
        let outcome = match s.outcome {
            DealOutcome::Won => "won",
            DealOutcome::Lost => "lost",
        };
        let _ = writeln!(
            out,
            "- {} {}: {outcome} (similarity {:.2})",
            s.deal_id, s.name, s.similarity
        );
    }
}

fn signals(out: &mut String, heading: &str, effects: &[SignalEffect]) {
    if effects.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {heading}\n");
    for e in effects {
        let _ = writeln!(
            out,
            "- {} — {}: {:+.1} points",
            e.signal,
            e.value_text,
            e.effect * 100.0
        );
    }
}

fn history_section(out: &mut String, detail: &DealDetailOutput) {
    out.push_str("\n## History\n\n");
    for entry in &detail.history {
        let change = match &entry.change {
            DealChange::Stage { from, to } => match from {
                Some(from) => format!("stage {from} → {to}"),
                None => format!("created in stage {to}"),
            },
            DealChange::Amount { from, to } => match from {
                Some(from) => format!("amount {} → {}", dollars(*from), dollars(*to)),
                None => format!("amount set to {}", dollars(*to)),
            },
            DealChange::CloseDate { from, to } => match from {
                Some(from) => format!("close date {from} → {to}"),
                None => format!("close date set to {to}"),
            },
        };
        let _ = writeln!(out, "- {}: {change}", entry.at.date_naive());
    }
}

fn sources_section<'s>(out: &mut String, sources: impl Iterator<Item = &'s Source>) {
    out.push_str("\n## Sources\n\n");
    let mut seen = Vec::new();
    for source in sources {
        if seen.contains(&source.id()) {
            continue;
        }
        seen.push(source.id());
        let _ = match source {
            Source::Record { kind, id, label } => writeln!(out, "- {kind} `{id}`: {label}"),
            Source::Passage {
                chunk_id,
                source_type,
                timestamp,
                ..
            } => {
                writeln!(out, "- {source_type} passage `{chunk_id}` ({timestamp})")
            }
        };
    }
}

/// Whole dollars with thousands separators: `$1,234,567`, `-$5,000`.
pub(crate) fn dollars(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}${grouped}")
}

/// A probability in [0, 1] as a percentage with one decimal.
pub(crate) fn percent(probability: f64) -> String {
    format!("{:.1}%", probability * 100.0)
}

/// A unit enum's wire name (`gradient_boosted_trees`, `medium`).
fn name_of(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => "unknown".to_owned(),
    }
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_group_thousands() {
        assert_eq!(dollars(0), "$0");
        assert_eq!(dollars(999), "$999");
        assert_eq!(dollars(1_000), "$1,000");
        assert_eq!(dollars(1_234_567), "$1,234,567");
        assert_eq!(dollars(-45_000), "-$45,000");
    }

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent(0.625), "62.5%");
        assert_eq!(percent(1.0), "100.0%");
    }

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
