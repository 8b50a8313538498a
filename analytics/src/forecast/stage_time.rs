//! How long deals stay in each open stage, learnt from history as of a day, and where one
//! deal's current stay falls in that distribution ("42 days in Proposal, P88; P75 is 30").
//!
//! A stay is the days between entering a stage and the next stage change; only stays that had
//! ended by the as-of day are learnt from, so the norms never see the future.

use chrono::NaiveDate;

use super::deal::SalesStage;
use super::record::{DealAsOf, DealRecord};
use crate::stats;

/// Completed stays per open stage, sorted ascending.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StageDurations {
    by_stage: [Vec<f64>; 5],
}

/// Index of an open stage in the arrays above.
fn slot(stage: SalesStage) -> Option<usize> {
    stage.is_open().then_some(stage.order() as usize)
}

impl StageDurations {
    /// Learns from every stay completed by `as_of` in `records`.
    pub fn fit(records: &[DealRecord], as_of: NaiveDate) -> Self {
        let mut by_stage: [Vec<f64>; 5] = Default::default();
        for record in records {
            let history = record.as_of(as_of).stage_history();
            for pair in history.windows(2) {
                if let Some(i) = slot(pair[0].value) {
                    by_stage[i].push((pair[1].on - pair[0].on).num_days() as f64);
                }
            }
        }
        for stays in &mut by_stage {
            stays.sort_by(f64::total_cmp);
        }
        Self { by_stage }
    }

    /// The completed stays of a stage (empty for closed stages).
    pub fn stays(&self, stage: SalesStage) -> &[f64] {
        slot(stage).map_or(&[], |i| &self.by_stage[i])
    }

    /// The `q`-quantile of the stage's stays, if any were seen.
    pub fn quantile(&self, stage: SalesStage, q: f64) -> Option<f64> {
        stats::quantile(self.stays(stage), q)
    }

    /// Share of past stays in the stage no longer than `days`, if any were seen.
    pub fn percentile_rank(&self, stage: SalesStage, days: f64) -> Option<f64> {
        let stays = self.stays(stage);
        (!stays.is_empty())
            .then(|| stays.partition_point(|&s| s <= days) as f64 / stays.len() as f64)
    }
}

/// The norm stay of each open stage: a quantile of its past stays, set only for stages with
/// enough history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageNorm {
    /// The quantile used (0.75 = P75).
    pub quantile: f64,
    /// Past stays a stage needs before its stays are judged.
    pub min_samples: usize,
    days: [Option<f64>; 5],
}

impl StageNorm {
    /// The `quantile` of each stage's stays, for stages with at least `min_samples` of them.
    pub fn new(durations: &StageDurations, quantile: f64, min_samples: usize) -> Self {
        let mut days = [None; 5];
        for stage in SalesStage::OPEN {
            if let Some(i) = slot(stage) {
                let enough = durations.stays(stage).len() >= min_samples.max(1);
                days[i] = enough
                    .then(|| durations.quantile(stage, quantile))
                    .flatten();
            }
        }
        Self {
            quantile,
            min_samples,
            days,
        }
    }

    /// The norm stay of a stage, if it has enough history.
    pub fn days(&self, stage: SalesStage) -> Option<f64> {
        slot(stage).and_then(|i| self.days[i])
    }
}

/// A deal's current stay against its stage's norm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageAge {
    /// The stage it is in.
    pub stage: SalesStage,
    /// When it entered it.
    pub entered_on: NaiveDate,
    /// Days in the stage by the as-of day.
    pub days: i64,
    /// Share of past stays no longer than this one.
    pub percentile: f64,
    /// The stage's norm stay.
    pub norm_days: f64,
    /// The quantile the norm is.
    pub quantile: f64,
    /// Past stays the norm is based on.
    pub samples: usize,
}

impl StageAge {
    /// Whether the stay is longer than the norm.
    pub fn beyond_norm(&self) -> bool {
        self.days as f64 > self.norm_days
    }
}

/// The deal's current stay against its stage's norm; `None` for a closed deal or a stage
/// without a norm.
pub fn stage_age(
    deal: &DealAsOf<'_>,
    durations: &StageDurations,
    norm: &StageNorm,
) -> Option<StageAge> {
    let stage = deal.stage().filter(|s| s.is_open())?;
    let entered_on = deal.stage_entered_on()?;
    let norm_days = norm.days(stage)?;
    let days = deal.days_since(entered_on);
    Some(StageAge {
        stage,
        entered_on,
        days,
        percentile: durations.percentile_rank(stage, days as f64)?,
        norm_days,
        quantile: norm.quantile,
        samples: durations.stays(stage).len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::test_support::{day, record};

    fn history() -> Vec<DealRecord> {
        // Discovery stays of 10, 20, 30 and 40 days; the last one ends after the as-of day.
        (0..4)
            .map(|i| {
                let start = day(2025, 1, 1);
                let left = start + chrono::Duration::days(10 * (i + 1));
                record(
                    &format!("h{i}"),
                    start,
                    &[(start, SalesStage::Discovery), (left, SalesStage::Proposal)],
                )
            })
            .collect()
    }

    #[test]
    fn norms_only_learn_from_stays_ended_by_the_day() {
        let d = StageDurations::fit(&history(), day(2025, 2, 5));
        assert_eq!(d.stays(SalesStage::Discovery), &[10.0, 20.0, 30.0]);
        assert_eq!(d.quantile(SalesStage::Discovery, 0.75), Some(25.0));
        assert_eq!(
            d.percentile_rank(SalesStage::Discovery, 20.0),
            Some(2.0 / 3.0)
        );
        assert!(d.stays(SalesStage::Proposal).is_empty());
    }

    #[test]
    fn a_long_stay_is_beyond_the_norm() {
        let d = StageDurations::fit(&history(), day(2025, 3, 1));
        let open = record(
            "o",
            day(2025, 1, 1),
            &[(day(2025, 1, 1), SalesStage::Discovery)],
        );
        let age = stage_age(
            &open.as_of(day(2025, 2, 6)),
            &d,
            &StageNorm::new(&d, 0.75, 3),
        )
        .unwrap();
        // Stays 10..40: P75 = 32.5; the open deal has been in Discovery 36 days.
        assert_eq!(age.days, 36);
        assert!((age.norm_days - 32.5).abs() < 1e-12);
        assert!(age.beyond_norm());
        assert_eq!(age.percentile, 0.75);
        let strict = StageNorm::new(&d, 0.75, 5);
        assert!(stage_age(&open.as_of(day(2025, 2, 6)), &d, &strict).is_none());
    }
}
