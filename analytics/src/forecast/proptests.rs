//! Property tests of the forecast's invariants: adding a deal never lowers the simulated range
//! or the expectation; P10 ≤ P50 ≤ P90; roll-up groups add up to the total; shortfall parts add
//! up; conversion rates stay in [0, 1].

use std::collections::BTreeMap;

use chrono::Duration;
use proptest::prelude::*;

use super::deal::{ForecastCategory, ForecastDeal, Probability};
use super::funnel::{ConversionBasis, FunnelConfig, FunnelEntry, funnel_stats};
use super::gap::rank_shortfall;
use super::rollup::{rollup, rollup_by_label};
use super::simulation::{Simulation, SimulationConfig};
use super::test_support::{day, quarter};

const CATEGORIES: [ForecastCategory; 5] = [
    ForecastCategory::Pipeline,
    ForecastCategory::BestCase,
    ForecastCategory::Commit,
    ForecastCategory::Closed,
    ForecastCategory::Omitted,
];

fn arb_deal() -> impl Strategy<Value = ForecastDeal> {
    (
        0i64..1_000_000,
        0usize..5,
        0.0f64..=1.0,
        0.0f64..=1.0,
        0usize..4,
        -20i64..110,
    )
        .prop_map(|(amount, c, win, slip, region, offset)| ForecastDeal {
            id: format!("D{amount}-{c}-{region}-{offset}"),
            amount,
            category: CATEGORIES[c],
            close_date: quarter().start() + Duration::days(offset),
            win_probability: Probability::clamped(win),
            slip_probability: Probability::clamped(slip),
            labels: [("region".to_string(), format!("R{region}"))].into(),
        })
}

fn sim(deals: &[ForecastDeal], seed: u64) -> Simulation {
    let config = SimulationConfig {
        iterations: 400,
        seed,
    };
    Simulation::run(deals, quarter(), config).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn adding_a_deal_never_lowers_the_forecast(
        deals in prop::collection::vec(arb_deal(), 0..25),
        extra in arb_deal(),
        seed in any::<u64>(),
    ) {
        let before = sim(&deals, seed).range();
        let mut more = deals.clone();
        more.push(extra);
        let after = sim(&more, seed).range();
        prop_assert!(after.p10 >= before.p10);
        prop_assert!(after.p50 >= before.p50);
        prop_assert!(after.p90 >= before.p90);
        prop_assert!(after.mean >= before.mean - 1e-6);
        prop_assert!(rollup(&more, quarter()).model_expected >= rollup(&deals, quarter()).model_expected - 1e-6);
    }

    #[test]
    fn quantiles_are_ordered_and_bounded(deals in prop::collection::vec(arb_deal(), 0..25), seed in any::<u64>()) {
        let r = sim(&deals, seed).range();
        let totals = rollup(&deals, quarter());
        prop_assert!(r.p10 <= r.p50 && r.p50 <= r.p90);
        prop_assert!(r.p10 >= totals.closed as f64);
        prop_assert!(r.p90 <= (totals.closed + totals.open_pipeline()) as f64);
    }

    #[test]
    fn groups_add_up_to_the_total(deals in prop::collection::vec(arb_deal(), 0..40)) {
        let total = rollup(&deals, quarter());
        let groups = rollup_by_label(&deals, quarter(), "region");
        let sum = |f: fn(&super::rollup::Rollup) -> i64| groups.values().map(f).sum::<i64>();
        prop_assert_eq!(sum(|r| r.closed), total.closed);
        prop_assert_eq!(sum(|r| r.commit), total.commit);
        prop_assert_eq!(sum(|r| r.best_case), total.best_case);
        prop_assert_eq!(sum(|r| r.pipeline), total.pipeline);
        prop_assert_eq!(groups.values().map(|r| r.deals).sum::<usize>(), total.deals);
        let expected: f64 = groups.values().map(|r| r.model_expected).sum();
        prop_assert!((expected - total.model_expected).abs() <= 1e-6 * (1.0 + total.model_expected));
    }

    #[test]
    fn shortfall_parts_add_up(deals in prop::collection::vec(arb_deal(), 0..25)) {
        let drivers = rank_shortfall(&deals, quarter());
        for d in &drivers {
            prop_assert!((d.loss_part + d.slip_part - d.expected_shortfall).abs() < 1e-6);
            prop_assert!(d.expected_shortfall >= 0.0 && d.expected_shortfall <= d.amount as f64 + 1e-6);
        }
        let share: f64 = drivers.iter().map(|d| d.share_of_shortfall).sum();
        prop_assert!(drivers.iter().all(|d| d.expected_shortfall == 0.0) || (share - 1.0).abs() < 1e-9);
        prop_assert!(drivers.windows(2).all(|w| w[0].expected_shortfall >= w[1].expected_shortfall));
    }

    #[test]
    fn conversion_rates_stay_in_the_unit_interval(
        raw in prop::collection::vec((prop::collection::vec(prop::option::of(0i64..200), 4), any::<bool>()), 0..40),
        stale in prop::option::of(0i64..200),
    ) {
        let start = day(2025, 1, 1);
        let entries: Vec<FunnelEntry> = raw
            .iter()
            .enumerate()
            .map(|(i, (offsets, exited))| FunnelEntry {
                id: i.to_string(),
                cuts: BTreeMap::new(),
                reached: offsets.iter().map(|o| o.map(|d| start + Duration::days(d))).collect(),
                exited: *exited,
            })
            .collect();
        let refs: Vec<&FunnelEntry> = entries.iter().collect();
        let window = super::deal::Period::new(start, day(2025, 12, 31)).unwrap();
        for basis in [ConversionBasis::Resolved { stale_after_days: stale }, ConversionBasis::WithinDays(60)] {
            let config = FunnelConfig { as_of: day(2025, 5, 1), basis, alpha: 0.05 };
            for s in funnel_stats(&refs, 4, window, &config) {
                prop_assert_eq!(s.converted + s.dropped + s.pending, s.entered);
                if let Some(rate) = s.conversion_rate {
                    prop_assert!((0.0..=1.0).contains(&rate));
                }
            }
        }
    }
}
