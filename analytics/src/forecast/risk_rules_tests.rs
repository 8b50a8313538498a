//! Tests of the risk rules: the shipped rules file parses and validates, each check fires on
//! the evidence it should, and historical precision counts what it should.

use super::ForecastError;
use super::deal::SalesStage;
use super::record::{BuyerRole, Dated, DealRecord};
use super::risk_rules::{RiskCheck, RiskEvidence, RiskRuleSet, RuleContext, evaluate};
use super::rule_precision::{RuleObservation, SnapshotOutcome, historical_precision};
use super::stage_time::StageDurations;
use super::test_support::{contact, day, record, touch};

const SHIPPED: &str = include_str!("../../config/risk_rules.json");

fn shipped() -> RiskRuleSet {
    serde_json::from_str(SHIPPED).unwrap()
}

#[test]
fn the_shipped_rules_parse_and_validate() {
    let rules = shipped();
    assert!(!rules.version.is_empty());
    assert_eq!(rules.rules.len(), 6);
    rules.validate().unwrap();
    assert_eq!(
        rules.rules[5].check,
        RiskCheck::PricingNotDiscussed {
            from_stage: SalesStage::Proposal
        }
    );
    assert!(rules.rules.iter().all(|r| r.enabled));
}

#[test]
fn bad_rule_sets_are_refused() {
    let mut rules = shipped();
    rules.rules[1].id = rules.rules[0].id.clone();
    assert!(matches!(
        rules.validate(),
        Err(ForecastError::DuplicateRuleId(_))
    ));
    let mut rules = shipped();
    rules.rules[4].check = RiskCheck::StalledInStage {
        quantile: 1.5,
        min_samples: 3,
    };
    assert!(matches!(
        rules.validate(),
        Err(ForecastError::InvalidThreshold { .. })
    ));
    let unknown = SHIPPED.replace("\"no_activity\"", "\"no_such_check\"");
    assert!(serde_json::from_str::<RiskRuleSet>(&unknown).is_err());
    let typo = SHIPPED.replace("{ \"days\": 14 }", "{ \"dayz\": 14 }");
    assert!(serde_json::from_str::<RiskRuleSet>(&typo).is_err());
    let extra = SHIPPED.replace("{ \"days\": 14 }", "{ \"days\": 14, \"weeks\": 2 }");
    assert_ne!(extra, SHIPPED);
    assert!(serde_json::from_str::<RiskRuleSet>(&extra).is_err());
}

/// A proposal-stage deal: pushed twice, one champion engaged long ago, no pricing talk.
fn risky() -> DealRecord {
    let mut r = record(
        "risky",
        day(2025, 1, 1),
        &[
            (day(2025, 1, 1), SalesStage::Discovery),
            (day(2025, 2, 1), SalesStage::Proposal),
        ],
    );
    r.close_dates = vec![
        Dated {
            on: day(2025, 1, 1),
            value: day(2025, 3, 1),
        },
        Dated {
            on: day(2025, 2, 20),
            value: day(2025, 4, 1),
        },
        Dated {
            on: day(2025, 3, 25),
            value: day(2025, 5, 1),
        },
    ];
    r.contacts = vec![
        contact("ch", Some(BuyerRole::Champion)),
        contact("eb", Some(BuyerRole::EconomicBuyer)),
    ];
    r.touchpoints = vec![
        touch(day(2025, 1, 10), &["eb"], false),
        touch(day(2025, 3, 1), &["ch"], false),
    ];
    r
}

#[test]
fn every_rule_fires_on_a_risky_deal_with_its_evidence() {
    let rules = shipped();
    // Proposal stays of 10..=40 days: P75 = 32.5 < 59 days in stage on 1 April.
    let history: Vec<DealRecord> = (0..31)
        .map(|i| {
            let start = day(2024, 1, 1);
            let left = start + chrono::Duration::days(10 + i);
            record(
                &format!("h{i}"),
                start,
                &[
                    (start, SalesStage::Proposal),
                    (left, SalesStage::Negotiation),
                ],
            )
        })
        .collect();
    let durations = StageDurations::fit(&history, day(2025, 4, 1));
    let context =
        RuleContext::new(&rules, &durations).with_precision([("single_threaded".to_string(), 0.7)]);
    let deal = risky();
    let hits = evaluate(&rules, &deal.as_of(day(2025, 4, 1)), &context);
    let ids: Vec<&str> = hits.iter().map(|h| h.rule_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "no_recent_activity",
            "single_threaded",
            "no_executive_engagement",
            "close_date_pushed",
            "stalled_in_stage",
            "pricing_not_discussed"
        ]
    );
    assert_eq!(
        hits[0].evidence,
        RiskEvidence::NoActivity {
            last_touch_on: Some(day(2025, 3, 1)),
            days_silent: 31
        }
    );
    assert_eq!(
        hits[1].evidence,
        RiskEvidence::SingleThreaded {
            engaged_contacts: vec!["ch".into()]
        }
    );
    assert_eq!(hits[1].historical_precision, Some(0.7));
    assert_eq!(
        hits[2].evidence,
        RiskEvidence::NoExecutiveEngagement {
            last_engaged_on: Some(day(2025, 1, 10)),
            executives_named: 1
        }
    );
    match &hits[4].evidence {
        RiskEvidence::Stalled(age) => {
            assert_eq!(age.days, 59);
            assert!((age.norm_days - 32.5).abs() < 1e-12);
        }
        other => panic!("unexpected {other:?}"),
    }
    // On 3 March only one push had happened, the champion call was recent and 30 days in
    // Proposal were still under the norm.
    let early = evaluate(&rules, &deal.as_of(day(2025, 3, 3)), &context);
    let early_ids: Vec<&str> = early.iter().map(|h| h.rule_id.as_str()).collect();
    assert_eq!(
        early_ids,
        [
            "single_threaded",
            "no_executive_engagement",
            "pricing_not_discussed"
        ]
    );
}

#[test]
fn a_closed_deal_raises_nothing_and_disabled_rules_stay_quiet() {
    let mut rules = shipped();
    let mut deal = risky();
    deal.stages.push(Dated {
        on: day(2025, 3, 30),
        value: SalesStage::ClosedLost,
    });
    let none = StageDurations::default();
    let context = RuleContext::new(&rules, &none);
    assert!(evaluate(&rules, &deal.as_of(day(2025, 4, 1)), &context).is_empty());
    rules.rules.iter_mut().for_each(|r| r.enabled = false);
    assert!(evaluate(&rules, &risky().as_of(day(2025, 4, 1)), &context).is_empty());
}

#[test]
fn precision_is_the_adverse_share_of_flagged_deals() {
    let rules = shipped();
    let risky = risky();
    let mut quiet = risky.clone();
    quiet.id = "quiet".into();
    quiet.close_dates.truncate(1);
    let snapshot = day(2025, 4, 1);
    let observations = [
        RuleObservation {
            deal: risky.as_of(snapshot),
            outcome: SnapshotOutcome::Lost,
        },
        RuleObservation {
            deal: quiet.as_of(snapshot),
            outcome: SnapshotOutcome::OnTrack,
        },
    ];
    let table = historical_precision(&rules, &observations, &[]);
    let pushed = table
        .iter()
        .find(|r| r.rule_id == "close_date_pushed")
        .unwrap();
    assert_eq!(
        (pushed.observations, pushed.flagged, pushed.flagged_lost),
        (2, 1, 1)
    );
    assert_eq!(pushed.precision, Some(1.0));
    assert_eq!(pushed.base_rate, Some(0.5));
    assert_eq!(pushed.lift, Some(2.0));
    assert_eq!(pushed.recall, Some(1.0));
    let silent = table
        .iter()
        .find(|r| r.rule_id == "no_recent_activity")
        .unwrap();
    assert_eq!((silent.flagged, silent.precision), (2, Some(0.5)));
    let stalled = table
        .iter()
        .find(|r| r.rule_id == "stalled_in_stage")
        .unwrap();
    assert_eq!((stalled.flagged, stalled.precision), (0, None));
}
