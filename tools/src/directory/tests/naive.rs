//! A plain second reading of the raw records: the expected answers of the directory tests,
//! computed without the tools' code (no lookups, no query structs — loops and sorts).

use chrono::NaiveDate;
use revpulse_graph::model::{Account, Campaign, CompanyDataset, Opportunity, Stage};

/// Ids of the deals `keep` admits, largest amount first, ties by id.
pub(super) fn deals_by_amount(
    data: &CompanyDataset,
    keep: impl Fn(&Opportunity) -> bool,
) -> Vec<String> {
    let mut deals: Vec<&Opportunity> = data.opportunities.iter().filter(|o| keep(o)).collect();
    deals.sort_by_key(|o| (-o.amount, o.id.clone()));
    deals.into_iter().map(|o| o.id.clone()).collect()
}

/// The region of a deal's account in the raw records.
pub(super) fn deal_region<'a>(data: &'a CompanyDataset, deal: &Opportunity) -> &'a str {
    data.accounts
        .iter()
        .find(|a| a.id == deal.account_id)
        .map_or("", |a| a.region_id.as_str())
}

/// Sum and count of the open deals of `account`.
pub(super) fn open_pipeline(data: &CompanyDataset, account: &str) -> (i64, i64) {
    let open: Vec<i64> = data
        .opportunities
        .iter()
        .filter(|o| o.account_id == account && Stage::OPEN.contains(&o.stage))
        .map(|o| o.amount)
        .collect();
    (open.iter().sum(), open.len() as i64)
}

/// ARR in force on `day` and the earliest renewal of those contracts.
pub(super) fn arr(
    data: &CompanyDataset,
    account: &str,
    day: NaiveDate,
) -> (i64, Option<NaiveDate>) {
    let mut total = 0;
    let mut renewal: Option<NaiveDate> = None;
    for c in &data.contracts {
        if c.account_id == account && c.start_date <= day && c.renewal_date >= day {
            total += c.arr;
            if renewal.is_none() || Some(c.renewal_date) < renewal {
                renewal = Some(c.renewal_date);
            }
        }
    }
    (total, renewal)
}

/// Ids of the accounts `keep` admits, by name then id.
pub(super) fn accounts_by_name(
    data: &CompanyDataset,
    keep: impl Fn(&Account) -> bool,
) -> Vec<String> {
    let mut accounts: Vec<&Account> = data.accounts.iter().filter(|a| keep(a)).collect();
    accounts.sort_by_key(|a| (a.name.clone(), a.id.clone()));
    accounts.into_iter().map(|a| a.id.clone()).collect()
}

/// Ids of the campaigns `keep` admits, latest start first, ties by id.
pub(super) fn campaigns_by_start(
    data: &CompanyDataset,
    keep: impl Fn(&Campaign) -> bool,
) -> Vec<String> {
    let mut campaigns: Vec<&Campaign> = data.campaigns.iter().filter(|c| keep(c)).collect();
    campaigns.sort_by(|a, b| b.start_date.cmp(&a.start_date).then(a.id.cmp(&b.id)));
    campaigns.into_iter().map(|c| c.id.clone()).collect()
}

/// A campaign's touches and distinct leads touched, counting only leads `visible` admits.
pub(super) fn reach(
    data: &CompanyDataset,
    campaign: &str,
    visible: impl Fn(&str) -> bool,
) -> (i64, i64) {
    let mut touches = 0;
    let mut leads: Vec<&str> = Vec::new();
    for t in &data.touches {
        if t.campaign_id == campaign && visible(&t.lead_id) {
            touches += 1;
            if !leads.contains(&t.lead_id.as_str()) {
                leads.push(&t.lead_id);
            }
        }
    }
    (touches, leads.len() as i64)
}
