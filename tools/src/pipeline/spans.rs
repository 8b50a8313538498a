//! The calendar arithmetic of year-over-year and quota questions: a year's span (to date when
//! it is the current year) and the same span a year earlier, which contracts are in force on a
//! day, and how many quarters' quota a period carries.

use chrono::{Datelike, Months, NaiveDate};
use revpulse_graph::model::{Contract, ContractStatus, Quarter};

use crate::{DateRange, ToolError};

/// The span of `year` as of `today`: the whole year, or January 1st to today for the current
/// year. A year after today's is refused.
pub(crate) fn year_span(year: i32, today: NaiveDate, tool: &str) -> Result<DateRange, ToolError> {
    let invalid = |reason: String| ToolError::InvalidArgs {
        tool: tool.to_owned(),
        reason,
    };
    if year > today.year() {
        return Err(invalid(format!(
            "year {year} has not started (today is {today})"
        )));
    }
    let from = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| invalid(format!("year {year} is outside the calendar")))?;
    let to = if year == today.year() {
        today
    } else {
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today)
    };
    Ok(DateRange { from, to })
}

/// The same day a year earlier (February 29th becomes February 28th).
pub(crate) fn year_earlier(day: NaiveDate) -> NaiveDate {
    day.checked_sub_months(Months::new(12)).unwrap_or(day)
}

/// The same span a year earlier.
pub(crate) fn prior_year(span: DateRange) -> DateRange {
    DateRange {
        from: year_earlier(span.from),
        to: year_earlier(span.to),
    }
}

/// Whether a contract is in force on `day`: started, and either within its term or still
/// active (a term past its renewal date that has neither renewed nor churned yet).
pub(crate) fn in_force(contract: &Contract, day: NaiveDate) -> bool {
    contract.start_date <= day
        && (day <= contract.renewal_date || contract.status == ContractStatus::Active)
}

/// How many quarters of quota `period` carries: each calendar quarter it touches counts for
/// the share of that quarter's days inside the period (a full quarter is 1, a year is 4).
pub(crate) fn quota_quarters(period: DateRange) -> f64 {
    let mut quarters = 0.0;
    let mut quarter = Quarter::containing(period.from);
    while quarter.start() <= period.to {
        let whole = DateRange::quarter(quarter);
        let from = whole.from.max(period.from);
        let to = whole.to.min(period.to);
        quarters += ((to - from).num_days() + 1) as f64 / whole.days() as f64;
        quarter = quarter.next();
    }
    quarters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_quarter_is_one_quota_and_a_year_four() {
        let q = DateRange::quarter_of(day(2026, 5, 9));
        assert_eq!(quota_quarters(q), 1.0);
        let year = DateRange::year_of(day(2026, 5, 9));
        assert!((quota_quarters(year) - 4.0).abs() < 1e-12);
        let half = DateRange {
            from: day(2026, 1, 1),
            to: day(2026, 2, 15),
        };
        assert!((quota_quarters(half) - 46.0 / 90.0).abs() < 1e-12);
    }

    #[test]
    fn the_current_year_is_to_date_and_compared_with_the_same_days() {
        let span = year_span(2024, day(2024, 2, 29), "t").unwrap();
        assert_eq!(
            span,
            DateRange {
                from: day(2024, 1, 1),
                to: day(2024, 2, 29)
            }
        );
        assert_eq!(prior_year(span).to, day(2023, 2, 28));
        assert!(year_span(2025, day(2024, 2, 29), "t").is_err());
    }
}
