//! Property tests: exact dollar totals, non-negative credit, single-touch journeys, and the
//! invariances the data-driven models should have.

use proptest::prelude::*;

use super::*;

/// (campaign, hours after the previous touch) per touch; outcome code; revenue.
type RawJourney = (Vec<(u32, i64)>, u8, i64, (usize, usize));

fn raw_journeys(campaigns: u32, max_touches: usize) -> impl Strategy<Value = Vec<RawJourney>> {
    let touch = (0..campaigns, 0i64..400);
    let journey = (
        prop::collection::vec(touch, 1..=max_touches),
        0u8..3,
        0i64..250_000,
        (0usize..6, 0usize..6),
    );
    prop::collection::vec(journey, 1..40)
}

fn build(raw: &[RawJourney], channels: &[&str]) -> JourneyBook {
    let journeys = raw
        .iter()
        .map(|(touches, outcome, revenue, (lead, opp))| {
            let mut at = day(0);
            let touches: Vec<Touch> = touches
                .iter()
                .map(|(c, hours)| {
                    at += Duration::hours(*hours);
                    Touch { campaign: *c, at }
                })
                .collect();
            let n = touches.len();
            let outcome = match outcome {
                0 => JourneyOutcome::Won {
                    revenue: *revenue,
                    closed_at: at + Duration::days(3),
                },
                1 => JourneyOutcome::NotConverted,
                _ => JourneyOutcome::InProgress,
            };
            Journey {
                touches,
                milestones: Milestones {
                    lead_created: (*lead < n).then_some(*lead),
                    opportunity_created: (*opp < n).then_some(*opp),
                    closed_won: Some(n - 1),
                },
                outcome,
                pipeline: *revenue,
            }
        })
        .collect();
    JourneyBook::new(campaigns(channels), journeys).unwrap()
}

const CHANNELS: [&str; 5] = ["email", "event", "email", "search", "partner"];

fn all(book: &JourneyBook, level: AttributionLevel) -> AttributionReport {
    attribute(book, &AttributionConfig::new(level)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn credits_sum_exactly_and_are_never_negative(raw in raw_journeys(5, 6)) {
        let book = build(&raw, &CHANNELS);
        let won = book.journeys().iter().filter(|j| matches!(j.outcome, JourneyOutcome::Won { .. })).count();
        for level in [AttributionLevel::Campaign, AttributionLevel::Channel] {
            for m in all(&book, level).models {
                prop_assert_eq!(m.total_revenue, book.won_revenue(), "{:?}", m.model);
                prop_assert_eq!(m.credits.iter().map(|c| c.revenue).sum::<i64>(), book.won_revenue());
                prop_assert!(m.credits.iter().all(|c| c.revenue >= 0 && c.conversions >= 0.0));
                prop_assert!((m.total_conversions - won as f64).abs() < 1e-9, "{:?}", m.model);
            }
        }
    }

    #[test]
    fn single_touch_journeys_keep_all_their_credit(raw in raw_journeys(5, 1)) {
        let book = build(&raw, &CHANNELS);
        let mut expected = [0.0f64; 5];
        for j in book.journeys() {
            expected[j.touches[0].campaign as usize] += j.revenue() as f64;
        }
        for m in all(&book, AttributionLevel::Campaign).models {
            for (credit, e) in m.credits.iter().zip(expected) {
                prop_assert!((credit.fractional_revenue - e).abs() < 1e-6 * e.max(1.0), "{:?}", m.model);
                prop_assert_eq!(credit.revenue, e as i64);
            }
        }
    }

    #[test]
    fn data_driven_models_ignore_journey_order(raw in raw_journeys(5, 5)) {
        let book = build(&raw, &CHANNELS);
        let mut reversed = raw.clone();
        reversed.reverse();
        let other = build(&reversed, &CHANNELS);
        let config = AttributionConfig::new(AttributionLevel::Campaign);
        let models = [AttributionModel::Markov, AttributionModel::Shapley];
        let a = attribute_models(&book, &config, &models).unwrap();
        let b = attribute_models(&other, &config, &models).unwrap();
        prop_assert_eq!(a.models, b.models);
    }

    #[test]
    fn markov_follows_campaigns_when_they_are_renumbered(raw in raw_journeys(5, 5)) {
        let book = build(&raw, &CHANNELS);
        // Renumber campaign i as 4 - i, and list the campaigns in the new order.
        let mut renamed = raw.clone();
        for (touches, ..) in &mut renamed {
            for (c, _) in touches.iter_mut() {
                *c = 4 - *c;
            }
        }
        let mut other = build(&renamed, &CHANNELS);
        let mut list = campaigns(&CHANNELS);
        list.reverse();
        other = JourneyBook::new(list, other.journeys().to_vec()).unwrap();
        let a = run(&book, AttributionModel::Markov);
        let b = run(&other, AttributionModel::Markov);
        for credit in &a.credits {
            let twin = b.credit(&credit.key).unwrap();
            prop_assert!((credit.conversions - twin.conversions).abs() < 1e-9);
            prop_assert!((credit.fractional_revenue - twin.fractional_revenue).abs() < 1e-6);
        }
    }

    #[test]
    fn shapley_ignores_the_order_of_touches(raw in raw_journeys(5, 6)) {
        let book = build(&raw, &CHANNELS);
        let mut shuffled = raw.clone();
        for (touches, ..) in &mut shuffled {
            let campaigns: Vec<u32> = touches.iter().rev().map(|t| t.0).collect();
            for (t, c) in touches.iter_mut().zip(campaigns) {
                t.0 = c;
            }
        }
        let other = build(&shuffled, &CHANNELS);
        prop_assert_eq!(run(&book, AttributionModel::Shapley), run(&other, AttributionModel::Shapley));
    }

    #[test]
    fn runs_repeat_exactly(raw in raw_journeys(5, 6)) {
        let book = build(&raw, &CHANNELS);
        prop_assert_eq!(all(&book, AttributionLevel::Channel), all(&book, AttributionLevel::Channel));
    }

    #[test]
    fn apportion_hits_the_total(total in 0i64..10_000_000, weights in prop::collection::vec(0.0f64..1e6, 1..30)) {
        let dollars = super::super::apportion::apportion(total, &weights);
        let sum: f64 = weights.iter().sum();
        let expected = if sum > 0.0 { total } else { 0 };
        prop_assert_eq!(dollars.iter().sum::<i64>(), expected);
        prop_assert!(dollars.iter().all(|d| *d >= 0));
    }
}
