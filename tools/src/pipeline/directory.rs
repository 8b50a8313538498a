//! Names and group keys for deals: the account's region, the owner's team, display labels —
//! the lookups the pipeline tools share so every tool groups and names a deal the same way
//! (the same rules as the graph's pipeline statements).

use std::collections::BTreeMap;

use revpulse_graph::model::{Account, CompanyDataset, Opportunity, Stage, User};

/// Lookups from ids to records and names over one scoped company.
pub(crate) struct Directory<'a> {
    accounts: BTreeMap<&'a str, &'a Account>,
    users: BTreeMap<&'a str, &'a User>,
    regions: BTreeMap<&'a str, &'a str>,
    teams: BTreeMap<&'a str, &'a str>,
    product_lines: BTreeMap<&'a str, &'a str>,
}

impl<'a> Directory<'a> {
    /// Indexes `company`.
    pub fn new(company: &'a CompanyDataset) -> Self {
        Self {
            accounts: company
                .accounts
                .iter()
                .map(|a| (a.id.as_str(), a))
                .collect(),
            users: company.users.iter().map(|u| (u.id.as_str(), u)).collect(),
            regions: names(company.regions.iter().map(|r| (&r.id, &r.name))),
            teams: names(company.teams.iter().map(|t| (&t.id, &t.name))),
            product_lines: names(company.product_lines.iter().map(|p| (&p.id, &p.name))),
        }
    }

    /// The region of the deal's account (empty when the account is unknown).
    pub fn region_of(&self, deal: &Opportunity) -> &'a str {
        self.account_region(&deal.account_id)
    }

    /// The region of an account (empty when the account is unknown).
    pub fn account_region(&self, account_id: &str) -> &'a str {
        self.accounts
            .get(account_id)
            .map_or("", |a| a.region_id.as_str())
    }

    /// The account's name, or its id when not visible.
    pub fn account_name<'s>(&self, account_id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.accounts
            .get(account_id)
            .map_or(account_id, |a| a.name.as_str())
    }

    /// A visible user.
    pub fn user(&self, user_id: &str) -> Option<&'a User> {
        self.users.get(user_id).copied()
    }

    /// The user's name, or the id when not visible.
    pub fn user_name<'s>(&self, user_id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.users.get(user_id).map_or(user_id, |u| u.name.as_str())
    }

    /// The region's name, or its id when unknown.
    pub fn region_name<'s>(&self, region_id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.regions.get(region_id).copied().unwrap_or(region_id)
    }

    /// Whether a region of that id exists.
    pub fn has_region(&self, region_id: &str) -> bool {
        self.regions.contains_key(region_id)
    }

    /// The product line's name, or its id when unknown.
    pub fn product_line_name<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.product_lines.get(id).copied().unwrap_or(id)
    }

    /// The owner's team as (key, label); `("unassigned", "No team")` when there is none.
    pub fn team_of(&self, deal: &Opportunity) -> (String, String) {
        match self.user(&deal.owner_id).and_then(|u| u.team_id.as_deref()) {
            Some(team) => (
                team.to_owned(),
                self.teams.get(team).copied().unwrap_or(team).to_owned(),
            ),
            None => ("unassigned".to_owned(), "No team".to_owned()),
        }
    }
}

fn names<'a>(pairs: impl Iterator<Item = (&'a String, &'a String)>) -> BTreeMap<&'a str, &'a str> {
    pairs
        .map(|(id, name)| (id.as_str(), name.as_str()))
        .collect()
}

/// The display name of a stage.
pub(crate) fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Prospecting => "Prospecting",
        Stage::Qualification => "Qualification",
        Stage::Discovery => "Discovery",
        Stage::Proposal => "Proposal",
        Stage::Negotiation => "Negotiation",
        Stage::ClosedWon => "Closed won",
        Stage::ClosedLost => "Closed lost",
    }
}
