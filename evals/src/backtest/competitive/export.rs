//! Writes the churn backtest's train and test cases to CSV (and the fitted model to JSON) so
//! `evals/scripts/compare_churn.py` can fit scikit-learn's logistic regression on exactly the
//! same rows and compare coefficients, AUC, Brier score and speed.
//!
//! Timings are wall-clock, best of three, on this thread; they mean something only in a
//! release build.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

use revpulse_analytics::competitive::churn::ChurnModel;
use revpulse_analytics::competitive::churn_features::ChurnFeature;
use serde::Serialize;
use thiserror::Error;

use revpulse_ingest::demo::DemoCompany;

use super::churn::{ChurnBacktestConfig, ChurnSplit, RenewalCase, train_model};
use super::{CompetitiveBacktestError, corpus, mentions_in, signals::AccountFacts};

/// Why the export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The folder or a file could not be written; check the path and permissions.
    #[error("writing {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// CSV encoding failed; a bug.
    #[error(transparent)]
    Csv(#[from] csv::Error),
    /// JSON encoding failed; a bug.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The backtest itself failed; see its error.
    #[error(transparent)]
    Backtest(#[from] CompetitiveBacktestError),
}

/// The fitted model as written to `churn_model.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedModel {
    /// L2 penalty (scikit-learn `C = 1 / l2`).
    pub l2: f64,
    /// Log-odds of an average account.
    pub intercept: f64,
    /// Feature names in column order.
    pub features: Vec<&'static str>,
    /// Standardised weights in column order.
    pub weights: Vec<f64>,
    /// Seconds to fit on the training rows (best of three).
    pub fit_seconds: f64,
    /// Seconds to score the test rows (best of three).
    pub score_seconds: f64,
    /// Whether a release build wrote this.
    pub release_build: bool,
}

/// Best of three wall-clock runs of `f`, in seconds.
fn best_of_three(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn create(path: &Path) -> Result<BufWriter<File>, ExportError> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|source| ExportError::Io {
            path: path.display().to_string(),
            source,
        })
}

fn write_cases(path: &Path, cases: &[&RenewalCase], model: &ChurnModel) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_writer(create(path)?);
    let mut header = vec!["account_id", "renewal_date", "as_of"];
    header.extend(ChurnFeature::ALL.iter().map(|f| f.as_str()));
    header.extend(["churned", "p_revpulse"]);
    w.write_record(&header)?;
    for c in cases {
        let mut row = vec![
            c.account_id.clone(),
            c.renewal_date.to_string(),
            c.as_of.to_string(),
        ];
        row.extend(c.features.values.iter().map(|v| format!("{v:.17}")));
        row.push(u8::from(c.churned == Some(true)).to_string());
        row.push(format!("{:.17}", model.score(&c.features).probability));
        w.write_record(&row)?;
    }
    w.flush().map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(())
}

/// Builds the churn split of a demo company and writes `churn_train.csv`, `churn_test.csv`
/// and `churn_model.json` into `dir`.
pub fn export_churn_comparison(
    company: &DemoCompany,
    dir: &Path,
    config: &ChurnBacktestConfig,
) -> Result<ExportedModel, ExportError> {
    let ds = &company.dataset;
    let corpus = corpus::build(ds);
    let found = mentions_in(ds, &corpus)?;
    let facts = AccountFacts::build(ds, &corpus, &found);
    let split = ChurnSplit::new(ds, &facts, company.truth.today, config)?;
    let model = train_model(&split, &config.logistic)?;
    let fit_seconds = best_of_three(|| {
        let _ = train_model(&split, &config.logistic);
    });
    let test = split.test();
    let score_seconds = best_of_three(|| {
        let total: f64 = test
            .iter()
            .map(|c| model.score(&c.features).probability)
            .sum();
        std::hint::black_box(total);
    });
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    write_cases(&dir.join("churn_train.csv"), &split.train(), &model)?;
    write_cases(&dir.join("churn_test.csv"), &test, &model)?;
    let exported = ExportedModel {
        l2: config.logistic.l2,
        intercept: split
            .cases
            .first()
            .map_or(0.0, |c| model.score(&c.features).baseline),
        features: ChurnFeature::ALL.iter().map(|f| f.as_str()).collect(),
        weights: model.weights().into_iter().map(|(_, w)| w).collect(),
        fit_seconds,
        score_seconds,
        release_build: !cfg!(debug_assertions),
    };
    serde_json::to_writer_pretty(create(&dir.join("churn_model.json"))?, &exported)?;
    Ok(exported)
}
