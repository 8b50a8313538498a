//! Export of the backtest for the side-by-side check with scikit-learn
//! (`evals/scripts/compare_win_model.py`): the training and test rows as CSV (features and
//! label), and RevPulse's test probabilities, metrics and timings as JSON.
//!
//! Files written to the folder: `win_train.csv`, `win_test.csv` (columns `deal_id`,
//! `snapshot`, one per feature keyed by [`FeatureId::key`], then `won` as 0/1; categories by
//! name, missing values empty) and `win_rust.json`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use revpulse_analytics::win_probability::{DealFeatures, FeatureId, FeatureKind, WinModelMetrics};
use revpulse_ingest::demo::DemoCompany;
use serde::Serialize;
use thiserror::Error;

use super::backtest::{WinBacktest, WinBacktestConfig, WinBacktestError, WinBacktestReport};
use super::snapshots::SnapshotRow;

/// Scoring runs are repeated until they add up to at least this long, for a stable timing.
const MIN_TIMED_SECONDS: f64 = 0.5;

/// Why the export failed.
#[derive(Debug, Error)]
pub enum WinExportError {
    /// The backtest itself failed: see the inner error.
    #[error(transparent)]
    Backtest(#[from] WinBacktestError),
    /// A file could not be written: check the folder exists and is writable.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A CSV row could not be written: check free space and permissions.
    #[error("cannot write CSV {path}: {source}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: csv::Error,
    },
    /// The JSON report could not be serialised (a bug): report it.
    #[error("cannot serialise the report: {0}")]
    Json(#[from] serde_json::Error),
}

/// Wall-clock timings of the Rust side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WinTimings {
    /// Training the model (boosting, calibration, ensemble, neighbour index), once.
    pub train_seconds: f64,
    /// Probabilities of every test row (the fast path), mean of repeated runs.
    pub score_seconds: f64,
    /// Full explained scores (drivers, confidence, similar deals) of every test row, one run.
    pub explain_seconds: f64,
    /// Test rows per run.
    pub rows: usize,
}

/// The JSON written as `win_rust.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WinExport {
    /// The backtest's headline numbers.
    pub report: WinBacktestReport,
    /// Test metrics of RevPulse.
    pub metrics: WinModelMetrics,
    /// Timings (build profile matters: run from a release build).
    pub timings: WinTimings,
    /// RevPulse's probability for each row of `win_test.csv`, in order.
    pub test_probabilities: Vec<f64>,
}

/// Runs the backtest, times it and writes the three files into `dir` (created if needed).
pub fn export_win_model_comparison(
    company: &DemoCompany,
    config: &WinBacktestConfig,
    dir: &Path,
) -> Result<WinExport, WinExportError> {
    std::fs::create_dir_all(dir).map_err(|source| WinExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let backtest = WinBacktest::run(company, config)?;
    let timings = time_scoring(&backtest);
    write_rows(&dir.join("win_train.csv"), &backtest.train)?;
    write_rows(&dir.join("win_test.csv"), &backtest.test)?;
    let export = WinExport {
        report: backtest.report(&company.truth),
        metrics: backtest.test_metrics(),
        timings,
        test_probabilities: backtest.test_probabilities.clone(),
    };
    let path = dir.join("win_rust.json");
    let json = serde_json::to_string_pretty(&export)?;
    std::fs::write(&path, json).map_err(|source| WinExportError::Io { path, source })?;
    Ok(export)
}

/// Times both scoring paths; training was timed by the backtest.
fn time_scoring(backtest: &WinBacktest) -> WinTimings {
    let model = &backtest.model;
    let test: Vec<DealFeatures> = backtest.test.iter().map(|r| r.features.clone()).collect();
    let score_seconds = repeat_timed(|| {
        std::hint::black_box(model.probabilities(std::hint::black_box(&test)));
    });
    let start = Instant::now();
    for (row, features) in backtest.test.iter().zip(&test) {
        std::hint::black_box(model.score(&row.deal_id, features));
    }
    let explain_seconds = start.elapsed().as_secs_f64();
    WinTimings {
        train_seconds: backtest.train_seconds,
        score_seconds,
        explain_seconds,
        rows: test.len(),
    }
}

/// Mean seconds per run of `run`, repeated until [`MIN_TIMED_SECONDS`] have passed.
fn repeat_timed(mut run: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut runs = 0u32;
    while runs == 0 || start.elapsed().as_secs_f64() < MIN_TIMED_SECONDS {
        run();
        runs += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(runs)
}

fn write_rows(path: &Path, rows: &[SnapshotRow]) -> Result<(), WinExportError> {
    let csv_error = |source| WinExportError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let mut writer = csv::Writer::from_path(path).map_err(csv_error)?;
    let mut header = vec!["deal_id", "snapshot"];
    header.extend(FeatureId::ALL.iter().map(|f| f.key()));
    header.push("won");
    writer.write_record(&header).map_err(csv_error)?;
    for row in rows {
        let mut record = vec![row.deal_id.clone(), row.snapshot.to_string()];
        record.extend(FeatureId::ALL.iter().map(|f| cell(&row.features, *f)));
        record.push(u8::from(row.won).to_string());
        writer.write_record(&record).map_err(csv_error)?;
    }
    writer.flush().map_err(|source| WinExportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// One CSV cell: a category by name, a number as written by Rust, missing as empty.
fn cell(features: &DealFeatures, feature: FeatureId) -> String {
    match (feature.kind(), feature) {
        (FeatureKind::Categorical, FeatureId::Stage) => features.stage.as_str().to_string(),
        (FeatureKind::Categorical, FeatureId::DealType) => features.deal_type.as_str().to_string(),
        (FeatureKind::Categorical, FeatureId::Segment) => features.segment.as_str().to_string(),
        (FeatureKind::Categorical, FeatureId::ForecastCall) => {
            features.forecast_call.as_str().to_string()
        }
        _ => {
            let v = features.value(feature);
            if v.is_nan() {
                String::new()
            } else {
                v.to_string()
            }
        }
    }
}
