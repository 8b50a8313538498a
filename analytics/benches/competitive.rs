//! Benchmarks of competitive intelligence and churn at 10× the default demo company (seed 42,
//! 600 accounts, today 2025-05-14), whose texts are 89,081 passages — transcript turns, email
//! bodies, meeting notes, ticket comments — of 12.0 MB, 2,174 (2.4%) of them naming a competitor,
//! and whose 489 customers give 459 resolved account-renewals to its churn train and test splits.
//!
//! - mention extraction and sentence sentiment over 890,000 passages of synthetic text of the
//!   same shape (113.6 MB: one to three sentences each, about 2.7% naming a competitor by
//!   canonical name, alias, lower case, possessive or light misspelling);
//! - churn scoring of 6,000 accounts (features from 52 weeks of usage, tickets, executive
//!   engagement and displacement mentions, then the explained score and renewal-risk alerts),
//!   and training on 4,600 past renewals.
//!
//! Inputs are synthetic because analytics cannot depend on the generator.

use chrono::{Duration, NaiveDate};
use divan::counter::{BytesCount, ItemsCount};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use revpulse_analytics::competitive::alerts::{AlertPolicy, ScoredRenewal, renewal_risk_alerts};
use revpulse_analytics::competitive::churn::{ChurnExample, ChurnModel};
use revpulse_analytics::competitive::churn_features::{
    AccountSignals, ChurnFeatureRow, FEATURE_COUNT, FeatureWindows, TicketSignal, UsageWeek,
    churn_features,
};
use revpulse_analytics::competitive::logistic::LogisticConfig;
use revpulse_analytics::competitive::matcher::{CompetitorMatcher, CompetitorName};
use revpulse_analytics::competitive::mentions::{Passage, TextSource, extract_mentions};
use revpulse_analytics::competitive::sentiment::score_passage;

/// Passages at 10× the default company.
const PASSAGES: usize = 890_000;
/// Accounts at 10× the default company.
const ACCOUNTS: usize = 6_000;
/// Resolved account-renewals at 10× the default company.
const RENEWALS: usize = 4_600;

fn main() {
    divan::main();
}

const NEUTRAL: &[&str] = &[
    "Thanks for walking us through the forecast view earlier today.",
    "Can you send the security questionnaire before Friday?",
    "Our RevOps team will own the Salesforce integration during rollout.",
    "The export of the pipeline dashboard is short by about 240 rows.",
    "We need the board to sign off before the end of the quarter.",
    "Honestly the onboarding was smooth and the team is happy with it.",
    "This is the third time the sync failed this month, which is frustrating.",
    "Let's book thirty minutes next week to agree the next steps.",
    "Procurement is slow here, so expect the paperwork to take a while.",
    "The dashboards are great, but the mobile app is not reliable yet.",
];

const COMPETITIVE: &[&str] = &[
    "{c} quoted us 20% less for the same seat count.",
    "We're migrating off {c} before our renewal.",
    "{c} has that out of the box, for what it's worth.",
    "We're also evaluating {c} alongside you.",
    "{c}'s rep keeps calling me since the demo.",
];

fn catalogue() -> Vec<CompetitorName> {
    let entry = |name: &str, aliases: &[&str]| CompetitorName {
        name: name.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    };
    vec![
        entry("Brightlane", &["Brightlane.io", "Bright Lane", "BL"]),
        entry("Corvalis", &["Corvalis Cloud", "Corv", "Corvalis AI"]),
        entry("Kestrelio", &["Kestrel", "Kestrel.io", "Kestrelio HQ"]),
        entry("Orrin Data", &["Orrin", "OrrinDB", "Orrin Data Cloud"]),
        entry("Vantora", &["Vantora Suite", "VTR", "Vantora Cloud"]),
    ]
}

/// A spoken form of a competitor name: canonical or alias, sometimes lower-cased or misspelled.
fn spoken_name(rng: &mut ChaCha8Rng, catalogue: &[CompetitorName]) -> String {
    let c = &catalogue[rng.random_range(0..catalogue.len())];
    let mut name = if rng.random_bool(0.35) {
        c.aliases[rng.random_range(0..c.aliases.len())].clone()
    } else {
        c.name.clone()
    };
    if rng.random_bool(0.15) {
        name = name.to_lowercase();
    }
    if rng.random_bool(0.05) && name.len() > 6 && name.is_ascii() {
        name.insert(3, name.as_bytes()[3] as char);
    }
    name
}

fn texts() -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let catalogue = catalogue();
    (0..PASSAGES)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..rng.random_range(1..=3) {
                if !text.is_empty() {
                    text.push(' ');
                }
                if rng.random_bool(0.0135) {
                    let template = COMPETITIVE[rng.random_range(0..COMPETITIVE.len())];
                    text.push_str(&template.replace("{c}", &spoken_name(&mut rng, &catalogue)));
                } else {
                    text.push_str(NEUTRAL[rng.random_range(0..NEUTRAL.len())]);
                }
            }
            text
        })
        .collect()
}

fn passages(texts: &[String]) -> Vec<Passage<'_>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| Passage {
            source: TextSource::Transcript,
            source_id: "TR-000001",
            passage_index: i,
            text,
        })
        .collect()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn mention_extraction_10x(bencher: divan::Bencher) {
    let texts = texts();
    let passages = passages(&texts);
    let matcher = CompetitorMatcher::new(&catalogue())
        .unwrap_or_else(|e| panic!("{e}"))
        .protecting(["Brightland Connect"]);
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let found: usize = passages
            .iter()
            .map(|p| extract_mentions(&matcher, p).len())
            .sum();
        divan::black_box(found)
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn sentence_sentiment_10x(bencher: divan::Bencher) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let total: f64 = texts.iter().map(|t| score_passage(t).score).sum();
        divan::black_box(total)
    });
}

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
}

/// One account's raw signals over a year, with a random health.
fn account(rng: &mut ChaCha8Rng) -> AccountSignals {
    let seats = f64::from(rng.random_range(10..500));
    let start = rng.random_range(0.3..0.9);
    let slope = rng.random_range(-0.01..0.01);
    let usage = (0..52)
        .map(|w| UsageWeek {
            week_start: day0() + Duration::weeks(w),
            active_users: (seats * (start + slope * w as f64))
                .clamp(0.0, seats)
                .round(),
            licensed_seats: seats,
        })
        .collect();
    let tickets = (0..rng.random_range(0..10))
        .map(|_| TicketSignal {
            opened_on: day0() + Duration::days(rng.random_range(0..364)),
            sentiment: rng.random_range(-1.0..1.0),
        })
        .collect();
    let days = |rng: &mut ChaCha8Rng, n: u32| -> Vec<NaiveDate> {
        (0..rng.random_range(0..n))
            .map(|_| day0() + Duration::days(rng.random_range(0..364)))
            .collect()
    };
    AccountSignals {
        usage,
        tickets,
        exec_engagements: days(rng, 5),
        displacement_mentions: days(rng, 2),
    }
}

fn as_of() -> NaiveDate {
    day0() + Duration::days(364)
}

fn trained_model(rng: &mut ChaCha8Rng) -> ChurnModel {
    let examples = training(rng);
    ChurnModel::train(&examples, &LogisticConfig::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn training(rng: &mut ChaCha8Rng) -> Vec<ChurnExample> {
    (0..RENEWALS)
        .map(|_| {
            let values: [f64; FEATURE_COUNT] = std::array::from_fn(|_| rng.random_range(-1.0..1.0));
            let logit = -1.5 - 2.0 * values[0] + values[2];
            let churned = rng.random_bool(1.0 / (1.0 + (-logit).exp()));
            ChurnExample {
                features: ChurnFeatureRow { values },
                churned,
            }
        })
        .collect()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn churn_scoring_10x(bencher: divan::Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let model = trained_model(&mut rng);
    let accounts: Vec<AccountSignals> = (0..ACCOUNTS).map(|_| account(&mut rng)).collect();
    let windows = FeatureWindows::default();
    bencher.counter(ItemsCount::new(ACCOUNTS)).bench(|| {
        let renewal = as_of() + Duration::days(60);
        let scored: Vec<ScoredRenewal> = accounts
            .iter()
            .enumerate()
            .map(|(i, signals)| ScoredRenewal {
                account_id: format!("ACC-{i:05}"),
                contract_ids: Vec::new(),
                renewal_date: renewal,
                arr: 50_000,
                score: model.score(&churn_features(signals, as_of(), renewal, &windows)),
            })
            .collect();
        divan::black_box(renewal_risk_alerts(&scored, as_of(), &AlertPolicy::default()).len())
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn churn_training_10x(bencher: divan::Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let examples = training(&mut rng);
    bencher.bench(|| {
        divan::black_box(
            ChurnModel::train(&examples, &LogisticConfig::default()).map(|m| m.trained_on),
        )
    });
}
