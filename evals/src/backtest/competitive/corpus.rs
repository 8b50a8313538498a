//! Every passage of text in the demo company — transcript turns, email bodies, meeting notes,
//! ticket comments — with the account, deal and instant it belongs to, built straight from the
//! records (no ground truth), plus the competitor catalogue the matcher is built from.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use revpulse_analytics::competitive::matcher::CompetitorName;
use revpulse_analytics::competitive::mentions::{Passage, TextSource};
use revpulse_graph::model::{ActivityKind, Speaker};
use revpulse_ingest::dataset::CompanyDataset;

/// One passage with its context.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusPassage<'d> {
    /// What the analytics see.
    pub passage: Passage<'d>,
    /// The account it concerns.
    pub account_id: &'d str,
    /// The deal it concerns, if any.
    pub opportunity_id: Option<&'d str>,
    /// When it was said or written.
    pub at: DateTime<Utc>,
    /// Written or said by the customer (`None` when the record does not say: emails, notes).
    pub by_customer: Option<bool>,
    /// A call or a meeting (where people meet live).
    pub live: bool,
}

/// The matcher's catalogue from the dataset's competitor records.
pub fn catalogue(ds: &CompanyDataset) -> Vec<CompetitorName> {
    ds.competitors
        .iter()
        .map(|c| CompetitorName {
            name: c.name.clone(),
            aliases: c.aliases.clone(),
        })
        .collect()
}

/// Every passage of the company, in record order.
pub fn build(ds: &CompanyDataset) -> Vec<CorpusPassage<'_>> {
    let mut out = Vec::new();
    let transcripts: HashMap<&str, &revpulse_graph::model::Transcript> = ds
        .transcripts
        .iter()
        .map(|t| (t.activity_id.as_str(), t))
        .collect();
    for a in &ds.activities {
        let base = |source, source_id, passage_index, text, by_customer| CorpusPassage {
            passage: Passage {
                source,
                source_id,
                passage_index,
                text,
            },
            account_id: a.account_id.as_str(),
            opportunity_id: a.opportunity_id.as_deref(),
            at: a.at,
            by_customer,
            live: a.kind != ActivityKind::Email,
        };
        match a.kind {
            ActivityKind::Call => {
                let Some(t) = transcripts.get(a.id.as_str()) else {
                    continue;
                };
                for (i, turn) in t.turns.iter().enumerate() {
                    let by_customer = Some(turn.speaker == Speaker::Buyer);
                    let mut p = base(
                        TextSource::Transcript,
                        t.id.as_str(),
                        i,
                        turn.text.as_str(),
                        by_customer,
                    );
                    p.at = a.at + chrono::Duration::seconds(turn.offset_seconds);
                    out.push(p);
                }
            }
            ActivityKind::Email => out.push(base(
                TextSource::Email,
                a.id.as_str(),
                0,
                a.body.as_str(),
                None,
            )),
            ActivityKind::Meeting => out.push(base(
                TextSource::Meeting,
                a.id.as_str(),
                0,
                a.body.as_str(),
                None,
            )),
        }
    }
    for t in &ds.tickets {
        for (i, c) in t.comments.iter().enumerate() {
            out.push(CorpusPassage {
                passage: Passage {
                    source: TextSource::Ticket,
                    source_id: t.id.as_str(),
                    passage_index: i,
                    text: c.body.as_str(),
                },
                account_id: t.account_id.as_str(),
                opportunity_id: None,
                at: c.at,
                by_customer: Some(t.contact_id.as_deref() == Some(c.author_id.as_str())),
                live: false,
            });
        }
    }
    out
}

/// Total bytes of text in the corpus.
pub fn text_bytes(corpus: &[CorpusPassage<'_>]) -> usize {
    corpus.iter().map(|p| p.passage.text.len()).sum()
}
