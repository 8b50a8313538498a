//! The in-memory form of a [`RecordScope`]: which records of a company it admits.

use std::collections::{BTreeMap, BTreeSet};

use super::{CompanyDataset, RecordScope};

/// The records of `company` that `scope` admits (see [`RecordScope::Granted`] for the rule).
pub(super) fn visible_subset(scope: &RecordScope, company: &CompanyDataset) -> CompanyDataset {
    let RecordScope::Granted {
        regions,
        owners,
        accounts: granted_accounts,
    } = scope
    else {
        return company.clone();
    };
    let region_of: BTreeMap<&str, &str> = company
        .accounts
        .iter()
        .map(|a| (a.id.as_str(), a.region_id.as_str()))
        .collect();
    let deals: BTreeSet<&str> = company
        .opportunities
        .iter()
        .filter(|o| scope.admits_deal(o, region_of.get(o.account_id.as_str()).unwrap_or(&"")))
        .map(|o| o.id.as_str())
        .collect();
    let deal_accounts: BTreeSet<&str> = company
        .opportunities
        .iter()
        .filter(|o| deals.contains(o.id.as_str()))
        .map(|o| o.account_id.as_str())
        .collect();
    let accounts: BTreeSet<&str> = company
        .accounts
        .iter()
        .filter(|a| {
            regions.contains(&a.region_id)
                || owners.contains(&a.owner_id)
                || granted_accounts.contains(&a.id)
                || deal_accounts.contains(a.id.as_str())
        })
        .map(|a| a.id.as_str())
        .collect();
    let deal_ok = |id: &str| deals.contains(id);
    let account_ok = |id: &str| accounts.contains(id);
    let leads: BTreeSet<&str> = company
        .leads
        .iter()
        .filter(|l| account_ok(&l.account_id))
        .map(|l| l.id.as_str())
        .collect();
    let activities: BTreeSet<&str> = company
        .activities
        .iter()
        .filter(|a| match &a.opportunity_id {
            Some(d) => deal_ok(d),
            None => account_ok(&a.account_id),
        })
        .map(|a| a.id.as_str())
        .collect();
    CompanyDataset {
        regions: company.regions.clone(),
        teams: company.teams.clone(),
        users: company
            .users
            .iter()
            .filter(|u| {
                owners.contains(&u.id) || u.region_id.as_ref().is_some_and(|r| regions.contains(r))
            })
            .cloned()
            .collect(),
        product_lines: company.product_lines.clone(),
        products: company.products.clone(),
        competitors: company.competitors.clone(),
        accounts: keep(&company.accounts, |a| account_ok(&a.id)),
        contacts: keep(&company.contacts, |c| account_ok(&c.account_id)),
        opportunities: keep(&company.opportunities, |o| deal_ok(&o.id)),
        opportunity_contacts: keep(&company.opportunity_contacts, |c| {
            deal_ok(&c.opportunity_id)
        }),
        stage_changes: keep(&company.stage_changes, |c| deal_ok(&c.opportunity_id)),
        amount_changes: keep(&company.amount_changes, |c| deal_ok(&c.opportunity_id)),
        close_date_changes: keep(&company.close_date_changes, |c| deal_ok(&c.opportunity_id)),
        forecast_category_changes: keep(&company.forecast_category_changes, |c| {
            deal_ok(&c.opportunity_id)
        }),
        campaigns: keep(&company.campaigns, |c| {
            c.region_id.as_ref().is_none_or(|r| regions.contains(r))
        }),
        leads: keep(&company.leads, |l| leads.contains(l.id.as_str())),
        touches: keep(&company.touches, |t| leads.contains(t.lead_id.as_str())),
        activities: keep(&company.activities, |a| activities.contains(a.id.as_str())),
        transcripts: keep(&company.transcripts, |t| {
            activities.contains(t.activity_id.as_str())
        }),
        tickets: keep(&company.tickets, |t| account_ok(&t.account_id)),
        usage: keep(&company.usage, |u| account_ok(&u.account_id)),
        contracts: keep(&company.contracts, |c| account_ok(&c.account_id)),
    }
}

fn keep<T: Clone>(records: &[T], admit: impl Fn(&T) -> bool) -> Vec<T> {
    records.iter().filter(|r| admit(r)).cloned().collect()
}
