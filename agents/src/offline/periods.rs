//! Periods in plain language — "this quarter", "last week", "Q3", "Q3 2025", "last 90 days",
//! "this year", "year to date" — resolved against the injectable today.

use chrono::{Datelike, Duration, NaiveDate};
use revpulse_graph::model::Quarter;
use revpulse_tools::DateRange;

/// A period found in a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedPeriod {
    /// The days it covers.
    pub range: DateRange,
    /// How to say it back ("Q4 2026", "the last 7 days").
    pub label: String,
}

/// The first period phrase in `question`, if any.
pub fn resolve_period(question: &str, today: NaiveDate) -> Option<ResolvedPeriod> {
    let text = question.to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    named_quarter(&words, today)
        .or_else(|| last_n(&words, today))
        .or_else(|| relative(&text, today))
}

fn span(from: NaiveDate, to: NaiveDate, label: String) -> Option<ResolvedPeriod> {
    (from <= to).then_some(ResolvedPeriod {
        range: DateRange { from, to },
        label,
    })
}

fn quarter_period(q: Quarter) -> Option<ResolvedPeriod> {
    span(q.start(), q.end(), q.to_string())
}

/// "Q3", "Q3 2025", "2025 Q3", "third quarter".
fn named_quarter(words: &[&str], today: NaiveDate) -> Option<ResolvedPeriod> {
    const ORDINALS: [&str; 4] = ["first", "second", "third", "fourth"];
    for (k, w) in words.iter().enumerate() {
        let number = match w.strip_prefix('q').and_then(|n| n.parse::<u32>().ok()) {
            Some(n @ 1..=4) => Some(n),
            _ if words.get(k + 1) == Some(&"quarter") => ORDINALS
                .iter()
                .position(|o| o == w)
                .and_then(|p| u32::try_from(p + 1).ok()),
            _ => None,
        };
        let Some(number) = number else { continue };
        let year_after = words.get(k + 1).and_then(|y| y.parse::<i32>().ok());
        let year_before = k
            .checked_sub(1)
            .and_then(|p| words.get(p))
            .and_then(|y| y.parse::<i32>().ok());
        let year = year_after
            .or(year_before)
            .filter(|y| (1990..=2200).contains(y))
            .unwrap_or_else(|| latest_year_with_quarter(number, today));
        return quarter_period(Quarter { year, number });
    }
    None
}

/// A bare "Q3" means the most recent Q3 that has started.
fn latest_year_with_quarter(number: u32, today: NaiveDate) -> i32 {
    let current = Quarter::containing(today);
    if number <= current.number {
        today.year()
    } else {
        today.year() - 1
    }
}

/// "last 90 days", "past 2 weeks", "last 6 months".
fn last_n(words: &[&str], today: NaiveDate) -> Option<ResolvedPeriod> {
    for window in words.windows(3) {
        let [lead, n, unit] = window else { continue };
        if !matches!(*lead, "last" | "past" | "previous") {
            continue;
        }
        let Ok(n) = n.parse::<i64>() else { continue };
        let days = match unit.trim_end_matches('s') {
            "day" => n,
            "week" => n * 7,
            "month" => n * 30,
            _ => continue,
        };
        if !(1..=3650).contains(&days) {
            continue;
        }
        return span(
            today - Duration::days(days - 1),
            today,
            format!("the last {n} {unit}"),
        );
    }
    None
}

fn relative(text: &str, today: NaiveDate) -> Option<ResolvedPeriod> {
    let has = |p: &str| text.contains(p);
    let quarter = Quarter::containing(today);
    let month_start = today.with_day(1)?;
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1)?;
    if has("last quarter") || has("previous quarter") || has("prior quarter") {
        quarter_period(quarter.previous())
    } else if has("next quarter") {
        quarter_period(quarter.next())
    } else if has("this quarter") || has("current quarter") || has("quarter to date") {
        quarter_period(quarter)
    } else if has("this year") || has("year to date") || has("ytd") {
        // "this year vs last year" is about this year, compared.
        span(year_start, today, format!("{} to date", today.year()))
    } else if has("last year") || has("previous year") {
        let from = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1)?;
        span(
            from,
            year_start.pred_opt()?,
            format!("{}", today.year() - 1),
        )
    } else if has("last month") || has("previous month") {
        let end = month_start.pred_opt()?;
        span(end.with_day(1)?, end, end.format("%B %Y").to_string())
    } else if has("this month") {
        span(month_start, today, today.format("%B %Y").to_string())
    } else if has("last week") || has("past week") || has("since last week") {
        // Seven days, today included, like "the last 7 days".
        span(today - Duration::days(6), today, "the last 7 days".into())
    } else if has("this week") {
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        span(monday, today, "this week".into())
    } else if has("since yesterday") || has("yesterday") {
        span(today - Duration::days(1), today, "since yesterday".into())
    } else if has("today") {
        span(today, today, "today".into())
    } else {
        None
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn quarters_resolve_relative_to_today() {
        let today = day("2026-11-27");
        let p = resolve_period("forecast for this quarter", today).unwrap();
        assert_eq!(
            (p.range.from, p.range.to),
            (day("2026-10-01"), day("2026-12-31"))
        );
        let p = resolve_period("How accurate was last quarter?", today).unwrap();
        assert_eq!(p.label, "Q3 2026");
        let p = resolve_period("bookings in Q4", day("2026-05-01")).unwrap();
        assert_eq!(p.label, "Q4 2025", "a bare Q4 in May means the last Q4");
        let p = resolve_period("what about Q2 2024?", today).unwrap();
        assert_eq!(p.range.from, day("2024-04-01"));
    }

    #[test]
    fn windows_and_weeks() {
        let today = day("2026-11-27");
        let p = resolve_period("objections in the last 90 days", today).unwrap();
        assert_eq!(p.range.days(), 90);
        assert_eq!(p.range.to, today);
        let p = resolve_period("What changed since last week?", today).unwrap();
        assert_eq!(p.range.from, day("2026-11-21"));
        assert_eq!(p.range.days(), 7, "a week is as long as the last 7 days");
        assert_eq!(
            resolve_period("in the last 7 days", today).unwrap().range,
            p.range
        );
        assert!(resolve_period("Which deals are stuck?", today).is_none());
    }
}
