//! One small demo company shared by the pipeline tests (see [`crate::test_support`]).

use std::sync::LazyLock;

use chrono::NaiveDate;

pub(super) use crate::test_support::{Company, call};

static COMPANY: LazyLock<Company> =
    LazyLock::new(|| Company::generate(11, NaiveDate::from_ymd_opt(2026, 3, 18).unwrap(), 150));

/// The shared company.
pub(super) fn company() -> &'static Company {
    &COMPANY
}
