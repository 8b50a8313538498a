//! The Markov model on tiny chains whose removal effects are worked out by hand.

use proptest::prelude::*;

use super::super::chain::{Chain, build_chain};
use super::super::direct::direct_removal_effects;
use super::super::keys::KeySpace;
use super::super::markov::iterative_removal_effects;
use super::*;

fn report(book: &JourneyBook) -> AttributionReport {
    let config = AttributionConfig::new(AttributionLevel::Campaign);
    attribute_models(book, &config, &[AttributionModel::Markov]).unwrap()
}

fn effects(report: &AttributionReport) -> Vec<[f64; 2]> {
    let summary = report.markov.as_ref().unwrap();
    summary
        .removal_effects
        .iter()
        .map(|e| [e.conversions, e.revenue])
        .collect()
}

#[test]
fn textbook_chain_removal_effects() {
    // c0 > c1 > c2 converts; c0 stops; c1 > c2 stops. From the start: c0 with 2/3, c1 with
    // 1/3; c0 goes on to c1 half the time; c2 converts half the time.
    let book = JourneyBook::new(
        campaigns(&["a", "b", "c"]),
        vec![won(&[0, 1, 2], 600), lost(&[0]), lost(&[1, 2])],
    )
    .unwrap();
    let via_c0 = 2.0 / 3.0 * 0.5 * 1.0 * 0.5;
    let via_c1 = 1.0 / 3.0 * 1.0 * 0.5;
    let p = via_c0 + via_c1;
    let expected = [1.0 - via_c1 / p, 1.0, 1.0];
    let r = report(&book);
    assert!((r.markov.as_ref().unwrap().conversion_probability - p).abs() < 1e-12);
    for (e, x) in effects(&r).iter().zip(expected) {
        assert!(
            (e[0] - x).abs() < 1e-12 && (e[1] - x).abs() < 1e-12,
            "{e:?} vs {x}"
        );
    }
    let total: f64 = expected.iter().sum();
    for (credit, x) in r.models[0].credits.iter().zip(expected) {
        assert!((credit.conversions - x / total).abs() < 1e-12);
        assert!((credit.fractional_revenue - 600.0 * x / total).abs() < 1e-9);
    }
}

#[test]
fn loops_are_solved_exactly() {
    // c0 > c1 > c0 converts; c0 stops; c1 stops. c0 → {c1, conversion, null} a third each,
    // c1 → {c0, null} half each: h0 = 1/3 + 1/3 · 1/2 · h0, a geometric series.
    let book = JourneyBook::new(
        campaigns(&["a", "b"]),
        vec![won(&[0, 1, 0], 100), lost(&[0]), lost(&[1])],
    )
    .unwrap();
    let h0 = (1.0 / 3.0) / (1.0 - 1.0 / 3.0 * 0.5);
    let h1 = 0.5 * h0;
    let p = 2.0 / 3.0 * h0 + 1.0 / 3.0 * h1;
    // Without c1, c0 converts with 1/3 and c1's entry is lost; without c0 nothing converts.
    let without_c1 = 2.0 / 3.0 * (1.0 / 3.0);
    let expected = [1.0, 1.0 - without_c1 / p];
    let r = report(&book);
    assert!((r.markov.as_ref().unwrap().conversion_probability - p).abs() < 1e-12);
    for (e, x) in effects(&r).iter().zip(expected) {
        assert!((e[0] - x).abs() < 1e-12, "{e:?} vs {x}");
    }
}

#[test]
fn revenue_follows_the_value_chain() {
    // a converts alone for $100; a > b converts for $300; b alone stops. Value collected on
    // converting from a state is the mean revenue of conversions last touched there.
    let book = JourneyBook::new(
        campaigns(&["a", "b"]),
        vec![won(&[0], 100), won(&[0, 1], 300), lost(&[1])],
    )
    .unwrap();
    let g_b = 0.5 * 300.0;
    let g_a = 0.5 * 100.0 + 0.5 * g_b;
    let g = 2.0 / 3.0 * g_a + 1.0 / 3.0 * g_b;
    let value_effect = [
        1.0 - (1.0 / 3.0 * g_b) / g,
        1.0 - (2.0 / 3.0 * 0.5 * 100.0) / g,
    ];
    let h_b = 0.5;
    let h_a = 0.5 + 0.5 * h_b;
    let h = 2.0 / 3.0 * h_a + 1.0 / 3.0 * h_b;
    let conversion_effect = [1.0 - (1.0 / 3.0 * h_b) / h, 1.0 - (2.0 / 3.0 * 0.5) / h];
    let r = report(&book);
    let credits = &r.models[0].credits;
    let value_total: f64 = value_effect.iter().sum();
    let conversion_total: f64 = conversion_effect.iter().sum();
    for k in 0..2 {
        let revenue = 400.0 * value_effect[k] / value_total;
        let conversions = 2.0 * conversion_effect[k] / conversion_total;
        assert!((credits[k].fractional_revenue - revenue).abs() < 1e-9);
        assert!((credits[k].conversions - conversions).abs() < 1e-12);
    }
    assert_eq!(credits[0].revenue + credits[1].revenue, 400);
}

#[test]
fn unvisited_keys_and_in_progress_journeys_get_nothing() {
    let mut pending = won(&[2], 5_000);
    pending.outcome = JourneyOutcome::InProgress;
    let book = JourneyBook::new(
        campaigns(&["a", "b", "c"]),
        vec![won(&[0], 100), lost(&[0]), pending],
    )
    .unwrap();
    let r = report(&book);
    let credits = &r.models[0].credits;
    assert_eq!(
        (credits[0].revenue, credits[1].revenue, credits[2].revenue),
        (100, 0, 0)
    );
    assert_eq!(r.influence[2].journeys, 1);
}

fn chain_of(book: &JourneyBook) -> Chain {
    build_chain(book, &KeySpace::new(book, AttributionLevel::Campaign))
}

#[test]
fn a_solve_that_cannot_settle_is_an_error() {
    let book = JourneyBook::new(
        campaigns(&["a", "b"]),
        vec![won(&[0, 1, 0, 1, 0], 100), lost(&[1, 0, 1])],
    )
    .unwrap();
    let config = MarkovConfig {
        max_sweeps: 1,
        ..MarkovConfig::default()
    };
    let outcome = iterative_removal_effects(&chain_of(&book), &config);
    assert_eq!(
        outcome.unwrap_err(),
        AttributionError::MarkovNotConverged(1)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn direct_and_iterative_solves_agree(
        paths in prop::collection::vec((prop::collection::vec(0u32..6, 1..7), any::<bool>(), 1i64..90_000), 1..60)
    ) {
        let journeys = paths
            .iter()
            .map(|(p, w, revenue)| if *w { won(p, *revenue) } else { lost(p) })
            .collect();
        let book = JourneyBook::new(campaigns(&["a", "b", "c", "d", "e", "f"]), journeys).unwrap();
        let chain = chain_of(&book);
        let (start, direct) = direct_removal_effects(&chain).unwrap();
        let (start_iter, iterative) = iterative_removal_effects(&chain, &MarkovConfig::default()).unwrap();
        for c in 0..2 {
            prop_assert!((start[c] - start_iter[c]).abs() <= 1e-10 * start[c].abs().max(1.0));
        }
        for (d, i) in direct.iter().zip(&iterative) {
            prop_assert!((d[0] - i[0]).abs() < 1e-9 && (d[1] - i[1]).abs() < 1e-9, "{d:?} vs {i:?}");
        }
    }
}
