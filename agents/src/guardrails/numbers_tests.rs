//! Tests of numeric grounding: what counts as a written claim, and which tool outputs ground it.

#![allow(clippy::unwrap_used)]

use super::*;
use serde_json::json;

fn texts(text: &str) -> Vec<String> {
    written_numbers(text).into_iter().map(|n| n.text).collect()
}

fn grounded_by(output: &Value) -> impl Fn(&str) -> bool {
    let values = grounded_values(&[output]);
    move |t: &str| written_numbers(t).iter().all(|n| is_grounded(n, &values))
}

#[test]
fn written_numbers_skip_ids_dates_and_markers() {
    let text = "Forecast is $1.24M, 8% below target [2]; Deal #1045 (OPP-1045) closes \
                2026-12-15 in Q4 with 4 deals.";
    assert_eq!(texts(text), vec!["$1.24M", "8%", "4"]);
}

#[test]
fn a_leading_minus_is_a_sign_and_a_name_never_leaves_digits_behind() {
    // A table cell "-0.060" was read as "060" after its dash was taken for a joiner.
    assert_eq!(texts("-0.060"), vec!["0.060"]);
    assert_eq!(texts("+0.233 and (-0.021)"), vec!["0.233", "0.021"]);
    assert_eq!(
        texts("chunk C-12.5 and v2.10 of OPP-1045.2"),
        Vec::<String>::new()
    );
}

#[test]
fn grounding_respects_shown_precision() {
    let output = json!({"total": 1_237_400, "gap_rate": 0.0812, "deals": [1, 2, 3, 4]});
    let check = grounded_by(&output);
    assert!(check("$1.24M"));
    assert!(check("8%"));
    assert!(check("8.1%"));
    assert!(check("4 deals"));
    assert!(!check("$1.3M"));
    assert!(!check("9%"));
    assert!(check("1,237,400"));
    assert!(!check("1,237,401"));
}

#[test]
fn numbers_written_inside_output_strings_ground_what_they_say() {
    // Timeline summaries and signal values carry their numbers as text.
    let output = json!({
        "summary": "contract started: Data Platform, ARR $850,200, 625 seats",
        "value_text": "15.37×",
        "score_note": "score 0.15",
        "deal": "$1.2M"
    });
    let check = grounded_by(&output);
    assert!(check("ARR $850,200"));
    assert!(check("$850K"));
    assert!(check("15.37×"));
    assert!(check("0.15"));
    assert!(check("$1.20M"));
    assert!(check("625 seats"));
    // Invented numbers still fail, including ones near a string's pieces.
    assert!(!check("$850,300"));
    assert!(!check("15.38×"));
    assert!(!check("0.16"));
}

#[test]
fn a_field_name_grounds_the_window_it_names() {
    let output = json!({"tickets": {"open": 0, "last_90_days": 3}});
    let check = grounded_by(&output);
    assert!(check("3 in the last 90 days"));
    assert!(!check("3 in the last 60 days"));
}

#[test]
fn string_numbers_keep_their_digit_runs_for_ids_and_dates() {
    let values = numbers_in_text("OPP-1045 closes 2026-12-15");
    for v in [1045.0, 2026.0, 12.0, 15.0] {
        assert!(values.contains(&v), "{v} in {values:?}");
    }
}
