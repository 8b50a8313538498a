//! Pipeline creation against its own baseline: the amount created per week over a recent
//! window, compared with the weeks before it. The window's weekly mean is tested against the
//! baseline weeks' mean with a z-score using the baseline's week-to-week spread (standard error
//! = sd / √window); "falling" means the one-sided p-value of a drop is below `alpha`.

use chrono::{Datelike, Duration, NaiveDate};

use super::significance::normal_cdf;
use crate::stats;

/// Amount and number of deals created in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyCreation {
    /// Monday of the week.
    pub week_start: NaiveDate,
    /// Amount created, whole dollars.
    pub amount: i64,
    /// Deals created.
    pub deals: u32,
}

/// Monday of the week containing `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Buckets created deals (creation day, amount) into every week from the week of `first` to
/// the week of `last`, weeks without creation included as zeros.
pub fn weekly_creation(
    created: &[(NaiveDate, i64)],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<WeeklyCreation> {
    let (first, last) = (week_start(first), week_start(last));
    let weeks = ((last - first).num_days() / 7 + 1).max(0) as usize;
    let mut out: Vec<WeeklyCreation> = (0..weeks)
        .map(|w| WeeklyCreation {
            week_start: first + Duration::days(7 * w as i64),
            amount: 0,
            deals: 0,
        })
        .collect();
    for &(day, amount) in created {
        let offset = (week_start(day) - first).num_days() / 7;
        if let Some(week) = usize::try_from(offset).ok().and_then(|i| out.get_mut(i)) {
            week.amount += amount;
            week.deals += 1;
        }
    }
    out
}

/// Window and baseline lengths of the check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CreationCheckConfig {
    /// Recent weeks tested.
    pub window_weeks: usize,
    /// Weeks before the window the baseline is taken from (8–12 is usual).
    pub baseline_weeks: usize,
    /// One-sided significance level of a drop.
    pub alpha: f64,
}

impl Default for CreationCheckConfig {
    fn default() -> Self {
        Self {
            window_weeks: 4,
            baseline_weeks: 12,
            alpha: 0.05,
        }
    }
}

/// The recent window against its baseline, with the evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct CreationCheck {
    /// First week of the window.
    pub window_start: NaiveDate,
    /// Last week of the window.
    pub window_end: NaiveDate,
    /// First week of the baseline.
    pub baseline_start: NaiveDate,
    /// Mean amount created per week in the window.
    pub window_mean: f64,
    /// Mean amount created per week in the baseline.
    pub baseline_mean: f64,
    /// Week-to-week standard deviation in the baseline.
    pub baseline_sd: f64,
    /// (window mean − baseline mean) / (sd / √window); `None` when the baseline is flat.
    pub z: Option<f64>,
    /// One-sided p-value of a drop this large; `None` when the baseline is flat.
    pub p_value: Option<f64>,
    /// Whether creation is significantly below its baseline.
    pub falling: bool,
    /// Window mean / baseline mean − 1; `None` for an empty baseline.
    pub change: Option<f64>,
}

fn sample_sd(values: &[f64], mean: f64) -> f64 {
    let n = values.len();
    if n < 2 {
        return 0.0;
    }
    let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
    (ss / (n - 1) as f64).sqrt()
}

/// Checks the last `window_weeks` of `weeks` (in time order) against the `baseline_weeks`
/// before them; `None` when there are not enough weeks.
pub fn creation_vs_baseline(
    weeks: &[WeeklyCreation],
    config: CreationCheckConfig,
) -> Option<CreationCheck> {
    let (w, b) = (config.window_weeks, config.baseline_weeks);
    if w == 0 || b < 2 || weeks.len() < w + b {
        return None;
    }
    let window = &weeks[weeks.len() - w..];
    let baseline = &weeks[weeks.len() - w - b..weeks.len() - w];
    let amounts = |ws: &[WeeklyCreation]| ws.iter().map(|x| x.amount as f64).collect::<Vec<_>>();
    let (wa, ba) = (amounts(window), amounts(baseline));
    let window_mean = stats::mean(&wa)?;
    let baseline_mean = stats::mean(&ba)?;
    let baseline_sd = sample_sd(&ba, baseline_mean);
    let z = (baseline_sd > 0.0)
        .then(|| (window_mean - baseline_mean) / (baseline_sd / (w as f64).sqrt()));
    let p_value = z.map(normal_cdf);
    Some(CreationCheck {
        window_start: window[0].week_start,
        window_end: window[w - 1].week_start,
        baseline_start: baseline[0].week_start,
        window_mean,
        baseline_mean,
        baseline_sd,
        z,
        p_value,
        falling: p_value.is_some_and(|p| p < config.alpha),
        change: (baseline_mean > 0.0).then(|| window_mean / baseline_mean - 1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::test_support::day;

    #[test]
    fn weeks_are_filled_with_zeros() {
        let created = [
            (day(2025, 1, 8), 100),
            (day(2025, 1, 9), 50),
            (day(2025, 1, 22), 7),
        ];
        let weeks = weekly_creation(&created, day(2025, 1, 1), day(2025, 1, 31));
        let amounts: Vec<i64> = weeks.iter().map(|w| w.amount).collect();
        assert_eq!(amounts, [0, 150, 0, 7, 0]);
        assert_eq!(weeks[0].week_start, day(2024, 12, 30));
        assert_eq!(weeks[1].deals, 2);
    }

    #[test]
    fn a_collapse_is_falling_and_a_steady_series_is_not() {
        let base: Vec<i64> = [90, 110, 100, 95, 105, 100, 98, 102].into();
        let mut created: Vec<(NaiveDate, i64)> = Vec::new();
        let monday = day(2025, 1, 6);
        for (i, a) in base.iter().chain([40, 45].iter()).enumerate() {
            created.push((monday + Duration::days(7 * i as i64), *a));
        }
        let weeks = weekly_creation(&created, monday, monday + Duration::days(63));
        let config = CreationCheckConfig {
            window_weeks: 2,
            baseline_weeks: 8,
            alpha: 0.05,
        };
        let check = creation_vs_baseline(&weeks, config).unwrap();
        let sd = sample_sd(&base.iter().map(|&x| x as f64).collect::<Vec<_>>(), 100.0);
        let z = (42.5 - 100.0) / (sd / 2f64.sqrt());
        assert!((check.z.unwrap() - z).abs() < 1e-9);
        assert!(check.falling);
        assert!((check.change.unwrap() + 0.575).abs() < 1e-12);
        let steady = creation_vs_baseline(
            &weeks[..8],
            CreationCheckConfig {
                window_weeks: 2,
                baseline_weeks: 6,
                alpha: 0.05,
            },
        );
        assert!(!steady.unwrap().falling);
    }
}
