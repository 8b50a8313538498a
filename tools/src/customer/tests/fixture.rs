//! The demo companies the customer tests run on (see [`crate::test_support`]): a small one
//! backs the behaviour tests; the shared default 600-account one backs the timing and recovery
//! checks.

use std::sync::LazyLock;

use chrono::NaiveDate;

pub(super) use crate::test_support::{Company, call, default_demo};

static COMPANY: LazyLock<Company> =
    LazyLock::new(|| Company::generate(11, NaiveDate::from_ymd_opt(2025, 11, 14).unwrap(), 160));

/// The 160-account company.
pub(super) fn company() -> &'static Company {
    &COMPANY
}
