//! Competitors in conversations, through the analytics' matcher (aliases, possessives, light
//! misspellings) and mention classifier: resolving a name a caller typed, and finding every
//! mention in a set of passages with each spoken turn read once — call chunks overlap by a
//! turn, so a turn shared by two chunks counts in the earlier one only.

use revpulse_analytics::competitive::matcher::{CompetitorMatcher, CompetitorName};
use revpulse_analytics::competitive::mentions::{
    CompetitorMention, Passage, TextSource, extract_mentions,
};
use revpulse_graph::model::CompanyDataset;
use revpulse_search::SearchDocument;

use super::chunks::{SeenTurns, span, turns};
use crate::ToolError;

/// The company's competitor catalogue, compiled.
pub(crate) struct Rivals {
    matcher: CompetitorMatcher,
    catalogue: Vec<CompetitorName>,
}

/// One mention with the passage it was found in.
#[derive(Debug, Clone)]
pub(crate) struct FoundMention<'d> {
    /// The passage.
    pub doc: &'d SearchDocument,
    /// The mention (its `snippet` is the sentence naming the competitor).
    pub mention: CompetitorMention,
}

impl Rivals {
    /// The catalogue of `company`; the names of its accounts, people and products are never
    /// read as misspelled competitor names.
    pub(crate) fn of(company: &CompanyDataset) -> Result<Self, ToolError> {
        let catalogue: Vec<CompetitorName> = company
            .competitors
            .iter()
            .map(|c| CompetitorName {
                name: c.name.clone(),
                aliases: c.aliases.clone(),
            })
            .collect();
        if catalogue.is_empty() {
            return Err(ToolError::NotEnoughData {
                missing: "a competitor catalogue (no competitors are recorded)".to_owned(),
            });
        }
        let matcher = CompetitorMatcher::new(&catalogue)
            .map_err(|e| ToolError::analytics("competitor matcher", e))?;
        let protected = company
            .accounts
            .iter()
            .map(|a| a.name.as_str())
            .chain(company.users.iter().map(|u| u.name.as_str()))
            .chain(company.contacts.iter().map(|c| c.name.as_str()))
            .chain(company.products.iter().map(|p| p.name.as_str()));
        Ok(Self {
            matcher: matcher.protecting(protected),
            catalogue,
        })
    }

    /// The canonical name of the competitor `name` designates: a name or alias in any case,
    /// else whatever the matcher reads in it (a possessive, a light misspelling).
    pub(crate) fn resolve(&self, name: &str) -> Option<String> {
        let wanted = name.trim();
        let exact = self.catalogue.iter().find(|c| {
            std::iter::once(&c.name)
                .chain(&c.aliases)
                .any(|n| n.eq_ignore_ascii_case(wanted))
        });
        if let Some(c) = exact {
            return Some(c.name.clone());
        }
        let found = self.matcher.find(wanted);
        found
            .first()
            .and_then(|m| self.matcher.names().get(m.competitor))
            .cloned()
    }

    /// [`Rivals::resolve`], or `NotFound` naming what was asked.
    pub(crate) fn resolve_or_not_found(&self, name: &str) -> Result<String, ToolError> {
        self.resolve(name).ok_or_else(|| ToolError::NotFound {
            what: "competitor",
            id: name.to_owned(),
        })
    }

    /// Canonical names of the competitors named in `text`, sorted, once each.
    pub(crate) fn named_in(&self, text: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .matcher
            .find(text)
            .iter()
            .filter_map(|m| self.matcher.names().get(m.competitor).cloned())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Every mention in `docs`, each turn read once, oldest passage first.
    pub(crate) fn mentions<'d>(&self, docs: &'d [SearchDocument]) -> Vec<FoundMention<'d>> {
        let mut ordered: Vec<&SearchDocument> = docs.iter().collect();
        ordered.sort_by(|a, b| (a.metadata.timestamp, &a.id).cmp(&(b.metadata.timestamp, &b.id)));
        let mut seen = SeenTurns::default();
        let mut out = Vec::new();
        for doc in ordered {
            for turn in turns(doc) {
                if !seen.first_time(doc, &turn) {
                    continue;
                }
                let passage = Passage {
                    source: text_source(&doc.metadata.source_type),
                    source_id: span(&doc.id).source_id,
                    passage_index: turn.index,
                    text: turn.text,
                };
                out.extend(
                    extract_mentions(&self.matcher, &passage)
                        .into_iter()
                        .map(|mention| FoundMention { doc, mention }),
                );
            }
        }
        out
    }
}

/// The analytics' name for an index source type.
fn text_source(source_type: &str) -> TextSource {
    match source_type {
        "email" => TextSource::Email,
        "meeting" => TextSource::Meeting,
        "ticket_comment" => TextSource::Ticket,
        _ => TextSource::Transcript,
    }
}
