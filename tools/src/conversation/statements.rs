//! The sentences of a set of passages, each with who said it and what it is ([`Reading`]),
//! every spoken turn read once: call chunks overlap by a turn, and the same words must not
//! count twice or be quoted twice.
//!
//! Who: calls and tickets name their speakers; an email names its author in its sign-off
//! (a full name or a first name on one of its last lines). A speaker who is a contact of an
//! account is the buyer; anyone else named is on our side; meeting notes, ticket subjects and
//! unsigned emails are nobody's in particular and count as the buyer's words.

use std::collections::HashMap;

use revpulse_graph::model::CompanyDataset;
use revpulse_search::SearchDocument;

use super::chunks::{SeenTurns, turns};
use super::rivals::Rivals;
use super::sentences::{ObjectionCategory, Reading, read, split};

/// Lines from the end of an email searched for its sign-off.
const SIGN_OFF_LINES: usize = 4;

/// One sentence and where it was said.
#[derive(Debug, Clone)]
pub(crate) struct Statement<'d> {
    /// The passage it is cited from.
    pub doc: &'d SearchDocument,
    /// Who said or wrote it, when the passage names them.
    pub speaker: Option<String>,
    /// Said by the buyer, or in words the passage does not attribute.
    pub buyer_side: bool,
    /// The sentence.
    pub text: &'d str,
    /// What it is.
    pub reading: Reading,
}

impl Statement<'_> {
    /// The objection category when the buyer's side raised an objection.
    pub(crate) fn objection(&self) -> Option<ObjectionCategory> {
        if self.buyer_side {
            self.reading.objection()
        } else {
            None
        }
    }
}

/// The people of the visible records, by lower-cased full and first names.
#[derive(Debug, Default)]
pub(crate) struct Voices {
    /// Contact full name → (account id, full name as written).
    contacts: HashMap<String, (String, String)>,
    /// (account id, first name) → contact full name.
    contact_first_names: HashMap<(String, String), String>,
    /// User full and first names → full name.
    users: HashMap<String, String>,
}

impl Voices {
    /// The contacts (buyers) and users (our side) of `company`.
    pub(crate) fn of(company: &CompanyDataset) -> Self {
        let mut voices = Self::default();
        for c in &company.contacts {
            let full = c.name.to_lowercase();
            let entry = (c.account_id.clone(), c.name.clone());
            voices.contacts.insert(full.clone(), entry);
            if let Some(first) = full.split(' ').next() {
                let key = (c.account_id.clone(), first.to_owned());
                voices.contact_first_names.insert(key, c.name.clone());
            }
        }
        for u in &company.users {
            let full = u.name.to_lowercase();
            if let Some(first) = full.split(' ').next() {
                voices
                    .users
                    .entry(first.to_owned())
                    .or_insert_with(|| u.name.clone());
            }
            voices.users.insert(full, u.name.clone());
        }
        voices
    }

    fn is_buyer(&self, name: &str) -> bool {
        self.contacts.contains_key(&name.to_lowercase())
    }

    /// The author an email signs with: (full name, is a buyer).
    fn email_author(&self, text: &str, account_id: &str) -> Option<(String, bool)> {
        let lines = text.lines().rev().map(str::trim).filter(|l| !l.is_empty());
        for line in lines.take(SIGN_OFF_LINES) {
            let name = line
                .trim_start_matches(['—', '–', '-', ' '])
                .trim_end_matches(',')
                .to_lowercase();
            if let Some((account, full)) = self.contacts.get(&name)
                && account == account_id
            {
                return Some((full.clone(), true));
            }
            let key = (account_id.to_owned(), name.clone());
            if let Some(full) = self.contact_first_names.get(&key) {
                return Some((full.clone(), true));
            }
            if let Some(full) = self.users.get(&name) {
                return Some((full.clone(), false));
            }
        }
        None
    }
}

/// The sentences of `docs` in the order given, each turn read once (where it first appears).
pub(crate) fn statements<'d>(
    docs: impl IntoIterator<Item = &'d SearchDocument>,
    rivals: Option<&Rivals>,
    voices: &Voices,
) -> Vec<Statement<'d>> {
    let mut seen = SeenTurns::default();
    let mut out = Vec::new();
    for doc in docs {
        let author = (doc.metadata.source_type == "email")
            .then(|| voices.email_author(&doc.text, &doc.metadata.account_id))
            .flatten();
        for turn in turns(doc) {
            if !seen.first_time(doc, &turn) {
                continue;
            }
            let (speaker, buyer_side) = match (turn.speaker, &author) {
                (Some(name), _) => (Some(name.to_owned()), voices.is_buyer(name)),
                (None, Some((name, buyer))) => (Some(name.clone()), *buyer),
                (None, None) => (None, true),
            };
            for text in split(turn.text) {
                out.push(Statement {
                    doc,
                    speaker: speaker.clone(),
                    buyer_side,
                    text,
                    reading: read(text, rivals),
                });
            }
        }
    }
    out
}
