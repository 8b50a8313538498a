//! The money beside each account in the `accounts` listing: its open pipeline (the visible open
//! deals) and its recurring revenue (the contracts in force today) — plain sums over the
//! caller's records, the same in-force rule the customer tools use.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use revpulse_graph::model::CompanyDataset;

/// One account's pipeline and contract figures on a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct AccountFigures {
    /// Sum of the current amounts of its visible open deals, whole dollars.
    pub open_pipeline: i64,
    /// Its visible open deals.
    pub open_deals: i64,
    /// ARR of its contracts in force on the day (started, renewal not yet passed).
    pub arr: i64,
    /// The earliest renewal date of those contracts.
    pub renewal_date: Option<NaiveDate>,
}

impl AccountFigures {
    /// Whether the account is a customer on the day (some contract in force).
    pub fn is_customer(&self) -> bool {
        self.renewal_date.is_some()
    }
}

/// The figures of every visible account on `today`, by account id (accounts with no deal or
/// contract are absent: their figures are the default zeros).
pub(crate) fn account_figures(
    company: &CompanyDataset,
    today: NaiveDate,
) -> BTreeMap<&str, AccountFigures> {
    let mut figures: BTreeMap<&str, AccountFigures> = BTreeMap::new();
    for deal in company.opportunities.iter().filter(|d| d.stage.is_open()) {
        let f = figures.entry(deal.account_id.as_str()).or_default();
        f.open_pipeline += deal.amount;
        f.open_deals += 1;
    }
    let in_force = company
        .contracts
        .iter()
        .filter(|c| c.start_date <= today && today <= c.renewal_date);
    for contract in in_force {
        let f = figures.entry(contract.account_id.as_str()).or_default();
        f.arr += contract.arr;
        f.renewal_date = Some(
            f.renewal_date
                .map_or(contract.renewal_date, |d| d.min(contract.renewal_date)),
        );
    }
    figures
}
