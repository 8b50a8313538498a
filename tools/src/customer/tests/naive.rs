//! A second, deliberately plain reading of the customer records — contracts in force, usage
//! weeks, tickets — scanning the whole dataset for each question, so the tools' indexed
//! reading can be checked against it.

use chrono::NaiveDate;
use revpulse_graph::model::{CompanyDataset, Contract, Ticket, UsageSnapshot};

/// Contracts of `account` in force on `day`.
pub(super) fn in_force<'a>(
    data: &'a CompanyDataset,
    account: &str,
    day: NaiveDate,
) -> Vec<&'a Contract> {
    data.contracts
        .iter()
        .filter(|c| c.account_id == account && c.start_date <= day && day <= c.renewal_date)
        .collect()
}

/// ARR of `account` on `day`: the plain sum over its contracts in force.
pub(super) fn arr(data: &CompanyDataset, account: &str, day: NaiveDate) -> i64 {
    in_force(data, account, day).iter().map(|c| c.arr).sum()
}

/// Contracts in force today renewing on or before `last`.
pub(super) fn renewing<'a>(
    data: &'a CompanyDataset,
    account: &str,
    today: NaiveDate,
    last: NaiveDate,
) -> Vec<&'a Contract> {
    in_force(data, account, today)
        .into_iter()
        .filter(|c| c.renewal_date <= last)
        .collect()
}

/// Usage weeks of `account` complete by the end of `today`, oldest first.
pub(super) fn weeks<'a>(
    data: &'a CompanyDataset,
    account: &str,
    today: NaiveDate,
) -> Vec<&'a UsageSnapshot> {
    let mut out: Vec<&UsageSnapshot> = data
        .usage
        .iter()
        .filter(|u| u.account_id == account && (today - u.week_start).num_days() >= 6)
        .collect();
    out.sort_by_key(|u| u.week_start);
    out
}

/// Active users over seats across the last four complete weeks.
pub(super) fn utilisation(weeks: &[&UsageSnapshot]) -> f64 {
    let last = &weeks[weeks.len().saturating_sub(4)..];
    let active: i64 = last.iter().map(|w| w.active_users).sum();
    let seats: i64 = last.iter().map(|w| w.licensed_seats).sum();
    (active as f64 / seats as f64).min(1.5)
}

/// The least-squares change of active users across the last eight weeks, over their mean.
pub(super) fn trend(weeks: &[&UsageSnapshot]) -> f64 {
    let last = &weeks[weeks.len().saturating_sub(8)..];
    let n = last.len() as f64;
    let xs: Vec<f64> = (0..last.len()).map(|i| i as f64).collect();
    let ys: Vec<f64> = last.iter().map(|w| w.active_users as f64).collect();
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let sxy: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
    (sxy / sxx * (n - 1.0) / my).clamp(-1.5, 1.5)
}

/// Tickets of `account`.
pub(super) fn tickets<'a>(data: &'a CompanyDataset, account: &str) -> Vec<&'a Ticket> {
    data.tickets
        .iter()
        .filter(|t| t.account_id == account)
        .collect()
}

/// Whether `contract`'s renewal deal (the account's latest-created `renewal` deal of the same
/// product line opened during the term, due within 60 days of the renewal) was won by `today`.
pub(super) fn signed(data: &CompanyDataset, contract: &Contract, today: NaiveDate) -> bool {
    let mut best: Option<&revpulse_graph::model::Opportunity> = None;
    for o in &data.opportunities {
        let matches = o.account_id == contract.account_id
            && o.deal_type == "renewal"
            && o.product_line_id == contract.product_line_id
            && o.created_on > contract.start_date
            && o.created_on <= today
            && (o.close_date - contract.renewal_date).num_days() <= 60;
        if matches && best.is_none_or(|b| (o.created_on, &o.id) > (b.created_on, &b.id)) {
            best = Some(o);
        }
    }
    best.is_some_and(|o| {
        o.stage == revpulse_graph::model::Stage::ClosedWon && o.close_date <= today
    })
}

/// Contracts in force today renewing on or before `last` whose renewal is not yet signed.
pub(super) fn unsigned_renewing<'a>(
    data: &'a CompanyDataset,
    account: &str,
    today: NaiveDate,
    last: NaiveDate,
) -> Vec<&'a Contract> {
    renewing(data, account, today, last)
        .into_iter()
        .filter(|c| !signed(data, c, today))
        .collect()
}
