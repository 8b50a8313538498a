//! Small builders shared by the forecast module's tests.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::deal::{ForecastCategory, ForecastDeal, Period, Probability, SalesStage};
use super::record::{BuyerContact, BuyerRole, Dated, DealRecord, Touchpoint};

/// A date, panicking on an invalid one (tests only).
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The quarter most tests forecast: Q2 2025.
pub fn quarter() -> Period {
    Period::quarter_containing(day(2025, 5, 14))
}

/// A deal closing mid-quarter with a win probability and no slip risk.
pub fn deal(id: &str, amount: i64, category: ForecastCategory, win: f64) -> ForecastDeal {
    ForecastDeal {
        id: id.to_string(),
        amount,
        category,
        close_date: day(2025, 5, 30),
        win_probability: Probability::new(win, id).unwrap(),
        slip_probability: Probability::ZERO,
        labels: BTreeMap::new(),
    }
}

/// A deal record created on `created` with one stage path and a fixed close date.
pub fn record(id: &str, created: NaiveDate, stages: &[(NaiveDate, SalesStage)]) -> DealRecord {
    DealRecord {
        id: id.to_string(),
        created_on: created,
        stages: stages
            .iter()
            .map(|&(on, value)| Dated { on, value })
            .collect(),
        close_dates: vec![Dated {
            on: created,
            value: day(2025, 6, 30),
        }],
        amounts: vec![Dated {
            on: created,
            value: 10_000,
        }],
        contacts: Vec::new(),
        touchpoints: Vec::new(),
    }
}

/// A buyer contact with a role.
pub fn contact(id: &str, role: Option<BuyerRole>) -> BuyerContact {
    BuyerContact {
        contact_id: id.to_string(),
        role,
    }
}

/// A touchpoint with some contacts.
pub fn touch(on: NaiveDate, contacts: &[&str], pricing: bool) -> Touchpoint {
    Touchpoint {
        on,
        contact_ids: contacts.iter().map(|c| c.to_string()).collect(),
        mentions_pricing: pricing,
    }
}
