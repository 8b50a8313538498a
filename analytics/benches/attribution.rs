//! Attribution benchmarks: every model on ten times the default demo company's journeys
//! (synthesised: ~32,000 journeys over 158 campaigns in 8 channels, as the generator would
//! scale them for 6,000 accounts), and the Markov model on a million synthetic paths.
//!
//! `cargo bench -p revpulse-analytics --bench attribution`

use std::sync::LazyLock;

use divan::Bencher;
use revpulse_analytics::attribution::synthetic::{SyntheticSpec, synthetic_journeys};
use revpulse_analytics::attribution::{
    AttributionConfig, AttributionLevel, AttributionModel, JourneyBook, attribute, attribute_models,
};

fn main() {
    divan::main();
}

/// The default company has ~3,200 lead journeys over 50 campaigns; campaigns grow with the
/// square root of the company's size.
const TEN_X_JOURNEYS: usize = 32_000;
const TEN_X_CAMPAIGNS: usize = 158;
const MILLION: usize = 1_000_000;

fn book(spec: SyntheticSpec) -> JourneyBook {
    match synthetic_journeys(&spec) {
        Ok(synthetic) => synthetic.book,
        Err(e) => panic!("synthetic journeys: {e}"),
    }
}

static TEN_X: LazyLock<JourneyBook> = LazyLock::new(|| {
    book(SyntheticSpec {
        campaigns: TEN_X_CAMPAIGNS,
        in_progress_share: 0.06,
        ..SyntheticSpec::new(TEN_X_JOURNEYS, 1)
    })
});

static A_MILLION: LazyLock<JourneyBook> = LazyLock::new(|| book(SyntheticSpec::new(MILLION, 2)));

const LEVELS: [AttributionLevel; 2] = [AttributionLevel::Campaign, AttributionLevel::Channel];

#[divan::bench(args = LEVELS, sample_count = 20)]
fn all_models_ten_x_company(bencher: Bencher, level: AttributionLevel) {
    let config = AttributionConfig::new(level);
    let book = &*TEN_X;
    bencher.bench(|| attribute(book, &config).map(|r| r.models.len()));
}

#[divan::bench(args = AttributionModel::ALL, sample_count = 20)]
fn each_model_ten_x_company_by_campaign(bencher: Bencher, model: AttributionModel) {
    let config = AttributionConfig::new(AttributionLevel::Campaign);
    let book = &*TEN_X;
    bencher.bench(|| attribute_models(book, &config, &[model]).map(|r| r.models.len()));
}

#[divan::bench(args = LEVELS, sample_count = 10)]
fn markov_million_paths(bencher: Bencher, level: AttributionLevel) {
    let config = AttributionConfig::new(level);
    let book = &*A_MILLION;
    let markov = [AttributionModel::Markov];
    bencher.bench(|| attribute_models(book, &config, &markov).map(|r| r.models.len()));
}

#[divan::bench(args = LEVELS, sample_count = 5)]
fn all_models_million_paths(bencher: Bencher, level: AttributionLevel) {
    let config = AttributionConfig::new(level);
    let book = &*A_MILLION;
    bencher.bench(|| attribute(book, &config).map(|r| r.models.len()));
}
