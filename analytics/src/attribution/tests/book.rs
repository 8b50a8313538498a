//! The journey book's checks and the exact-dollar rounding.

use super::super::apportion::apportion;
use super::*;

#[test]
fn bad_journeys_are_refused_with_the_reason() {
    let cs = || campaigns(&["a", "b"]);
    let unknown = JourneyBook::new(cs(), vec![won(&[0, 5], 10)]);
    assert_eq!(
        unknown.unwrap_err(),
        AttributionError::UnknownCampaign {
            journey: 0,
            touch: 1
        }
    );
    let mut backwards = won(&[0, 1], 10);
    backwards.touches.reverse();
    assert_eq!(
        JourneyBook::new(cs(), vec![lost(&[0]), backwards]).unwrap_err(),
        AttributionError::TouchesOutOfOrder(1)
    );
    let mut far = won(&[0], 10);
    far.milestones.closed_won = Some(1);
    assert_eq!(
        JourneyBook::new(cs(), vec![far]).unwrap_err(),
        AttributionError::MilestoneOutOfRange(0)
    );
    assert_eq!(
        JourneyBook::new(cs(), vec![won(&[], 10)]).unwrap_err(),
        AttributionError::UntouchedConversion(0)
    );
    assert_eq!(
        JourneyBook::new(cs(), vec![won(&[0], -1)]).unwrap_err(),
        AttributionError::NegativeAmount(0)
    );
    let mut twins = cs();
    twins[1].id = twins[0].id.clone();
    assert!(matches!(
        JourneyBook::new(twins, vec![]),
        Err(AttributionError::DuplicateCampaign(_))
    ));
}

#[test]
fn bad_configuration_is_refused() {
    let book = JourneyBook::new(campaigns(&["a"]), vec![won(&[0], 10)]).unwrap();
    let mut config = AttributionConfig::new(AttributionLevel::Channel);
    config.half_life_days = 0.0;
    assert!(matches!(
        attribute(&book, &config),
        Err(AttributionError::InvalidConfig(_))
    ));
}

#[test]
fn apportion_breaks_ties_toward_lower_keys() {
    assert_eq!(apportion(10, &[1.0, 1.0, 1.0]), vec![4, 3, 3]);
    assert_eq!(apportion(0, &[1.0, 2.0]), vec![0, 0]);
    assert_eq!(apportion(7, &[0.0, -1.0, f64::NAN, 2.0]), vec![0, 0, 0, 7]);
}

#[test]
fn a_model_listed_twice_runs_once() {
    let book = JourneyBook::new(campaigns(&["a"]), vec![won(&[0], 10)]).unwrap();
    let config = AttributionConfig::new(AttributionLevel::Campaign);
    let models = [AttributionModel::Linear, AttributionModel::Linear];
    assert_eq!(
        attribute_models(&book, &config, &models)
            .unwrap()
            .models
            .len(),
        1
    );
}
