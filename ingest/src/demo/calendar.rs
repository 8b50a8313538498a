//! The demo company's calendar: where history starts, which quarter "today" is in, and how
//! dates become business-hours timestamps.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use rand::Rng;

use super::rng::DemoRng;

/// The window events are generated in: `start ..= today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Calendar {
    /// First day of history (first day of a quarter).
    pub start: NaiveDate,
    /// The data's "today": no event is later.
    pub today: NaiveDate,
    /// First day of the quarter containing `today`.
    pub current_quarter: NaiveDate,
}

/// First day of the calendar quarter containing `date`.
pub(crate) fn quarter_start(date: NaiveDate) -> NaiveDate {
    let month = (date.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
}

/// `date` plus (or minus) whole days, saturating at the calendar's limits.
pub(crate) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(date)
}

/// `date` plus whole months.
pub(crate) fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(date)
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub(crate) fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// Monday of the ISO week containing `date`.
pub(crate) fn week_monday(date: NaiveDate) -> NaiveDate {
    add_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

/// The instant `minute` minutes after midnight UTC on `date`.
pub(crate) fn at_minute(date: NaiveDate, minute: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(minute.min(1439) * 60, 0)
        .unwrap_or(NaiveTime::MIN);
    Utc.from_utc_datetime(&date.and_time(time))
}

/// A random minute of a working day (08:00–17:59).
pub(crate) fn work_minute(rng: &mut DemoRng) -> u32 {
    rng.random_range(8 * 60..18 * 60)
}

/// `t` moved to a random working minute of its (working) day, kept strictly inside `(lo, hi)`.
pub(crate) fn snap_to_workday(
    rng: &mut DemoRng,
    t: DateTime<Utc>,
    lo: DateTime<Utc>,
    hi: DateTime<Utc>,
) -> DateTime<Utc> {
    let day = next_workday(t.date_naive());
    let candidate = at_minute(day, work_minute(rng));
    if candidate > lo && candidate < hi {
        return candidate;
    }
    let same_day = at_minute(t.date_naive(), work_minute(rng));
    if same_day > lo && same_day < hi {
        return same_day;
    }
    // No working minute fits: stay where we were, inside the bounds.
    t.clamp(
        lo + chrono::Duration::minutes(1),
        hi.max(lo + chrono::Duration::minutes(2)) - chrono::Duration::minutes(1),
    )
}

/// The nearest working day on or after `date` (Saturday and Sunday move to Monday).
pub(crate) fn next_workday(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => add_days(date, 2),
        Weekday::Sun => add_days(date, 1),
        _ => date,
    }
}

impl Calendar {
    /// History of `quarters` full quarters before the quarter containing `today`.
    pub fn new(today: NaiveDate, quarters: u32) -> Self {
        let current_quarter = quarter_start(today);
        let start = current_quarter
            .checked_sub_months(Months::new(3 * quarters))
            .unwrap_or(current_quarter);
        Self {
            start,
            today,
            current_quarter,
        }
    }

    /// Days from the start of history to today, inclusive.
    pub fn span_days(&self) -> i64 {
        days_between(self.start, self.today) + 1
    }

    /// A uniformly random date in `from ..= to` (just `from` when the range is empty).
    pub fn date_between(rng: &mut DemoRng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = days_between(from, to);
        if span <= 0 {
            from
        } else {
            add_days(from, rng.random_range(0..=span))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn history_starts_whole_quarters_back() {
        let cal = Calendar::new(date(2025, 5, 14), 9);
        assert_eq!(cal.current_quarter, date(2025, 4, 1));
        assert_eq!(cal.start, date(2023, 1, 1));
        assert_eq!(add_months(cal.current_quarter, 3), date(2025, 7, 1));
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_monday(date(2025, 5, 14)), date(2025, 5, 12));
        assert_eq!(next_workday(date(2025, 5, 17)), date(2025, 5, 19));
    }
}
