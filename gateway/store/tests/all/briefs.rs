//! Briefs: saved, read back by id, latest per kind and principal, newest first.

use chrono::NaiveDate;
use revpulse_gateway_store::{BriefId, BriefKind, NewBrief, StoreError};
use serde_json::json;

use crate::support::TestDb;

on_both_backends! {
    briefs_round_trip => briefs_round_trip;
}

fn brief(kind: BriefKind, day: u32, principal: &str) -> NewBrief {
    NewBrief {
        kind,
        for_date: NaiveDate::from_ymd_opt(2025, 7, day).unwrap(),
        principal: principal.to_string(),
        markdown: format!("# Brief for July {day}\n\n- pipeline up"),
        json: json!({"day": day, "highlights": ["pipeline up"], "numbers": {"pipeline": 4.2e6}}),
    }
}

async fn briefs_round_trip(db: &TestDb) {
    let store = &db.store;
    let later_day = store
        .save_brief(brief(BriefKind::Daily, 15, "cro"))
        .await
        .unwrap();
    let earlier_day = store
        .save_brief(brief(BriefKind::Daily, 14, "cro"))
        .await
        .unwrap();
    let weekly = store
        .save_brief(brief(BriefKind::Weekly, 14, "cro"))
        .await
        .unwrap();
    let other = store
        .save_brief(brief(BriefKind::Daily, 16, "vp-emea"))
        .await
        .unwrap();

    assert_eq!(store.brief(earlier_day.id).await.unwrap(), earlier_day);
    assert_eq!(later_day.json, brief(BriefKind::Daily, 15, "cro").json);
    assert_eq!(
        later_day.for_date,
        NaiveDate::from_ymd_opt(2025, 7, 15).unwrap()
    );

    assert_eq!(
        store.latest_brief(BriefKind::Daily, "cro").await.unwrap(),
        Some(later_day.clone())
    );
    assert_eq!(
        store.latest_brief(BriefKind::Weekly, "cro").await.unwrap(),
        Some(weekly.clone())
    );
    assert_eq!(
        store
            .latest_brief(BriefKind::Weekly, "vp-emea")
            .await
            .unwrap(),
        None
    );

    assert_eq!(
        store.briefs(3).await.unwrap(),
        vec![other, weekly, earlier_day]
    );
    let missing = store.brief(BriefId(777)).await.unwrap_err();
    assert!(matches!(
        missing,
        StoreError::NotFound { kind: "brief", .. }
    ));
    assert_eq!(missing.to_string(), "brief `777` not found");
}
