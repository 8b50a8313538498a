//! Independent, deliberately plain recomputations from the records, to check the tools by.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use revpulse_graph::model::{BuyingRole, CompanyDataset, ForecastCategory, Stage, UserRole};

use crate::DateRange;

/// Closed won and the open amounts by call, for bookings deals closing in a period.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Buckets {
    pub closed: i64,
    pub commit: i64,
    pub best_case: i64,
    pub pipeline: i64,
    pub open_deals: usize,
}

fn account_regions(ds: &CompanyDataset) -> BTreeMap<&str, &str> {
    ds.accounts
        .iter()
        .map(|a| (a.id.as_str(), a.region_id.as_str()))
        .collect()
}

/// The period's buckets from the current opportunity rows.
pub fn buckets(ds: &CompanyDataset, period: DateRange, region: Option<&str>) -> Buckets {
    let regions = account_regions(ds);
    let mut b = Buckets::default();
    for o in &ds.opportunities {
        let in_region = region.is_none_or(|r| regions.get(o.account_id.as_str()) == Some(&r));
        if o.deal_type == "renewal" || !in_region || !period.contains(o.close_date) {
            continue;
        }
        match (o.stage, o.forecast_category) {
            (Stage::ClosedWon, _) => b.closed += o.amount,
            (Stage::ClosedLost, _) => {}
            (_, ForecastCategory::Commit) => {
                b.commit += o.amount;
                b.open_deals += 1;
            }
            (_, ForecastCategory::BestCase) => {
                b.best_case += o.amount;
                b.open_deals += 1;
            }
            _ => {
                b.pipeline += o.amount;
                b.open_deals += 1;
            }
        }
    }
    b
}

/// Σ quarterly quota of the reps (in the region).
pub fn rep_quota(ds: &CompanyDataset, region: Option<&str>) -> i64 {
    ds.users
        .iter()
        .filter(|u| u.role == UserRole::Rep)
        .filter(|u| region.is_none_or(|r| u.region_id.as_deref() == Some(r)))
        .map(|u| u.quarterly_quota)
        .sum()
}

/// The value of a deal's history as of `at` (latest change stamped before it).
fn latest<T: Copy>(
    changes: impl Iterator<Item = (DateTime<Utc>, u32, T)>,
    at: DateTime<Utc>,
) -> Option<T> {
    let mut seen: Vec<_> = changes.filter(|c| c.0 < at).collect();
    seen.sort_by_key(|c| (c.0, c.1));
    seen.last().map(|c| c.2)
}

/// (won by `at`, won + open commit by `at`) for bookings deals whose close date as of `at`
/// falls in the period.
pub fn commit_as_of(ds: &CompanyDataset, period: DateRange, at: DateTime<Utc>) -> (i64, i64) {
    let (mut won, mut commit) = (0, 0);
    for o in ds.opportunities.iter().filter(|o| o.deal_type != "renewal") {
        let id = o.id.as_str();
        let stage = latest(
            ds.stage_changes
                .iter()
                .filter(|c| c.opportunity_id == id)
                .map(|c| (c.at, c.seq, c.to)),
            at,
        );
        let close = latest(
            ds.close_date_changes
                .iter()
                .filter(|c| c.opportunity_id == id)
                .map(|c| (c.at, c.seq, c.to)),
            at,
        );
        let amount = latest(
            ds.amount_changes
                .iter()
                .filter(|c| c.opportunity_id == id)
                .map(|c| (c.at, c.seq, c.to)),
            at,
        );
        let call = latest(
            ds.forecast_category_changes
                .iter()
                .filter(|c| c.opportunity_id == id)
                .map(|c| (c.at, c.seq, c.to)),
            at,
        );
        let (Some(stage), Some(close), Some(amount)) = (stage, close, amount) else {
            continue;
        };
        if !period.contains(close) {
            continue;
        }
        match stage {
            Stage::ClosedWon => won += amount,
            Stage::ClosedLost => {}
            _ if call == Some(ForecastCategory::Commit) => commit += amount,
            _ => {}
        }
    }
    (won, won + commit)
}

/// Days from the last activity on the deal with an exec sponsor or economic buyer to `today`;
/// `None` when there was none.
pub fn days_since_executive(
    ds: &CompanyDataset,
    deal_id: &str,
    today: chrono::NaiveDate,
) -> Option<i64> {
    let executives: Vec<&str> = ds
        .opportunity_contacts
        .iter()
        .filter(|r| r.opportunity_id == deal_id)
        .filter(|r| matches!(r.role, BuyingRole::ExecSponsor | BuyingRole::EconomicBuyer))
        .map(|r| r.contact_id.as_str())
        .collect();
    ds.activities
        .iter()
        .filter(|a| a.opportunity_id.as_deref() == Some(deal_id) && a.at.date_naive() <= today)
        .filter(|a| {
            a.contact_ids
                .iter()
                .any(|c| executives.contains(&c.as_str()))
        })
        .map(|a| a.at.date_naive())
        .max()
        .map(|d| (today - d).num_days())
}
