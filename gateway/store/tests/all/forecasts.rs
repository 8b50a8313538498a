//! Forecast submissions and per-deal overrides keep their full history.

use chrono::NaiveDate;
use revpulse_gateway_store::{ForecastOverride, ForecastSubmission};

use crate::support::TestDb;

on_both_backends! {
    submissions_round_trip => submissions_round_trip;
    overrides_round_trip => overrides_round_trip;
}

fn submission(principal: &str, period: &str, commit: i64) -> ForecastSubmission {
    ForecastSubmission {
        principal: principal.to_string(),
        period: period.to_string(),
        scope_label: "EMEA".to_string(),
        commit_amount: commit,
        best_case_amount: commit + 250_000,
        note: (commit % 2 == 0).then(|| format!("commit {commit}")),
    }
}

async fn submissions_round_trip(db: &TestDb) {
    let store = &db.store;
    let first = store
        .record_forecast_submission(submission("vp-emea", "2025-Q3", 4_000_000))
        .await
        .unwrap();
    store
        .record_forecast_submission(submission("vp-emea", "2025-Q4", 5_000_001))
        .await
        .unwrap();
    let second = store
        .record_forecast_submission(submission("cro", "2025-Q3", 9_000_000_000))
        .await
        .unwrap();

    let q3 = store.forecast_submissions("2025-Q3").await.unwrap();
    assert_eq!(q3, vec![first.clone(), second]);
    assert_eq!(first.best_case_amount, 4_250_000);
    assert_eq!(first.note.as_deref(), Some("commit 4000000"));
    let q4 = store.forecast_submissions("2025-Q4").await.unwrap();
    assert_eq!(
        (q4.len(), q4[0].note.clone(), q4[0].commit_amount),
        (1, None, 5_000_001)
    );
    assert!(
        store
            .forecast_submissions("2026-Q1")
            .await
            .unwrap()
            .is_empty()
    );
}

async fn overrides_round_trip(db: &TestDb) {
    let store = &db.store;
    let full = ForecastOverride {
        principal: "mgr-west".to_string(),
        deal_id: "opp-17".to_string(),
        forecast_category: Some("commit".to_string()),
        amount: Some(120_000),
        close_date: NaiveDate::from_ymd_opt(2025, 9, 30),
        note: Some("signed MSA".to_string()),
    };
    let bare = ForecastOverride {
        principal: "mgr-west".to_string(),
        deal_id: "opp-18".to_string(),
        forecast_category: None,
        amount: None,
        close_date: None,
        note: None,
    };
    let first = store.record_forecast_override(full.clone()).await.unwrap();
    let other = store.record_forecast_override(bare).await.unwrap();
    let later = store
        .record_forecast_override(ForecastOverride {
            amount: Some(90_000),
            ..full
        })
        .await
        .unwrap();

    assert_eq!(first.close_date, NaiveDate::from_ymd_opt(2025, 9, 30));
    assert_eq!(
        store.forecast_overrides(Some("opp-17")).await.unwrap(),
        vec![first.clone(), later.clone()]
    );
    assert_eq!(
        store.forecast_overrides(None).await.unwrap(),
        vec![first, other.clone(), later]
    );
    assert_eq!(
        (
            other.forecast_category,
            other.amount,
            other.close_date,
            other.note
        ),
        (None, None, None, None)
    );
    assert!(
        store
            .forecast_overrides(Some("opp-99"))
            .await
            .unwrap()
            .is_empty()
    );
}
