//! Tests of the win model as a whole: tiny separable data, the fallback path, determinism,
//! similar deals, config checks; the invariants under random inputs live in `tests_props`.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::stats::auc;

/// A random deal; `won` follows a known logistic model of a few features when `noise` is
/// finite (larger = noisier), or a hard rule (`engaged_contacts >= 3`) when it is zero.
pub(super) fn synthetic_row(rng: &mut ChaCha8Rng, id: usize, noise: f64) -> TrainingRow {
    let contacts: u32 = rng.random_range(1..=6);
    let competitor = rng.random_bool(0.5);
    let exec = rng.random_bool(0.4).then(|| rng.random_range(0.0..60.0));
    let owner = rng.random_bool(0.9).then(|| rng.random_range(0.1..0.7));
    let features = DealFeatures {
        stage: OpenStage::ALL[rng.random_range(0..5)],
        deal_type: DealType::ALL[rng.random_range(0..3)],
        segment: Segment::ALL[rng.random_range(0..3)],
        forecast_call: ForecastCall::ALL[rng.random_range(0..3)],
        age_days: rng.random_range(1.0..300.0),
        days_in_stage: rng.random_range(0.0..90.0),
        days_to_expected_close: Some(rng.random_range(-30.0..120.0)),
        amount_vs_segment_norm: Some(rng.random_range(0.2..3.0)),
        amount_vs_initial: rng.random_bool(0.9).then(|| rng.random_range(0.7..1.2)),
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
    let won = if noise == 0.0 {
        contacts >= 3
    } else {
        let logit = 0.8 * (f64::from(contacts) - 3.0) + if exec.is_some() { 1.2 } else { -0.5 }
            - if competitor { 0.9 } else { 0.0 }
            + 3.0 * (owner.unwrap_or(0.4) - 0.4);
        rng.random::<f64>() < 1.0 / (1.0 + (-logit / noise).exp())
    };
    TrainingRow {
        deal_id: format!("D-{id:05}"),
        features,
        won,
    }
}

pub(super) fn synthetic_rows(n: usize, seed: u64, noise: f64) -> Vec<TrainingRow> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n).map(|i| synthetic_row(&mut rng, i, noise)).collect()
}

/// A config small enough for debug-build tests.
pub(super) fn quick_config() -> WinModelConfig {
    WinModelConfig {
        boosting: BoostingConfig {
            max_iterations: 60,
            learning_rate: 0.2,
            ..BoostingConfig::default()
        },
        ensemble_members: 3,
        minimum_history: MinimumHistory { won: 20, lost: 20 },
        ..WinModelConfig::default()
    }
}

#[test]
fn learns_a_separable_rule_and_ranks_unseen_deals_perfectly() {
    let train = synthetic_rows(600, 1, 0.0);
    let model = WinProbabilityModel::train(&train, &quick_config()).unwrap();
    assert_eq!(model.method(), ScoringMethod::GradientBoostedTrees);
    let test = synthetic_rows(300, 2, 0.0);
    let p: Vec<f64> = test
        .iter()
        .map(|r| model.probability(&r.features))
        .collect();
    let won: Vec<bool> = test.iter().map(|r| r.won).collect();
    assert_eq!(auc(&p, &won), Some(1.0));
    let top = &model.summary().feature_importance[0];
    assert_eq!(top.feature, FeatureId::EngagedContacts);
    let score = model.score("new", &test[0].features);
    let drivers: Vec<FeatureId> = score
        .drivers_up
        .iter()
        .chain(&score.drivers_down)
        .map(|d| d.feature)
        .collect();
    assert_eq!(
        drivers.first(),
        Some(&FeatureId::EngagedContacts),
        "{score:#?}"
    );
}

#[test]
fn a_thin_history_falls_back_to_smoothed_stage_and_segment_rates() {
    let rows = synthetic_rows(60, 3, 1.0);
    let model = WinProbabilityModel::train(&rows, &WinModelConfig::default()).unwrap();
    assert_eq!(model.method(), ScoringMethod::StageSegmentRates);
    let thin = model.summary().insufficient_history.unwrap();
    assert_eq!(thin.won + thin.lost, 60);
    assert!(thin.won < 50 || thin.lost < 150);
    let probe = &rows[0].features;
    let cell: Vec<bool> = rows
        .iter()
        .filter(|r| r.features.stage == probe.stage && r.features.segment == probe.segment)
        .map(|r| r.won)
        .collect();
    let won = cell.iter().filter(|&&w| w).count() as f64;
    let expected = (won + 1.0) / (cell.len() as f64 + 2.0);
    let score = model.score(&rows[0].deal_id, probe);
    assert!((score.probability - expected).abs() < 1e-12);
    assert_eq!(score.method, ScoringMethod::StageSegmentRates);
    assert_eq!(score.insufficient_history, Some(thin));
    assert_eq!(score.confidence.label, ConfidenceLabel::Low);
    let total: f64 = score
        .drivers_up
        .iter()
        .chain(&score.drivers_down)
        .map(|d| d.log_odds)
        .sum();
    assert!((score.base_log_odds + total - score.raw_log_odds).abs() < 1e-9);
    assert!(
        score
            .drivers_up
            .iter()
            .chain(&score.drivers_down)
            .all(|d| { matches!(d.feature, FeatureId::Stage | FeatureId::Segment) })
    );
}

#[test]
fn the_same_seed_gives_the_same_model_and_another_seed_does_not() {
    let rows = synthetic_rows(400, 4, 1.0);
    let config = quick_config();
    // Missing values are NaN inside the model (NaN != NaN), so compare the serialised form,
    // which writes every float exactly.
    let json = |m: &WinProbabilityModel| serde_json::to_string(m).unwrap();
    let a = WinProbabilityModel::train(&rows, &config).unwrap();
    let b = WinProbabilityModel::train(&rows, &config).unwrap();
    assert!(json(&a) == json(&b), "same seed, different models");
    assert_eq!(
        a.score("x", &rows[5].features),
        b.score("x", &rows[5].features)
    );
    let other = WinModelConfig {
        seed: config.seed + 1,
        ..config
    };
    let c = WinProbabilityModel::train(&rows, &other).unwrap();
    assert!(
        json(&a) != json(&c),
        "another seed should change the splits"
    );
}

#[test]
fn similar_deals_are_distinct_other_deals_nearest_first() {
    let mut rows = synthetic_rows(300, 5, 1.0);
    // A second snapshot of deal 0, so it has two rows in the history.
    let mut again = rows[0].clone();
    again.features.age_days += 30.0;
    rows.push(again);
    let model = WinProbabilityModel::train(&rows, &quick_config()).unwrap();
    let score = model.score(&rows[0].deal_id, &rows[0].features);
    let ids: Vec<&str> = score
        .similar_deals
        .iter()
        .map(|s| s.deal_id.as_str())
        .collect();
    assert_eq!(ids.len(), 5);
    assert!(!ids.contains(&rows[0].deal_id.as_str()));
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    for w in score.similar_deals.windows(2) {
        assert!(w[0].distance <= w[1].distance);
    }
    for s in &score.similar_deals {
        let truth = rows.iter().find(|r| r.deal_id == s.deal_id).unwrap().won;
        assert_eq!(s.outcome == PastOutcome::Won, truth);
    }
}

#[test]
fn early_stopping_keeps_few_trees_on_pure_noise() {
    let mut rows = synthetic_rows(800, 6, 1.0);
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    for r in &mut rows {
        r.won = rng.random_bool(0.3);
    }
    let config = WinModelConfig {
        boosting: BoostingConfig {
            max_iterations: 200,
            patience: 10,
            ..BoostingConfig::default()
        },
        ensemble_members: 0,
        refit_on_all_deals: false,
        ..quick_config()
    };
    let model = WinProbabilityModel::train(&rows, &config).unwrap();
    let summary = model.summary();
    assert!(summary.trees < 60, "{} trees", summary.trees);
    let best = summary.validation_loss[summary.trees];
    assert!(
        summary
            .validation_loss
            .iter()
            .all(|&l| l >= best - 1e-12 - config.boosting.tolerance)
    );
}

#[test]
fn bad_configs_and_empty_histories_are_refused() {
    let rows = synthetic_rows(10, 7, 1.0);
    let mut config = WinModelConfig::default();
    config.boosting.learning_rate = 0.0;
    assert!(matches!(
        WinProbabilityModel::train(&rows, &config),
        Err(WinProbabilityError::InvalidConfig {
            setting: "boosting.learning_rate",
            ..
        })
    ));
    assert_eq!(
        WinProbabilityModel::train(&[], &WinModelConfig::default()),
        Err(WinProbabilityError::NoClosedDeals)
    );
}

#[test]
fn features_sit_in_their_declared_matrix_columns() {
    let row = synthetic_rows(1, 8, 1.0).remove(0).features;
    let vector = row.to_vector();
    for (i, feature) in FeatureId::ALL.iter().enumerate() {
        assert_eq!(feature.index(), i);
        let (a, b) = (vector[i], row.value(*feature));
        assert!(a == b || (a.is_nan() && b.is_nan()), "{feature:?}");
    }
    let keys: std::collections::BTreeSet<&str> = FeatureId::ALL.iter().map(|f| f.key()).collect();
    assert_eq!(keys.len(), FEATURE_COUNT);
}
