//! Where a cited record or passage belongs: the account (and deal) behind any record id or
//! chunk id of the company, so citations can be judged relevant and scope leaks found.

use std::collections::HashMap;

use revpulse_graph::model::CompanyDataset;

/// Account and deal of every record id that can be cited.
#[derive(Debug, Default)]
pub struct RecordIndex {
    account_of: HashMap<String, String>,
    deal_of: HashMap<String, String>,
}

impl RecordIndex {
    /// Indexes `company`.
    pub fn new(company: &CompanyDataset) -> Self {
        let mut account_of = HashMap::new();
        let mut deal_of = HashMap::new();
        for a in &company.accounts {
            account_of.insert(a.id.clone(), a.id.clone());
        }
        for o in &company.opportunities {
            account_of.insert(o.id.clone(), o.account_id.clone());
            deal_of.insert(o.id.clone(), o.id.clone());
        }
        for a in &company.activities {
            account_of.insert(a.id.clone(), a.account_id.clone());
            if let Some(d) = &a.opportunity_id {
                deal_of.insert(a.id.clone(), d.clone());
            }
        }
        for t in &company.transcripts {
            if let Some(account) = account_of.get(&t.activity_id).cloned() {
                account_of.insert(t.id.clone(), account);
            }
            if let Some(deal) = deal_of.get(&t.activity_id).cloned() {
                deal_of.insert(t.id.clone(), deal);
            }
        }
        for t in &company.tickets {
            account_of.insert(t.id.clone(), t.account_id.clone());
        }
        for c in &company.contracts {
            account_of.insert(c.id.clone(), c.account_id.clone());
        }
        Self {
            account_of,
            deal_of,
        }
    }

    /// The account of a record id or chunk id.
    pub fn account(&self, id: &str) -> Option<&str> {
        self.account_of.get(source_of(id)).map(String::as_str)
    }

    /// The deal of a record id or chunk id, if it concerns one.
    pub fn deal(&self, id: &str) -> Option<&str> {
        self.deal_of.get(source_of(id)).map(String::as_str)
    }
}

/// The record a chunk id was cut from (`TR000123#4-7` → `TR000123`); other ids unchanged.
pub fn source_of(id: &str) -> &str {
    id.split_once('#').map_or(id, |(source, _)| source)
}

/// The passage range of a chunk id (`TR000123#4-7.2` → (4, 7)).
pub fn passage_range(chunk_id: &str) -> Option<(usize, usize)> {
    let (_, range) = chunk_id.split_once('#')?;
    let range = range.split('.').next()?;
    let (first, last) = range.split_once('-')?;
    Some((first.parse().ok()?, last.parse().ok()?))
}
