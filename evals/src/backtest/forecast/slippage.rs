//! Slippage and anomalies on the demo company as of today: pushed, regressed and stalled deals,
//! late-stage anomalies on open deals, and new-pipeline creation against its own baseline.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use revpulse_analytics::forecast::anomalies::{AnomalyConfig, stage_anomalies};
use revpulse_analytics::forecast::creation::{
    CreationCheck, CreationCheckConfig, creation_vs_baseline, week_start, weekly_creation,
};
use revpulse_analytics::forecast::flags::FlaggedDeal;
use revpulse_analytics::forecast::slippage::slippage_flags;
use revpulse_analytics::forecast::stage_time::{StageDurations, StageNorm};

use super::records::DealBook;

/// Quantile of past stays beyond which a deal is stalled.
pub const STALL_QUANTILE: f64 = 0.75;
/// Past stays a stage needs before stays in it are judged.
pub const STALL_MIN_SAMPLES: usize = 20;

/// Every flag raised today, and the creation check.
#[derive(Debug, Clone, PartialEq)]
pub struct SlippageReview {
    /// Slippage flags (every deal) and anomalies (open deals), deal by deal.
    pub flags: Vec<FlaggedDeal>,
    /// Flags per kind.
    pub counts: BTreeMap<&'static str, usize>,
    /// Weekly new-pipeline creation against its baseline, up to today's week.
    pub creation: Option<CreationCheck>,
}

/// Weekly creation (initial amount of each deal) over the last complete weeks before today's
/// (a partial week would read as a drop), checked with the default window and baseline.
pub fn creation_check(book: &DealBook, today: NaiveDate) -> Option<CreationCheck> {
    let config = CreationCheckConfig::default();
    let weeks = (config.window_weeks + config.baseline_weeks) as i64;
    let last = week_start(today) - Duration::days(1);
    let first = week_start(last) - Duration::days(7 * (weeks - 1));
    let created: Vec<(NaiveDate, i64)> = book
        .records
        .iter()
        .filter(|r| r.created_on >= first && r.created_on <= last)
        .filter_map(|r| r.amounts.first().map(|a| (r.created_on, a.value)))
        .collect();
    creation_vs_baseline(&weekly_creation(&created, first, last), config)
}

/// Flags every deal as of `today`.
pub fn slippage_review(book: &DealBook, today: NaiveDate) -> SlippageReview {
    let durations = StageDurations::fit(&book.records, today);
    let norm = StageNorm::new(&durations, STALL_QUANTILE, STALL_MIN_SAMPLES);
    let anomalies = AnomalyConfig::default();
    let mut flags = Vec::new();
    for record in &book.records {
        let deal = record.as_of(today);
        flags.extend(slippage_flags(&deal, &durations, &norm));
        flags.extend(stage_anomalies(&deal, &anomalies));
    }
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for f in &flags {
        *counts.entry(f.flag.kind()).or_default() += 1;
    }
    SlippageReview {
        flags,
        counts,
        creation: creation_check(book, today),
    }
}
