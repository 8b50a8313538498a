//! Shapley values worked out by hand, and the sampled approximation against the exact one.

use super::*;

/// {a}: 2 journeys, 1 won ($100); {b}: 4 journeys, 1 won ($200); {a, b}: 2 journeys, both won
/// ($500 each).
fn book() -> JourneyBook {
    JourneyBook::new(
        campaigns(&["a", "b"]),
        vec![
            won(&[0], 100),
            lost(&[0]),
            won(&[1], 200),
            lost(&[1]),
            lost(&[1]),
            lost(&[1]),
            won(&[0, 1], 500),
            won(&[1, 0], 500),
        ],
    )
    .unwrap()
}

#[test]
fn two_key_game_by_hand() {
    let (va, vb, vab) = (1.0 / 2.0, 1.0 / 4.0, 1.0);
    let phi_a = 0.5 * va + 0.5 * (vab - vb);
    let phi_b = 0.5 * vb + 0.5 * (vab - va);
    let share_a = phi_a / (phi_a + phi_b);
    let credits = run(&book(), AttributionModel::Shapley).credits;
    assert!((credits[0].conversions - (1.0 + 2.0 * share_a)).abs() < 1e-12);
    assert!((credits[1].conversions - (1.0 + 2.0 * (1.0 - share_a))).abs() < 1e-12);
    assert!((credits[0].fractional_revenue - (100.0 + 1_000.0 * share_a)).abs() < 1e-9);
    assert_eq!(credits[0].revenue + credits[1].revenue, 1_300);
}

#[test]
fn sampling_approaches_the_exact_values() {
    let mut journeys = vec![won(&[0, 1, 2], 900), lost(&[0, 1, 2])];
    journeys.extend([
        won(&[0], 10),
        lost(&[1]),
        lost(&[1]),
        won(&[2], 10),
        won(&[0, 2], 10),
    ]);
    let book = JourneyBook::new(campaigns(&["a", "b", "c"]), journeys).unwrap();
    let mut config = AttributionConfig::new(AttributionLevel::Campaign);
    let exact = attribute_models(&book, &config, &[AttributionModel::Shapley]).unwrap();
    config.shapley.exact_max_keys = 1;
    config.shapley.samples = 20_000;
    let sampled = attribute_models(&book, &config, &[AttributionModel::Shapley]).unwrap();
    for (e, s) in exact.models[0]
        .credits
        .iter()
        .zip(&sampled.models[0].credits)
    {
        assert!(
            (e.conversions - s.conversions).abs() < 0.02,
            "{e:?} vs {s:?}"
        );
    }
    let again = attribute_models(&book, &config, &[AttributionModel::Shapley]).unwrap();
    assert_eq!(sampled, again);
}

#[test]
fn a_key_that_converts_better_earns_more_than_linear_gives_it() {
    let linear = run(&book(), AttributionModel::Linear).credits;
    let shapley = run(&book(), AttributionModel::Shapley).credits;
    assert!(shapley[0].conversions > linear[0].conversions);
}
