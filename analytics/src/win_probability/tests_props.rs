//! Property tests of the win model's invariants on random histories: probabilities stay in
//! [0, 1], drivers add up to the prediction, and no boosting round raises the training loss.

use proptest::prelude::*;

use super::tests::{quick_config, synthetic_rows};
use super::*;

fn small_config(learning_rate: f64, l2: f64, min_leaf: usize, leaves: usize) -> WinModelConfig {
    let mut config = quick_config();
    config.boosting = BoostingConfig {
        learning_rate,
        l2_regularization: l2,
        min_samples_leaf: min_leaf,
        max_leaves: leaves,
        max_depth: 4,
        max_iterations: 25,
        ..BoostingConfig::default()
    };
    config.ensemble_members = 2;
    config.minimum_history = MinimumHistory { won: 5, lost: 5 };
    config
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn probabilities_stay_in_the_unit_interval(
        seed in 0u64..1000,
        noise in 0.2f64..3.0,
        learning_rate in 0.05f64..1.0,
    ) {
        let rows = synthetic_rows(150, seed, noise);
        let model = WinProbabilityModel::train(&rows, &small_config(learning_rate, 0.0, 3, 16))
            .unwrap();
        let probes = synthetic_rows(40, seed + 1, noise);
        let features: Vec<DealFeatures> = probes.iter().map(|r| r.features.clone()).collect();
        let batch = model.probabilities(&features);
        for (r, p) in probes.iter().zip(&batch) {
            prop_assert!((model.probability(&r.features) - p).abs() < 1e-12);
        }
        for r in &probes {
            let p = model.probability(&r.features);
            prop_assert!((0.0..=1.0).contains(&p), "{p}");
            let s = model.score(&r.deal_id, &r.features);
            prop_assert!((0.0..=1.0).contains(&s.confidence.score));
            prop_assert!((0.0..=1.0).contains(&s.base_probability));
        }
    }

    #[test]
    fn drivers_sum_to_the_raw_score_and_to_the_probability_move(
        seed in 0u64..1000,
        noise in 0.2f64..3.0,
        thin in any::<bool>(),
    ) {
        let rows = synthetic_rows(if thin { 40 } else { 200 }, seed, noise);
        let mut config = small_config(0.3, 1.0, 5, 8);
        if thin {
            config.minimum_history = MinimumHistory { won: 50, lost: 150 };
        }
        let model = WinProbabilityModel::train(&rows, &config).unwrap();
        for r in synthetic_rows(30, seed + 7, noise) {
            let s = model.score(&r.deal_id, &r.features);
            let drivers = s.drivers_up.iter().chain(&s.drivers_down);
            let log_odds: f64 = drivers.clone().map(|d| d.log_odds).sum();
            let points: f64 = drivers.clone().map(|d| d.probability_points).sum();
            prop_assert!((s.base_log_odds + log_odds - s.raw_log_odds).abs() < 1e-9);
            prop_assert!((s.raw_log_odds - model.raw_log_odds(&r.features)).abs() < 1e-12);
            prop_assert!((s.base_probability + points - s.probability).abs() < 1e-9);
            prop_assert!((s.probability - model.probability(&r.features)).abs() < 1e-12);
            for d in drivers {
                prop_assert!(d.log_odds * d.probability_points >= 0.0);
            }
        }
    }

    #[test]
    fn no_boosting_round_raises_the_training_loss(
        seed in 0u64..1000,
        noise in 0.05f64..3.0,
        learning_rate in 0.05f64..1.0,
        l2 in 0.0f64..5.0,
        min_leaf in 1usize..20,
        leaves in 2usize..32,
    ) {
        let rows = synthetic_rows(120, seed, noise);
        let mut config = small_config(learning_rate, l2, min_leaf, leaves);
        config.ensemble_members = 0;
        let model = WinProbabilityModel::train(&rows, &config).unwrap();
        let losses = &model.summary().training_loss;
        prop_assert_eq!(losses.len(), model.summary().trees + 1);
        for w in losses.windows(2) {
            prop_assert!(w[1] <= w[0] + 1e-12, "{losses:?}");
        }
    }
}
