//! Benchmarks of the win-probability model at ten times the default demo company's deal count
//! (about 27,700 deals): training, batch scoring (probabilities only) and full explained
//! scores. Rows are synthetic — drawn from a known logistic model of a few features — since
//! only the volume matters for timing.
//!
//! Run with `cargo bench -p revpulse-analytics --bench win_probability`.

use divan::Bencher;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use revpulse_analytics::win_probability::{
    DealFeatures, DealType, ForecastCall, OpenStage, Segment, TrainingRow, WinModelConfig,
    WinProbabilityModel,
};

/// Deals in the default demo company (600 accounts), times ten.
const DEALS: usize = 27_660;
/// Deals scored with full explanations per benchmark run.
const EXPLAINED: usize = 1_000;

fn main() {
    divan::main();
}

fn synthetic_deal(rng: &mut ChaCha8Rng) -> (DealFeatures, bool) {
    let contacts: u32 = rng.random_range(1..=6);
    let competitor = rng.random_bool(0.5);
    let exec = rng.random_bool(0.4).then(|| rng.random_range(0.0..60.0));
    let owner = rng.random_bool(0.9).then(|| rng.random_range(0.1..0.7));
    let stage = rng.random_range(0..5);
    let features = DealFeatures {
        stage: OpenStage::ALL[stage],
        deal_type: DealType::ALL[rng.random_range(0..3)],
        segment: Segment::ALL[rng.random_range(0..3)],
        forecast_call: ForecastCall::ALL[rng.random_range(0..3)],
        age_days: rng.random_range(1.0..300.0),
        days_in_stage: rng.random_range(0.0..90.0),
        days_to_expected_close: Some(rng.random_range(-30.0..120.0_f64).round()),
        amount_vs_segment_norm: Some(rng.random_range(0.2..3.0)),
        amount_vs_initial: rng.random_bool(0.3).then(|| rng.random_range(0.7..1.2)),
        close_date_pushes: rng.random_range(0..4),
        stage_regressions: rng.random_range(0..2),
        days_since_last_activity: rng.random_bool(0.95).then(|| rng.random_range(0.0..40.0)),
        days_since_exec_sponsor_engaged: exec,
        engaged_contacts: contacts,
        competitor_present: competitor,
        pricing_pressure_mentions: rng.random_range(0..3),
        campaign_sourced: rng.random_bool(0.3),
        owner_win_rate: owner,
        recent_call_sentiment: Some(rng.random_range(-1.0..1.0)),
    };
    let logit = 0.8 * (f64::from(contacts) - 3.0) + if exec.is_some() { 1.2 } else { -0.5 }
        - if competitor { 0.9 } else { 0.0 }
        + 3.0 * (owner.unwrap_or(0.4) - 0.4)
        + 0.4 * (stage as f64 - 2.0);
    let won = rng.random::<f64>() < 1.0 / (1.0 + (-logit).exp());
    (features, won)
}

fn training_rows() -> Vec<TrainingRow> {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    (0..DEALS)
        .map(|i| {
            let (features, won) = synthetic_deal(&mut rng);
            TrainingRow {
                deal_id: format!("OPP-{i:06}"),
                features,
                won,
            }
        })
        .collect()
}

fn open_deals(n: usize) -> Vec<DealFeatures> {
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    (0..n).map(|_| synthetic_deal(&mut rng).0).collect()
}

fn trained() -> WinProbabilityModel {
    WinProbabilityModel::train(&training_rows(), &WinModelConfig::default())
        .unwrap_or_else(|e| panic!("training failed: {e}"))
}

#[divan::bench(sample_count = 5)]
fn train_on_27k_deals(bencher: Bencher) {
    let rows = training_rows();
    let config = WinModelConfig::default();
    bencher.bench(|| WinProbabilityModel::train(divan::black_box(&rows), &config));
}

#[divan::bench(sample_count = 20)]
fn probabilities_of_27k_deals(bencher: Bencher) {
    let model = trained();
    let deals = open_deals(DEALS);
    bencher.bench(|| model.probabilities(divan::black_box(&deals)));
}

#[divan::bench(sample_count = 10)]
fn explained_scores_of_1k_deals(bencher: Bencher) {
    let model = trained();
    let deals = open_deals(EXPLAINED);
    bencher.bench(|| {
        deals
            .iter()
            .enumerate()
            .map(|(i, d)| model.score(&format!("NEW-{i}"), d))
            .count()
    });
}
