//! Writes the side-by-side inputs for `evals/scripts/compare_attribution.py`: for the demo
//! company at channel and campaign level, and for a seeded synthetic set of a given number of
//! paths, the paths as `channelattribution` reads them (CSV: `path`, `total_conversions`,
//! `total_conversion_value`, `total_null`) and RevPulse's credits, removal effects and
//! timings (JSON), listed in `attribution_manifest.json`.
//!
//! Timings are wall-clock, best of three, on this thread; they mean something only in a
//! release build (the manifest records which build wrote them).

use std::path::{Path, PathBuf};
use std::time::Instant;

use revpulse_analytics::attribution::synthetic::{SyntheticSpec, synthetic_journeys};
use revpulse_analytics::attribution::{
    AttributionConfig, AttributionLevel, AttributionModel, AttributionReport, JourneyBook,
    attribute, attribute_models,
};
use revpulse_ingest::demo::DemoCompany;
use serde_json::{Map, Value, json};

use super::{
    AttributionEvalError, JourneyOptions, PathRow, book_from_paths, demo_journeys, path_rows,
};

/// Seed of the synthetic paths.
const SYNTHETIC_SEED: u64 = 2_025;

/// One exported dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedDataset {
    /// Dataset name (`demo_channel`, `demo_campaign`, `synthetic_channel`, …).
    pub name: String,
    /// Level credited.
    pub level: AttributionLevel,
    /// Resolved journeys in it.
    pub journeys: usize,
    /// CSV rows (distinct paths for the demo, one per journey for the synthetic set).
    pub rows: usize,
    /// The CSV of paths.
    pub paths_csv: PathBuf,
    /// RevPulse's results.
    pub rust_json: PathBuf,
    /// Seconds for the Markov model on the journeys (best of three).
    pub markov_seconds: f64,
    /// Seconds to parse the CSV's path strings and run the Markov model (best of three).
    pub markov_from_paths_seconds: f64,
}

/// What was written.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributionExport {
    /// The manifest listing the datasets.
    pub manifest: PathBuf,
    /// The datasets.
    pub datasets: Vec<ExportedDataset>,
}

/// Writes the demo company's paths (channel and campaign level) and, when `synthetic_paths`
/// is not zero, that many seeded synthetic paths at channel and campaign level, into `dir`.
pub fn export_attribution_comparison(
    dir: &Path,
    company: &DemoCompany,
    synthetic_paths: usize,
) -> Result<AttributionExport, AttributionEvalError> {
    let demo = demo_journeys(company, &JourneyOptions::default())?;
    let (channel, campaign) = (AttributionLevel::Channel, AttributionLevel::Campaign);
    let mut datasets = vec![
        export_one(dir, "demo_channel", &demo.book, channel, true)?,
        export_one(dir, "demo_campaign", &demo.book, campaign, true)?,
    ];
    if synthetic_paths > 0 {
        let spec = SyntheticSpec::new(synthetic_paths, SYNTHETIC_SEED);
        let book = synthetic_journeys(&spec)?.book;
        datasets.push(export_one(dir, "synthetic_channel", &book, channel, false)?);
        datasets.push(export_one(
            dir,
            "synthetic_campaign",
            &book,
            campaign,
            false,
        )?);
    }
    let manifest = write_manifest(dir, &datasets)?;
    Ok(AttributionExport { manifest, datasets })
}

fn write_manifest(
    dir: &Path,
    datasets: &[ExportedDataset],
) -> Result<PathBuf, AttributionEvalError> {
    let listing: Vec<Value> = datasets
        .iter()
        .map(|d| {
            json!({
                "name": d.name,
                "level": d.level.as_str(),
                "journeys": d.journeys,
                "rows": d.rows,
                "paths_csv": file_name(&d.paths_csv),
                "rust_json": file_name(&d.rust_json),
            })
        })
        .collect();
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let manifest = dir.join("attribution_manifest.json");
    write_json(&manifest, &json!({ "build": build, "datasets": listing }))?;
    Ok(manifest)
}

fn export_one(
    dir: &Path,
    name: &str,
    book: &JourneyBook,
    level: AttributionLevel,
    aggregate: bool,
) -> Result<ExportedDataset, AttributionEvalError> {
    let rows = path_rows(book, level, aggregate);
    let paths_csv = dir.join(format!("attribution_{name}_paths.csv"));
    write_paths(&paths_csv, &rows)?;
    let report = attribute(book, &AttributionConfig::new(level))?;
    let timings = Timings::measure(book, &rows, level)?;
    let journeys = rows
        .iter()
        .map(|r| (r.conversions + r.nulls) as usize)
        .sum();
    let rust_json = dir.join(format!("attribution_{name}_rust.json"));
    let result = report_json(name, &report, journeys, rows.len(), timings.to_json());
    write_json(&rust_json, &result)?;
    Ok(ExportedDataset {
        name: name.to_string(),
        level,
        journeys,
        rows: rows.len(),
        paths_csv,
        rust_json,
        markov_seconds: timings.markov,
        markov_from_paths_seconds: timings.markov_from_paths,
    })
}

/// Wall-clock seconds of the runs compared with `channelattribution`.
struct Timings {
    markov: f64,
    markov_from_paths: f64,
    first_last_linear: f64,
    all_models: f64,
}

impl Timings {
    fn measure(
        book: &JourneyBook,
        rows: &[PathRow],
        level: AttributionLevel,
    ) -> Result<Self, AttributionEvalError> {
        let config = AttributionConfig::new(level);
        let run = |models: &[AttributionModel]| {
            best_of_three(|| Ok(attribute_models(book, &config, models).map(drop)?))
        };
        let markov = [AttributionModel::Markov];
        let heuristics = [
            AttributionModel::FirstTouch,
            AttributionModel::LastTouch,
            AttributionModel::Linear,
        ];
        // Parsed keys are names, so the channel level credits them one by one.
        let parsed = AttributionConfig::new(AttributionLevel::Channel);
        Ok(Self {
            markov: run(&markov)?,
            first_last_linear: run(&heuristics)?,
            all_models: run(&AttributionModel::ALL)?,
            markov_from_paths: best_of_three(|| {
                let parsed_book = book_from_paths(rows)?;
                Ok(attribute_models(&parsed_book, &parsed, &markov).map(drop)?)
            })?,
        })
    }

    fn to_json(&self) -> Value {
        json!({
            "markov": self.markov,
            "markov_from_path_strings": self.markov_from_paths,
            "first_last_linear": self.first_last_linear,
            "all_models": self.all_models,
        })
    }
}

fn best_of_three(
    mut task: impl FnMut() -> Result<(), AttributionEvalError>,
) -> Result<f64, AttributionEvalError> {
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = Instant::now();
        task()?;
        best = best.min(started.elapsed().as_secs_f64());
    }
    Ok(best)
}

fn report_json(
    name: &str,
    report: &AttributionReport,
    journeys: usize,
    rows: usize,
    timings: Value,
) -> Value {
    let mut models = Map::new();
    for m in &report.models {
        let credits: Map<String, Value> = m
            .credits
            .iter()
            .map(|c| {
                let credit = json!({
                    "conversions": c.conversions,
                    "revenue": c.revenue,
                    "fractional_revenue": c.fractional_revenue,
                    "share": c.share,
                });
                (c.key.clone(), credit)
            })
            .collect();
        models.insert(m.model.as_str().to_string(), Value::Object(credits));
    }
    let (probability, effects) = match &report.markov {
        Some(summary) => (
            json!(summary.conversion_probability),
            summary
                .removal_effects
                .iter()
                .map(|e| {
                    (
                        e.key.clone(),
                        json!({"conversions": e.conversions, "revenue": e.revenue}),
                    )
                })
                .collect::<Map<String, Value>>(),
        ),
        None => (Value::Null, Map::new()),
    };
    json!({
        "name": name,
        "level": report.level.as_str(),
        "journeys": journeys,
        "rows": rows,
        "won": report.journeys.won,
        "won_revenue": report.journeys.won_revenue,
        "models": models,
        "markov_conversion_probability": probability,
        "removal_effects": effects,
        "timings_seconds": timings,
    })
}

fn write_paths(path: &Path, rows: &[PathRow]) -> Result<(), AttributionEvalError> {
    let mut writer = csv::Writer::from_path(path)?;
    writer.write_record([
        "path",
        "total_conversions",
        "total_conversion_value",
        "total_null",
    ])?;
    for row in rows {
        writer.write_record([
            row.path.as_str(),
            &row.conversions.to_string(),
            &row.value.to_string(),
            &row.nulls.to_string(),
        ])?;
    }
    writer.flush().map_err(|source| AttributionEvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn write_json(path: &Path, value: &Value) -> Result<(), AttributionEvalError> {
    let text = serde_json::to_string_pretty(value)?;
    std::fs::write(path, text).map_err(|source| AttributionEvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
