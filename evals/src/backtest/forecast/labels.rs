//! The grouping labels of a deal — region, team, owner, product line, segment and buyer
//! persona — read from the account, the owner and the contacts behind it.

use std::collections::BTreeMap;

use revpulse_graph::model::{BuyingRole, Opportunity};
use revpulse_ingest::dataset::CompanyDataset;

/// Persona label when no contact is known.
pub const UNKNOWN_PERSONA: &str = "unknown";

/// Lookups from ids to the records labels come from.
pub struct LabelIndex<'a> {
    accounts: BTreeMap<&'a str, &'a revpulse_graph::model::Account>,
    teams: BTreeMap<&'a str, &'a str>,
    personas: BTreeMap<&'a str, &'a str>,
    lead_contacts: BTreeMap<&'a str, &'a str>,
    champions: BTreeMap<&'a str, Vec<(BuyingRole, &'a str)>>,
}

impl<'a> LabelIndex<'a> {
    /// Indexes the dataset.
    pub fn new(ds: &'a CompanyDataset) -> Self {
        let mut champions: BTreeMap<&str, Vec<(BuyingRole, &str)>> = BTreeMap::new();
        for r in &ds.opportunity_contacts {
            champions
                .entry(r.opportunity_id.as_str())
                .or_default()
                .push((r.role, r.contact_id.as_str()));
        }
        Self {
            accounts: ds.accounts.iter().map(|a| (a.id.as_str(), a)).collect(),
            teams: ds
                .users
                .iter()
                .filter_map(|u| u.team_id.as_deref().map(|t| (u.id.as_str(), t)))
                .collect(),
            personas: ds
                .contacts
                .iter()
                .map(|c| (c.id.as_str(), c.persona.as_str()))
                .collect(),
            lead_contacts: ds
                .leads
                .iter()
                .map(|l| (l.id.as_str(), l.contact_id.as_str()))
                .collect(),
            champions,
        }
    }

    /// The persona of the deal's lead contact, else of its champion, else of its first
    /// committee member.
    pub fn persona(&self, o: &Opportunity) -> &'a str {
        let from_lead = o
            .lead_id
            .as_deref()
            .and_then(|l| self.lead_contacts.get(l).copied());
        let committee = self.champions.get(o.id.as_str());
        let champion = committee.and_then(|c| {
            c.iter()
                .find(|(r, _)| *r == BuyingRole::Champion)
                .or_else(|| c.first())
                .map(|(_, id)| *id)
        });
        from_lead
            .or(champion)
            .and_then(|c| self.personas.get(c).copied())
            .unwrap_or(UNKNOWN_PERSONA)
    }

    /// Persona of one contact.
    pub fn contact_persona(&self, contact_id: &str) -> &'a str {
        self.personas
            .get(contact_id)
            .copied()
            .unwrap_or(UNKNOWN_PERSONA)
    }

    /// Region and segment of an account.
    pub fn account(&self, account_id: &str) -> Option<(&'a str, &'static str)> {
        self.accounts
            .get(account_id)
            .map(|a| (a.region_id.as_str(), a.segment.as_str()))
    }

    /// Every label of a deal.
    pub fn labels(&self, o: &Opportunity) -> BTreeMap<String, String> {
        let (region, segment) = self
            .account(&o.account_id)
            .unwrap_or(("unknown", "unknown"));
        let team = self
            .teams
            .get(o.owner_id.as_str())
            .copied()
            .unwrap_or("unknown");
        [
            ("region", region),
            ("segment", segment),
            ("team", team),
            ("owner", o.owner_id.as_str()),
            ("product_line", o.product_line_id.as_str()),
            ("persona", self.persona(o)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }
}
