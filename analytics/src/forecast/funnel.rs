//! Funnel conversion and velocity, stage by stage, for any ordered funnel: the opportunity
//! stages, or lead → MQL → SQL → opportunity.
//!
//! An entry is attributed to a step's cohort by the day it reached the step's first stage. Its
//! fate at the step is *converted* when it reached the next stage, *dropped* when it left the
//! funnel without doing so, and *pending* otherwise. Two bases are offered:
//! [`ConversionBasis::Resolved`] divides converted by converted + dropped (pending entries are
//! left out, and an entry pending longer than `stale_after_days` counts as dropped), while
//! [`ConversionBasis::WithinDays`] counts only entries old enough to be judged and calls them
//! converted when they reached the next stage within that many days — a fixed horizon that
//! makes recent cohorts comparable with old ones. Velocity is the median days to convert.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::deal::Period;
use crate::stats;

/// One lead or deal moving through an ordered funnel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelEntry {
    /// Id of the lead or deal.
    pub id: String,
    /// Cut labels, dimension → value (e.g. `"region"` → `"EMEA"`, `"persona"` → `"finance"`).
    pub cuts: BTreeMap<String, String>,
    /// Day each stage was first reached (index = stage), `None` when it was not.
    pub reached: Vec<Option<NaiveDate>>,
    /// Whether it left the funnel (lost, disqualified) by the as-of day.
    pub exited: bool,
}

/// How a step's conversion is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversionBasis {
    /// Converted / (converted + dropped).
    Resolved {
        /// Days after which a still-pending entry counts as dropped.
        stale_after_days: Option<i64>,
    },
    /// Reached the next stage within this many days, among entries at least this old.
    WithinDays(i64),
}

/// How the funnel is measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunnelConfig {
    /// The day the funnel is seen at; later dates are ignored.
    pub as_of: NaiveDate,
    /// Conversion basis.
    pub basis: ConversionBasis,
    /// Significance level of change tests.
    pub alpha: f64,
}

/// One step (stage `from` → stage `from + 1`) for one cohort.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepStats {
    /// Index of the step's first stage.
    pub from: usize,
    /// Entries that reached stage `from` in the window.
    pub entered: usize,
    /// Of them, converted.
    pub converted: usize,
    /// Of them, dropped.
    pub dropped: usize,
    /// Of them, not judged yet.
    pub pending: usize,
    /// converted / (converted + dropped), in [0, 1]; `None` with nothing judged.
    pub conversion_rate: Option<f64>,
    /// Median days from stage `from` to the next, over the converted.
    pub median_days: Option<f64>,
}

enum Fate {
    Converted(i64),
    Dropped,
    Pending,
}

fn seen(day: Option<NaiveDate>, as_of: NaiveDate) -> Option<NaiveDate> {
    day.filter(|d| *d <= as_of)
}

fn fate(entry: &FunnelEntry, step: usize, entered: NaiveDate, config: &FunnelConfig) -> Fate {
    let next = seen(entry.reached.get(step + 1).copied().flatten(), config.as_of);
    let age = (config.as_of - entered).num_days();
    match config.basis {
        ConversionBasis::Resolved { stale_after_days } => match next {
            Some(d) => Fate::Converted((d - entered).num_days()),
            None if entry.exited || stale_after_days.is_some_and(|s| age > s) => Fate::Dropped,
            None => Fate::Pending,
        },
        ConversionBasis::WithinDays(horizon) => match next {
            _ if age < horizon => Fate::Pending,
            Some(d) if (d - entered).num_days() <= horizon => {
                Fate::Converted((d - entered).num_days())
            }
            _ => Fate::Dropped,
        },
    }
}

/// Step `from` for the entries that reached stage `from` inside `window`.
pub fn step_stats(
    entries: &[&FunnelEntry],
    from: usize,
    window: Period,
    config: &FunnelConfig,
) -> StepStats {
    let mut stats = StepStats {
        from,
        ..StepStats::default()
    };
    let mut days = Vec::new();
    for entry in entries {
        let Some(entered) = seen(entry.reached.get(from).copied().flatten(), config.as_of)
            .filter(|d| window.contains(*d))
        else {
            continue;
        };
        stats.entered += 1;
        match fate(entry, from, entered, config) {
            Fate::Converted(d) => {
                stats.converted += 1;
                days.push(d as f64);
            }
            Fate::Dropped => stats.dropped += 1,
            Fate::Pending => stats.pending += 1,
        }
    }
    let judged = stats.converted + stats.dropped;
    stats.conversion_rate = (judged > 0).then(|| stats.converted as f64 / judged as f64);
    stats.median_days = stats::quantile(&days, 0.5);
    stats
}

/// Every step of a funnel of `stages` stages for one window.
pub fn funnel_stats(
    entries: &[&FunnelEntry],
    stages: usize,
    window: Period,
    config: &FunnelConfig,
) -> Vec<StepStats> {
    (0..stages.saturating_sub(1))
        .map(|from| step_stats(entries, from, window, config))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::test_support::day;

    fn entry(id: &str, reached: &[Option<NaiveDate>], exited: bool) -> FunnelEntry {
        FunnelEntry {
            id: id.into(),
            cuts: BTreeMap::new(),
            reached: reached.to_vec(),
            exited,
        }
    }

    fn config(basis: ConversionBasis) -> FunnelConfig {
        FunnelConfig {
            as_of: day(2025, 6, 30),
            basis,
            alpha: 0.05,
        }
    }

    fn entries() -> Vec<FunnelEntry> {
        let (a, b) = (Some(day(2025, 1, 10)), Some(day(2025, 1, 20)));
        vec![
            entry("won", &[a, b, Some(day(2025, 2, 9))], false),
            entry("fast", &[a, Some(day(2025, 1, 14))], false),
            entry("lost", &[a, None, None], true),
            entry("waiting", &[a, None, None], false),
            entry("late", &[Some(day(2025, 6, 1)), None, None], false),
            entry("future", &[a, Some(day(2025, 7, 5)), None], false),
        ]
    }

    #[test]
    fn resolved_conversion_leaves_pending_entries_out() {
        let e = entries();
        let refs: Vec<&FunnelEntry> = e.iter().collect();
        let window = Period::new(day(2025, 1, 1), day(2025, 3, 31)).unwrap();
        let c = config(ConversionBasis::Resolved {
            stale_after_days: None,
        });
        let steps = funnel_stats(&refs, 3, window, &c);
        let first = &steps[0];
        // won, fast converted; lost dropped; waiting and future (converted after as_of) pending.
        assert_eq!(
            (first.entered, first.converted, first.dropped, first.pending),
            (5, 2, 1, 2)
        );
        assert_eq!(first.conversion_rate, Some(2.0 / 3.0));
        assert_eq!(first.median_days, Some(7.0));
        assert_eq!(steps[1].converted, 1);
        assert_eq!(steps[1].median_days, Some(20.0));
    }

    #[test]
    fn stale_entries_drop_and_horizons_ignore_young_entries() {
        let e = entries();
        let refs: Vec<&FunnelEntry> = e.iter().collect();
        let window = Period::new(day(2025, 1, 1), day(2025, 6, 30)).unwrap();
        let stale = config(ConversionBasis::Resolved {
            stale_after_days: Some(90),
        });
        let s = step_stats(&refs, 0, window, &stale);
        // waiting and future are stale (171 days); late (29 days) stays pending.
        assert_eq!((s.converted, s.dropped, s.pending), (2, 3, 1));
        let horizon = config(ConversionBasis::WithinDays(30));
        let h = step_stats(&refs, 0, window, &horizon);
        // won (10 days) and fast (4) converted in time; future's move is after the as-of day;
        // late (29 days old) is younger than the horizon.
        assert_eq!((h.converted, h.dropped, h.pending), (2, 3, 1));
        let short = step_stats(&refs, 0, window, &config(ConversionBasis::WithinDays(8)));
        assert_eq!((short.converted, short.dropped, short.pending), (1, 5, 0));
    }
}
