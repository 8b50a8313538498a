//! The demo companies the forecast tests run on (see [`crate::test_support`]): a 120-account one
//! backs the behaviour tests; the shared default 600-account one backs the timings.

use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::test_support::Company;
pub(super) use crate::test_support::default_demo;

static COMPANY: LazyLock<Company> =
    LazyLock::new(|| Company::generate(11, NaiveDate::from_ymd_opt(2025, 11, 14).unwrap(), 120));

/// The 120-account company.
pub(super) fn company() -> &'static Company {
    &COMPANY
}
