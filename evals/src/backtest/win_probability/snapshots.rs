//! Snapshot rows for the backtest: every deal open at each snapshot date, described as of that
//! date, labelled with how it finally ended (deals still open today have no label and are
//! left out) — and the time-based split into earlier training rows and later test rows.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use revpulse_analytics::win_probability::{DealFeatures, TrainingRow};
use serde::Serialize;

use super::features::{Leak, Snapshot, features_as_of, owner_records, segment_norms};
use super::records::CompanyRecords;

/// Which snapshot dates to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapshotPlan {
    /// First snapshot date.
    pub first: NaiveDate,
    /// No snapshot after this date.
    pub last: NaiveDate,
    /// Days between snapshots.
    pub every_days: i64,
    /// What leaks into the features (`Leak::None` for an honest backtest).
    pub leak: Leak,
}

/// One labelled row: a closed deal as it looked at one snapshot date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnapshotRow {
    /// The deal.
    pub deal_id: String,
    /// "new_business", "expansion" or "renewal".
    pub deal_type: String,
    /// Snapshot date (features use records stamped before its midnight).
    pub snapshot: NaiveDate,
    /// When the deal closed (after the snapshot).
    #[serde(skip)]
    pub closed_at: DateTime<Utc>,
    /// Its features as of the snapshot.
    pub features: DealFeatures,
    /// It was won.
    pub won: bool,
}

impl SnapshotRow {
    /// The row as analytics training input.
    pub fn training_row(&self) -> TrainingRow {
        TrainingRow {
            deal_id: self.deal_id.clone(),
            features: self.features.clone(),
            won: self.won,
        }
    }
}

/// Midnight (UTC) starting a date: the snapshot instant.
pub(crate) fn midnight(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// The snapshot dates of a plan.
pub(crate) fn dates(plan: &SnapshotPlan) -> Vec<NaiveDate> {
    let step = Duration::days(plan.every_days.max(1));
    std::iter::successors(Some(plan.first), |d| Some(*d + step))
        .take_while(|d| *d <= plan.last)
        .collect()
}

/// Every labelled row of the plan, by snapshot date then deal id.
pub(crate) fn snapshot_rows(records: &CompanyRecords<'_>, plan: &SnapshotPlan) -> Vec<SnapshotRow> {
    let owners = owner_records(records);
    let mut rows = Vec::new();
    for date in dates(plan) {
        let at = midnight(date);
        let snapshot = Snapshot {
            at,
            norms: segment_norms(records, at),
            owners: &owners,
            leak: plan.leak,
        };
        for (id, deal) in &records.deals {
            let Some((closed_at, won)) = deal.closed else {
                continue;
            };
            if let Some(features) = features_as_of(deal, records, &snapshot) {
                rows.push(SnapshotRow {
                    deal_id: id.to_string(),
                    deal_type: deal.opportunity.deal_type.clone(),
                    snapshot: date,
                    closed_at,
                    features,
                    won,
                });
            }
        }
    }
    rows
}

/// The time-based split: train on deals closed before `cutoff`, test on snapshots from
/// `cutoff` to `test_until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeSplit {
    /// Training rows are deals closed strictly before this date's midnight; test rows are
    /// snapshots on or after it.
    pub cutoff: NaiveDate,
    /// Last test snapshot date.
    pub test_until: NaiveDate,
}

impl TimeSplit {
    /// (training rows, test rows).
    pub fn apply<'r>(
        &self,
        rows: &'r [SnapshotRow],
    ) -> (Vec<&'r SnapshotRow>, Vec<&'r SnapshotRow>) {
        let cutoff = midnight(self.cutoff);
        let train = rows.iter().filter(|r| r.closed_at < cutoff).collect();
        let test = rows
            .iter()
            .filter(|r| r.snapshot >= self.cutoff && r.snapshot <= self.test_until)
            .collect();
        (train, test)
    }
}
