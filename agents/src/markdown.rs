//! An answer as Markdown: prose, tables, chart data, sources and follow-ups — what the CLI
//! prints, what reports embed, and what chat surfaces can post as-is.

use std::fmt::Write as _;

use revpulse_tools::Source;

use crate::{Answer, Citation, Outcome, Section, Table};

impl Answer {
    /// The answer as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        match &self.outcome {
            Outcome::Refused { .. } => out.push_str("**Refused.** "),
            Outcome::Unknown { .. } => out.push_str("**Not answerable from the data.** "),
            Outcome::Answered => {}
        }
        out.push_str(&self.text);
        out.push('\n');
        for section in &self.sections {
            out.push('\n');
            out.push_str(&section_markdown(section));
        }
        if !self.citations.is_empty() {
            out.push_str("\n**Sources**\n\n");
            for c in &self.citations {
                let _ = writeln!(out, "{}", citation_line(c));
            }
        }
        if !self.follow_ups.is_empty() {
            out.push_str("\n**Ask next**\n\n");
            for f in &self.follow_ups {
                let _ = writeln!(out, "- {f}");
            }
        }
        out
    }
}

/// One section as Markdown.
pub fn section_markdown(section: &Section) -> String {
    match section {
        Section::Table(t) => table_markdown(t),
        Section::Chart(c) => {
            let mut t = Table {
                title: c.title.clone(),
                columns: std::iter::once(String::new())
                    .chain(c.series.iter().map(|s| s.name.clone()))
                    .collect(),
                rows: Vec::new(),
            };
            for (k, label) in c.labels.iter().enumerate() {
                let mut row = vec![label.clone()];
                row.extend(
                    c.series
                        .iter()
                        .map(|s| s.values.get(k).map_or(String::new(), |v| format!("{v}"))),
                );
                t.rows.push(row);
            }
            table_markdown(&t)
        }
    }
}

fn table_markdown(t: &Table) -> String {
    let mut out = format!("**{}**\n\n", t.title);
    let escape = |s: &str| s.replace('|', "\\|");
    let _ = writeln!(
        out,
        "| {} |",
        t.columns
            .iter()
            .map(|c| escape(c))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|{}|", vec!["---"; t.columns.len()].join("|"));
    for row in &t.rows {
        let _ = writeln!(
            out,
            "| {} |",
            row.iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    out
}

/// `[n] what it cites`.
pub fn citation_line(c: &Citation) -> String {
    match &c.source {
        Source::Record { kind, id, label } => format!("[{}] {kind} {id} — {label}", c.marker),
        Source::Passage {
            chunk_id,
            snippet,
            source_type,
            timestamp,
        } => {
            let day = timestamp.get(..10).unwrap_or(timestamp);
            let short: String = snippet.chars().take(160).collect();
            let more = if snippet.chars().count() > 160 {
                "…"
            } else {
                ""
            };
            format!(
                "[{}] {source_type} {day} ({chunk_id}): “{short}{more}”",
                c.marker
            )
        }
    }
}
