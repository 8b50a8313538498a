//! How amounts, percentages and dates are said in speech and writing, so every number a passage
//! mentions is a faithful rendering of the deal's facts.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand_chacha::ChaCha8Rng;

use super::grammar::{chance, choose};

/// Groups thousands: `184350` → `"184,350"`.
pub(crate) fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A dollar amount said one of several ways; approximations are marked as such ("about").
pub(crate) fn money(amount: i64, rng: &mut ChaCha8Rng) -> String {
    let exact = format!("${}", thousands(amount));
    if amount < 10_000 || chance(rng, 0.35) {
        return exact;
    }
    if amount >= 1_000_000 {
        let tenths = amount / 100_000;
        let whole = tenths / 10;
        let frac = tenths % 10;
        let short = if frac == 0 {
            format!("${whole}M")
        } else {
            format!("${whole}.{frac}M")
        };
        return if amount % 100_000 == 0 {
            short
        } else {
            format!("{} {short}", approx(rng))
        };
    }
    if amount % 1_000 == 0 {
        let k = amount / 1_000;
        match choose(rng, &[0u8, 1, 2]) {
            Some(0) => format!("${k}k"),
            Some(1) => format!("{k} thousand"),
            _ => format!("${k}K"),
        }
    } else {
        format!("{} ${}k", approx(rng), (amount + 500) / 1_000)
    }
}

fn approx(rng: &mut ChaCha8Rng) -> &'static str {
    choose(rng, &["about", "roughly", "around"])
        .copied()
        .unwrap_or("about")
}

/// `amount * (100 - pct) / 100`, rounded to the dollar.
pub(crate) fn less_pct(amount: i64, pct: i64) -> i64 {
    (amount * (100 - pct) + 50) / 100
}

/// `"15%"`, or `"15 percent"` in speech.
pub(crate) fn percent(pct: i64, rng: &mut ChaCha8Rng) -> String {
    if chance(rng, 0.3) {
        format!("{pct} percent")
    } else {
        format!("{pct}%")
    }
}

/// `1` → `"1st"`.
pub(crate) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// English month name.
pub(crate) fn month_name(month: u32) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("January")
}

/// English weekday name.
pub(crate) fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A calendar date said one of several exact ways ("March 28", "the 28th of March",
/// "Friday the 28th", "3/28").
pub(crate) fn date(d: NaiveDate, rng: &mut ChaCha8Rng) -> String {
    let month = month_name(d.month());
    let day = d.day();
    match choose(rng, &[0u8, 1, 2, 3, 4, 5]).copied().unwrap_or(0) {
        0 => format!("{month} {day}"),
        1 => format!("the {} of {month}", ordinal(day)),
        2 => format!("{} the {}", weekday_name(d.weekday()), ordinal(day)),
        3 => format!("{month} {}", ordinal(day)),
        4 => format!("{}, {month} {day}", weekday_name(d.weekday())),
        _ => format!("{}/{}", d.month(), day),
    }
}

/// A near-future date relative to `today` ("Thursday the 14th", "next Tuesday, the 19th").
pub(crate) fn soon(d: NaiveDate, today: NaiveDate, rng: &mut ChaCha8Rng) -> String {
    let days = (d - today).num_days();
    let weekday = weekday_name(d.weekday());
    let same_week = d.iso_week() == today.iso_week() && days > 0;
    match choose(rng, &[0u8, 1, 2, 3]).copied().unwrap_or(0) {
        0 if days == 1 => "tomorrow".to_string(),
        1 if same_week => format!("this {weekday}"),
        1 | 2 => format!("{weekday} the {}", ordinal(d.day())),
        3 if !same_week && days <= 13 => format!("next {weekday}, the {}", ordinal(d.day())),
        _ => date(d, rng),
    }
}

/// The next business day at least `min_days` after `from`.
pub(crate) fn business_day_after(from: NaiveDate, min_days: i64) -> NaiveDate {
    let mut d = from + Duration::days(min_days.max(1));
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d += Duration::days(1);
    }
    d
}

/// Calendar quarter label of a date, e.g. `"Q3"`.
pub(crate) fn quarter(d: NaiveDate) -> String {
    format!("Q{}", (d.month() - 1) / 3 + 1)
}

/// A time-of-day for meeting invites ("10am", "2:30").
pub(crate) fn clock(rng: &mut ChaCha8Rng) -> &'static str {
    choose(
        rng,
        &[
            "9am", "9:30", "10am", "11am", "noon", "1pm", "2pm", "2:30", "3pm", "4pm",
        ],
    )
    .copied()
    .unwrap_or("10am")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn formats() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(23), "23rd");
        assert_eq!(less_pct(200_000, 30), 140_000);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..100 {
            let m = money(184_000, &mut rng);
            assert!(
                ["$184,000", "$184k", "184 thousand", "$184K"].contains(&m.as_str()),
                "{m}"
            );
            let m = money(1_250_000, &mut rng);
            assert!(m == "$1,250,000" || m.ends_with("$1.2M"), "{m}");
        }
    }

    #[test]
    fn soon_is_the_right_day() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let today = NaiveDate::from_ymd_opt(2025, 3, 11).unwrap_or_default(); // Tuesday
        let d = business_day_after(today, 2);
        assert_eq!(d.weekday(), Weekday::Thu);
        for _ in 0..40 {
            let s = soon(d, today, &mut rng);
            assert!(
                s.contains("Thursday") || s.contains("13") || s.contains("3/13"),
                "{s}"
            );
        }
    }
}
