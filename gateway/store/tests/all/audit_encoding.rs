//! The audit hash's field encoding is unambiguous: different entries never share an encoding.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use revpulse_gateway_store::{AuditHashInput, canonical_json};
use serde_json::json;

/// An owned audit entry's hashed fields.
#[derive(Debug, Clone, PartialEq)]
struct Fields {
    seq: i64,
    at: DateTime<Utc>,
    texts: [String; 5],
    returned_ids: Vec<String>,
    answer_id: Option<String>,
    decision: String,
    latency_ms: i64,
    detail: Option<String>,
}

impl Fields {
    fn input(&self) -> AuditHashInput<'_> {
        AuditHashInput {
            seq: self.seq,
            at: self.at,
            principal: &self.texts[0],
            surface: &self.texts[1],
            kind: &self.texts[2],
            name: &self.texts[3],
            args_json: &self.texts[4],
            returned_ids: &self.returned_ids,
            answer_id: self.answer_id.as_deref(),
            decision: &self.decision,
            latency_ms: self.latency_ms,
            detail: self.detail.as_deref(),
        }
    }
}

/// Short texts over a tiny alphabet, so that neighbouring values often overlap.
fn text() -> impl Strategy<Value = String> {
    "[ab\u{0}:]{0,4}"
}

fn fields() -> impl Strategy<Value = Fields> {
    (
        (0_i64..4, 0_i64..3, 0_u32..3),
        [text(), text(), text(), text(), text()],
        prop::collection::vec(text(), 0..4),
        (
            prop::option::of(text()),
            text(),
            0_i64..3,
            prop::option::of(text()),
        ),
    )
        .prop_map(
            |(
                (seq, secs, nanos),
                texts,
                returned_ids,
                (answer_id, decision, latency_ms, detail),
            )| Fields {
                seq,
                at: Utc.timestamp_opt(secs, nanos).single().unwrap_or_default(),
                texts,
                returned_ids,
                answer_id,
                decision,
                latency_ms,
                detail,
            },
        )
}

proptest! {
    #[test]
    fn different_fields_never_share_an_encoding(first in fields(), second in fields()) {
        let same_encoding = first.input().canonical_bytes() == second.input().canonical_bytes();
        prop_assert_eq!(same_encoding, first == second);
        let prev = "0".repeat(64);
        prop_assert_eq!(first.input().chain_hash(&prev) == second.input().chain_hash(&prev), first == second);
    }

    #[test]
    fn moving_a_field_boundary_changes_the_encoding(base in fields(), field in 0_usize..4, split in 0_usize..5) {
        // Move the end of text field `field` into the start of the next one: "ab"+"c" vs "a"+"bc".
        let mut moved = base.clone();
        let left = &base.texts[field];
        let cut = left.char_indices().map(|(index, _)| index).chain([left.len()]).nth(split).unwrap_or(left.len());
        let (kept, carried) = left.split_at(cut);
        prop_assume!(!carried.is_empty());
        moved.texts[field] = kept.to_string();
        moved.texts[field + 1] = format!("{carried}{}", base.texts[field + 1]);
        prop_assert_ne!(base.input().canonical_bytes(), moved.input().canonical_bytes());
    }

    #[test]
    fn regrouping_returned_ids_changes_the_encoding(ids in prop::collection::vec(text(), 1..4)) {
        let base = Fields {
            seq: 1,
            at: Utc.timestamp_opt(0, 0).single().unwrap_or_default(),
            texts: Default::default(),
            returned_ids: ids.clone(),
            answer_id: None,
            decision: "allowed".to_string(),
            latency_ms: 0,
            detail: None,
        };
        let joined = Fields { returned_ids: vec![ids.concat()], ..base.clone() };
        prop_assume!(joined.returned_ids != base.returned_ids);
        prop_assert_ne!(base.input().canonical_bytes(), joined.input().canonical_bytes());
    }
}

#[test]
fn classic_ambiguities_are_distinguished() {
    let base = Fields {
        seq: 1,
        at: Utc.timestamp_opt(1_700_000_000, 123_000).single().unwrap(),
        texts: ["ab".into(), "c".into(), "k".into(), "n".into(), "{}".into()],
        returned_ids: vec!["x".into(), "y".into()],
        answer_id: None,
        decision: "allowed".into(),
        latency_ms: 5,
        detail: Some(String::new()),
    };
    let variants = [
        Fields {
            texts: ["a".into(), "bc".into(), "k".into(), "n".into(), "{}".into()],
            ..base.clone()
        },
        Fields {
            returned_ids: vec!["xy".into()],
            ..base.clone()
        },
        Fields {
            returned_ids: vec!["x".into(), "y".into(), String::new()],
            ..base.clone()
        },
        Fields {
            answer_id: Some(String::new()),
            ..base.clone()
        },
        Fields {
            detail: None,
            ..base.clone()
        },
        Fields {
            at: Utc.timestamp_opt(1_700_000_000, 124_000).single().unwrap(),
            ..base.clone()
        },
        Fields {
            seq: 2,
            ..base.clone()
        },
    ];
    for variant in &variants {
        assert_ne!(
            base.input().canonical_bytes(),
            variant.input().canonical_bytes(),
            "{variant:?}"
        );
    }
}

#[test]
fn canonical_json_ignores_key_order() {
    let one: serde_json::Value =
        serde_json::from_str(r#"{"b":1,"a":{"y":[1,2],"x":"é"}}"#).unwrap();
    let other: serde_json::Value =
        serde_json::from_str(r#"{"a":{"x":"é","y":[1,2]},"b":1}"#).unwrap();
    assert_eq!(canonical_json(&one), canonical_json(&other));
    assert_eq!(canonical_json(&one), r#"{"a":{"x":"é","y":[1,2]},"b":1}"#);
    assert_ne!(
        canonical_json(&json!({"a": "1"})),
        canonical_json(&json!({"a": 1}))
    );
}
