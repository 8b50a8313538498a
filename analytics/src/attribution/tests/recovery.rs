//! Recovery on synthetic journeys whose campaigns add a known lift to the conversion logit,
//! whatever their order: the order-free data-driven model should rank campaigns by lift
//! better than last touch. Also checks the synthetic generator is seeded.

use super::super::synthetic::{SyntheticSpec, synthetic_journeys};
use super::*;
use crate::stats::spearman;

/// Rank correlation of credited conversions per journey touched with the true lift, per model.
fn recovery(seed: u64, models: &[AttributionModel]) -> Vec<f64> {
    let spec = SyntheticSpec {
        campaigns: 40,
        ..SyntheticSpec::new(40_000, seed)
    };
    let synthetic = synthetic_journeys(&spec).unwrap();
    let config = AttributionConfig::new(AttributionLevel::Campaign);
    let report = attribute_models(&synthetic.book, &config, models).unwrap();
    report
        .models
        .iter()
        .map(|m| {
            let per_journey: Vec<f64> = m
                .credits
                .iter()
                .zip(&report.influence)
                .map(|(c, i)| c.conversions / i.journeys.max(1) as f64)
                .collect();
            spearman(&per_journey, &synthetic.lift).unwrap()
        })
        .collect()
}

#[test]
fn shapley_ranks_synthetic_lift_better_than_last_touch() {
    let models = [AttributionModel::Shapley, AttributionModel::LastTouch];
    let runs: Vec<Vec<f64>> = [17, 18, 19]
        .into_iter()
        .map(|s| recovery(s, &models))
        .collect();
    let mean = |i: usize| runs.iter().map(|r| r[i]).sum::<f64>() / runs.len() as f64;
    assert!(
        mean(0) > mean(1) + 0.05,
        "shapley {:.3} vs last touch {:.3}",
        mean(0),
        mean(1)
    );
}

#[test]
fn synthetic_books_repeat_for_a_seed() {
    let a = synthetic_journeys(&SyntheticSpec::new(500, 3)).unwrap();
    let b = synthetic_journeys(&SyntheticSpec::new(500, 3)).unwrap();
    let c = synthetic_journeys(&SyntheticSpec::new(500, 4)).unwrap();
    assert_eq!(a.book, b.book);
    assert_ne!(a.book, c.book);
    assert_eq!(a.lift.len(), a.book.campaigns().len());
}
