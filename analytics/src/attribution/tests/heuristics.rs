//! Each rule-based model on hand-made paths, against shares worked out by hand.

use super::*;

/// Four touches a week apart: lead created on touch 1, opportunity on touch 2, won $1,000
/// on the day of touch 3.
fn four_touch_book() -> JourneyBook {
    let mut j = won(&[0, 1, 2, 3], 1_000);
    j.milestones = Milestones {
        lead_created: Some(1),
        opportunity_created: Some(2),
        closed_won: Some(3),
    };
    JourneyBook::new(campaigns(&["a", "b", "c", "d"]), vec![j]).unwrap()
}

fn fractional(credits: &ModelCredits) -> Vec<f64> {
    credits
        .credits
        .iter()
        .map(|c| c.fractional_revenue)
        .collect()
}

fn assert_close(actual: &[f64], expected: &[f64]) {
    assert_eq!(actual.len(), expected.len());
    for (a, e) in actual.iter().zip(expected) {
        assert!((a - e).abs() < 1e-9, "{actual:?} vs {expected:?}");
    }
}

#[test]
fn first_last_and_linear_follow_position() {
    let book = four_touch_book();
    assert_close(
        &fractional(&run(&book, AttributionModel::FirstTouch)),
        &[1e3, 0.0, 0.0, 0.0],
    );
    assert_close(
        &fractional(&run(&book, AttributionModel::LastTouch)),
        &[0.0, 0.0, 0.0, 1e3],
    );
    assert_close(
        &fractional(&run(&book, AttributionModel::Linear)),
        &[250.0; 4],
    );
}

#[test]
fn u_shaped_gives_forty_twenty_forty() {
    let book = four_touch_book();
    let middle = 0.2 / 2.0 * 1e3;
    assert_close(
        &fractional(&run(&book, AttributionModel::UShaped)),
        &[400.0, middle, middle, 400.0],
    );
}

#[test]
fn u_shaped_edge_cases_for_one_and_two_touches() {
    let one = JourneyBook::new(campaigns(&["a"]), vec![won(&[0], 900)]).unwrap();
    assert_eq!(run(&one, AttributionModel::UShaped).credits[0].revenue, 900);
    let two = JourneyBook::new(campaigns(&["a", "b"]), vec![won(&[0, 1], 900)]).unwrap();
    assert_close(
        &fractional(&run(&two, AttributionModel::UShaped)),
        &[450.0, 450.0],
    );
}

#[test]
fn w_shaped_weighs_the_three_milestones() {
    let book = four_touch_book();
    // First touch, lead creation and opportunity creation take 30% each; the only other
    // touch takes the 10% spread.
    assert_close(
        &fractional(&run(&book, AttributionModel::WShaped)),
        &[300.0, 300.0, 300.0, 100.0],
    );
}

#[test]
fn w_shaped_adds_shares_of_coinciding_milestones() {
    // Lead created on the first touch, opportunity on the second: 60% and 30%, and with no
    // other touch the 10% spread is shared in the same 2:1 proportion.
    let mut j = won(&[0, 1], 900);
    j.milestones.lead_created = Some(0);
    j.milestones.opportunity_created = Some(1);
    let book = JourneyBook::new(campaigns(&["a", "b"]), vec![j]).unwrap();
    let credits = run(&book, AttributionModel::WShaped);
    assert_close(
        &fractional(&credits),
        &[900.0 * 0.6 / 0.9, 900.0 * 0.3 / 0.9],
    );
    assert_eq!(credits.credits[0].revenue + credits.credits[1].revenue, 900);
}

#[test]
fn full_path_spreads_ten_percent_over_non_milestones() {
    let mut j = won(&[0, 1, 2, 3, 4], 2_000);
    j.milestones = Milestones {
        lead_created: Some(1),
        opportunity_created: Some(2),
        closed_won: Some(4),
    };
    let book = JourneyBook::new(campaigns(&["a", "b", "c", "d", "e"]), vec![j]).unwrap();
    let m = 0.225 * 2_000.0;
    assert_close(
        &fractional(&run(&book, AttributionModel::FullPath)),
        &[m, m, m, 0.1 * 2_000.0, m],
    );
}

#[test]
fn time_decay_halves_every_half_life_before_the_close() {
    let book = four_touch_book();
    // Touches 21, 14, 7 and 0 days before the close, half-life 7 days.
    let raw: Vec<f64> = [21.0f64, 14.0, 7.0, 0.0]
        .iter()
        .map(|age| 0.5f64.powf(age / 7.0))
        .collect();
    let sum: f64 = raw.iter().sum();
    let expected: Vec<f64> = raw.iter().map(|w| 1e3 * w / sum).collect();
    let credits = run(&book, AttributionModel::TimeDecay);
    assert_close(&fractional(&credits), &expected);
    let dollars: Vec<i64> = credits.credits.iter().map(|c| c.revenue).collect();
    assert_eq!(dollars.iter().sum::<i64>(), 1_000);
    for (d, e) in dollars.iter().zip(&expected) {
        assert!((*d as f64 - e).abs() < 1.0);
    }
}

#[test]
fn time_decay_counts_from_the_close_not_the_last_touch() {
    // Same ratios whatever the gap to the close; a longer half-life flattens them.
    let mut j = won(&[0, 1], 1_000);
    j.outcome = JourneyOutcome::Won {
        revenue: 1_000,
        closed_at: day(700),
    };
    let book = JourneyBook::new(campaigns(&["a", "b"]), vec![j]).unwrap();
    let mut config = AttributionConfig::new(AttributionLevel::Campaign);
    config.half_life_days = 14.0;
    let report = attribute_models(&book, &config, &[AttributionModel::TimeDecay]).unwrap();
    let first = 0.5f64.powf(0.5);
    assert_close(
        &fractional(&report.models[0]),
        &[1e3 * first / (1.0 + first), 1e3 / (1.0 + first)],
    );
}

#[test]
fn channel_level_pools_campaigns_and_their_cost() {
    let book = JourneyBook::new(
        campaigns(&["email", "webinar", "email"]),
        vec![won(&[0, 1], 3_000), won(&[2], 1_000), lost(&[1])],
    )
    .unwrap();
    let config = AttributionConfig::new(AttributionLevel::Channel);
    let report = attribute_models(&book, &config, &[AttributionModel::Linear]).unwrap();
    assert_eq!(report.keys, vec!["email", "webinar"]);
    let email = report.models[0].credit("email").unwrap();
    assert_eq!(email.revenue, 1_500 + 1_000);
    assert_eq!(email.cost, 2_000);
    assert_eq!(email.roi, Some((2_500.0 - 2_000.0) / 2_000.0));
    let webinar = &report.influence[1];
    assert_eq!(
        (webinar.journeys, webinar.won_journeys, webinar.revenue),
        (2, 1, 3_000)
    );
}

#[test]
fn disagreement_names_the_extreme_models() {
    let book = four_touch_book();
    let config = AttributionConfig::new(AttributionLevel::Campaign);
    let models = [AttributionModel::FirstTouch, AttributionModel::LastTouch];
    let report = attribute_models(&book, &config, &models).unwrap();
    let widest = &report.disagreement[0];
    assert!((widest.spread() - 1.0).abs() < 1e-12);
    let first = report
        .disagreement
        .iter()
        .find(|d| d.key == "CMP-0")
        .unwrap();
    assert_eq!(first.highest_model, AttributionModel::FirstTouch);
    assert_eq!(first.lowest_model, AttributionModel::LastTouch);
}
