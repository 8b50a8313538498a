//! Backtest of the win-probability model on the demo company.
//!
//! Feature rows are computed from the demo company's records *as of* monthly snapshot dates —
//! only records stamped strictly before a snapshot's midnight count: stage, amount,
//! close-date and forecast history, activities and their participants, the competitors
//! named in them, pricing-pressure phrases and a lexicon tone score read from email and
//! meeting text and call transcripts (see `text_signals`). Labels are how each deal finally
//! ended; deals still open today have none and are left out. The split is by time: the
//! model learns from deals closed before a cutoff and is measured on snapshots after it
//! (AUC, Brier score, calibration error). Ground truth is used only to measure: the recovery
//! of the true causes of lost deals ([`driver_recovery`]) and, for context, the AUC of the
//! generator's own win probabilities. A leakage tripwire ([`LEAKAGE_AUC_TRIPWIRE`]) flags an
//! AUC only leaked information could reach, and [`Leak`] lets a test prove it fires.

mod backtest;
mod export;
mod features;
mod records;
mod recovery;
mod snapshots;
mod text_signals;

pub use backtest::{
    LEAKAGE_AUC_TRIPWIRE, WinBacktest, WinBacktestConfig, WinBacktestError, WinBacktestReport,
    leakage_suspected,
};
pub use export::{WinExport, WinExportError, WinTimings, export_win_model_comparison};
pub use features::Leak;
pub use recovery::{CauseTotal, DriverRecovery, DriverTotal, POSITION_FEATURES, driver_recovery};
pub use snapshots::{SnapshotPlan, SnapshotRow, TimeSplit};

#[cfg(test)]
mod tests;
