//! Competitor mentions counted straight from the records, without the index: every transcript
//! turn (at its own time), every email (subject and body), meeting (title, then the notes
//! without their `Attendees:` / `Agenda:` lines) and ticket comment (the subject of the first
//! one apart), read by the analytics' matcher and classifier.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use revpulse_analytics::competitive::classify::MentionKind;
use revpulse_analytics::competitive::matcher::{CompetitorMatcher, CompetitorName};
use revpulse_analytics::competitive::mentions::{Passage, TextSource, extract_mentions};
use revpulse_graph::model::ActivityKind;

use super::fixture::Company;

/// One mention found in the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawMention {
    pub competitor: String,
    pub kind: MentionKind,
    pub account_id: String,
    pub region: String,
}

fn matcher(c: &Company) -> CompetitorMatcher {
    let catalogue: Vec<CompetitorName> = c
        .data
        .competitors
        .iter()
        .map(|x| CompetitorName {
            name: x.name.clone(),
            aliases: x.aliases.clone(),
        })
        .collect();
    let d = &c.data;
    let names = d
        .accounts
        .iter()
        .map(|a| a.name.as_str())
        .chain(d.users.iter().map(|u| u.name.as_str()))
        .chain(d.contacts.iter().map(|p| p.name.as_str()))
        .chain(d.products.iter().map(|p| p.name.as_str()));
    CompetitorMatcher::new(&catalogue)
        .unwrap()
        .protecting(names)
}

/// Meeting notes without their header lines, as runs of consecutive lines.
fn note_runs(text: &str) -> Vec<String> {
    let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        if line.starts_with("Attendees:") || line.starts_with("Agenda:") {
            runs.push(Vec::new());
        } else if let Some(run) = runs.last_mut() {
            run.push(line);
        }
    }
    runs.into_iter()
        .map(|r| r.join("\n"))
        .filter(|r| !r.trim().is_empty())
        .collect()
}

/// Every mention said or written on the days `from..=to`.
pub(super) fn raw_mentions(c: &Company, from: NaiveDate, to: NaiveDate) -> Vec<RawMention> {
    let m = matcher(c);
    let start = from.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let end = to.and_hms_opt(0, 0, 0).unwrap().and_utc() + Duration::days(1);
    let inside = |at: DateTime<Utc>| start <= at && at < end;
    let mut texts: Vec<(String, DateTime<Utc>, &str, TextSource)> = Vec::new();
    for a in &c.data.activities {
        match a.kind {
            ActivityKind::Call => {
                for t in c.data.transcripts.iter().filter(|t| t.activity_id == a.id) {
                    for turn in &t.turns {
                        let at = a.at + Duration::seconds(turn.offset_seconds);
                        texts.push((turn.text.clone(), at, &a.account_id, TextSource::Transcript));
                    }
                }
            }
            ActivityKind::Email => {
                let text = if a.body.trim().is_empty() {
                    a.subject.clone()
                } else {
                    format!("{}\n{}", a.subject, a.body)
                };
                texts.push((text, a.at, &a.account_id, TextSource::Email));
            }
            ActivityKind::Meeting => {
                let text = format!("{}\n{}", a.subject, a.body);
                for run in note_runs(&text) {
                    texts.push((run, a.at, &a.account_id, TextSource::Meeting));
                }
            }
        }
    }
    for t in &c.data.tickets {
        for (i, comment) in t.comments.iter().enumerate() {
            if i == 0 {
                texts.push((
                    t.subject.clone(),
                    comment.at,
                    &t.account_id,
                    TextSource::Ticket,
                ));
            }
            texts.push((
                comment.body.clone(),
                comment.at,
                &t.account_id,
                TextSource::Ticket,
            ));
        }
    }
    let mut out = Vec::new();
    for (text, at, account_id, source) in texts {
        if !inside(at) {
            continue;
        }
        let passage = Passage {
            source,
            source_id: "raw",
            passage_index: 0,
            text: &text,
        };
        for mention in extract_mentions(&m, &passage) {
            out.push(RawMention {
                competitor: mention.competitor,
                kind: mention.kind,
                account_id: account_id.to_owned(),
                region: c.region_of(account_id).to_owned(),
            });
        }
    }
    out
}
