//! The number matcher and the argument matchers.

use proptest::prelude::*;
use serde_json::json;

use crate::agents::facts::FactValue;
use crate::agents::matchers::{ArgMatcher, Expected, same_json};
use crate::agents::numbers::{Unit, shown_numbers};
use crate::agents::placeholders::{EntityKind, Picked, Picks};
use crate::agents::scoring::facts::reads_as;

use super::fixture::today;

fn shows(text: &str, value: FactValue) -> bool {
    shown_numbers(text).iter().any(|s| reads_as(s, value))
}

#[test]
fn money_reads_at_the_precision_shown() {
    assert!(shows("Pipeline is $1.24M.", FactValue::Money(1_237_400)));
    assert!(shows("Pipeline is $1.2M.", FactValue::Money(1_237_400)));
    assert!(!shows("Pipeline is $1.3M.", FactValue::Money(1_237_400)));
    assert!(shows(
        "exactly 1,237,400 dollars",
        FactValue::Money(1_237_400)
    ));
    assert!(!shows(
        "exactly 1,237,401 dollars",
        FactValue::Money(1_237_400)
    ));
    assert!(shows("about $245K", FactValue::Money(245_300)));
    assert!(shows("a gap of -$52K", FactValue::Money(-52_000)));
    assert!(shows("1.1 billion in ARR", FactValue::Money(1_100_000_000)));
    assert!(shows("$3.4 million", FactValue::Money(3_412_000)));
}

#[test]
fn rates_read_as_percentages_and_counts_exactly() {
    assert!(shows("down 8% on plan", FactValue::Rate(0.081)));
    assert!(shows("down 8.1% on plan", FactValue::Rate(0.0812)));
    assert!(!shows("down 9% on plan", FactValue::Rate(0.081)));
    assert!(
        !shows("down 8 on plan", FactValue::Rate(0.081)),
        "a bare 8 is not 8%"
    );
    assert!(shows("12 deals slipped", FactValue::Count(12)));
    assert!(!shows("12.4 deals", FactValue::Count(12)));
    assert!(!shows("$12K", FactValue::Count(12)));
}

#[test]
fn ids_dates_quarters_and_markers_are_not_quantities() {
    let text =
        "Deal #1045 (OPP-1045) closes 2026-12-15 in Q4 at 10:30 [2]; ACC-0012 renews; 3rd call.";
    let found: Vec<String> = shown_numbers(text).into_iter().map(|s| s.text).collect();
    assert!(found.is_empty(), "{found:?}");
    let found = shown_numbers("Won $1.24M, 8% of plan, 4 deals, 2.5x coverage.");
    let units: Vec<Unit> = found.iter().map(|s| s.unit).collect();
    assert_eq!(
        units,
        vec![Unit::Scaled(1e6), Unit::Percent, Unit::Plain, Unit::Plain]
    );
    assert_eq!(found[0].text, "$1.24M");
}

/// An executive money format written independently of the agents' narrator.
fn executive(dollars: i64) -> String {
    let abs = dollars.unsigned_abs() as f64;
    if abs >= 1e6 {
        format!("${:.2}M", abs / 1e6)
    } else if abs >= 1e4 {
        format!("${:.0}K", abs / 1e3)
    } else {
        format!("${}", abs)
    }
}

proptest! {
    #[test]
    fn any_amount_written_at_executive_precision_reads_back(dollars in 0i64..5_000_000_000) {
        let text = format!("Total {} today.", executive(dollars));
        prop_assert!(shows(&text, FactValue::Money(dollars)), "{}", text);
    }

    #[test]
    fn a_different_amount_at_full_precision_does_not(dollars in 0i64..5_000_000_000, delta in 1i64..1000) {
        let text = format!("Total {} today.", dollars);
        prop_assert!(!shows(&text, FactValue::Money(dollars + delta)), "{}", text);
    }
}

fn picks() -> Picks {
    let mut p = Picks::default();
    p.entities.insert(
        EntityKind::Account,
        Picked {
            id: "ACC-0007".into(),
            text: "Redmark Labs".into(),
        },
    );
    p.entities.insert(
        EntityKind::Deal,
        Picked {
            id: "OPP-1045".into(),
            text: "Big deal".into(),
        },
    );
    p
}

fn matcher(v: serde_json::Value) -> ArgMatcher {
    serde_json::from_value(v).unwrap()
}

#[test]
fn argument_matchers_parse_and_resolve() {
    let p = picks();
    let expect = |v| matcher(v).expected(&p, today()).unwrap();
    assert_eq!(
        expect(json!("{account_id}")),
        Expected::Value(json!("ACC-0007"))
    );
    assert_eq!(
        expect(json!("{deal_id}")),
        Expected::Value(json!("OPP-1045"))
    );
    assert_eq!(
        expect(json!("$this_quarter")),
        Expected::Value(json!({"from": "2026-10-01", "to": "2026-12-31"}))
    );
    assert_eq!(
        expect(json!("$last_quarter")),
        Expected::Value(json!({"from": "2026-07-01", "to": "2026-09-30"}))
    );
    assert_eq!(expect(json!("$this_year")), Expected::Value(json!(2026)));
    assert_eq!(
        expect(json!("$week_ago")),
        Expected::Value(json!("2026-11-19"))
    );
    assert_eq!(expect(json!(5)), Expected::Value(json!(5)));
    assert!(
        matcher(json!("{rep_id}")).expected(&p, today()).is_err(),
        "no rep was picked"
    );
    assert!(serde_json::from_value::<ArgMatcher>(json!("$sometime")).is_err());
    assert!(serde_json::from_value::<ArgMatcher>(json!("{nonsense}")).is_err());
}

#[test]
fn expectations_admit_values_by_meaning() {
    assert!(Expected::Value(json!(5)).admits(Some(&json!(5.0))));
    assert!(!Expected::Value(json!(5)).admits(None));
    assert!(Expected::Present.admits(Some(&json!("x"))));
    assert!(!Expected::Present.admits(Some(&json!(null))));
    assert!(Expected::Absent.admits(None));
    assert!(Expected::Absent.admits(Some(&json!(null))));
    assert!(!Expected::Absent.admits(Some(&json!("EMEA"))));
    assert!(same_json(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
    assert!(!same_json(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
}
