//! The opportunity-detail and account-timeline queries on the tiny company.

use revpulse_graph::queries::TimelineWindow;

use crate::fixture::{at, empty_graph, tiny, write_tiny};

#[tokio::test]
async fn opportunity_detail_has_current_values_and_full_history() {
    let (_db, client) = empty_graph().await;
    let t = tiny();
    write_tiny(&client, &t).await;
    let detail = client
        .opportunity_detail("OPP-1", 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.account_name, "Northwind");
    assert_eq!(detail.owner_id, "U2");
    assert_eq!(detail.amount, 15_000);
    assert_eq!(detail.stage, "closed_won");
    assert_eq!(detail.product_line, "Analytics");
    assert_eq!(
        detail.history.len(),
        t.stages.len() + t.amounts.len() + t.close_dates.len()
    );
    let seqs: Vec<i64> = detail.history.iter().map(|h| h.seq).collect();
    let mut sorted = seqs.clone();
    sorted.sort_unstable();
    assert_eq!(seqs, sorted, "history is oldest first");
    let push = detail.history.iter().find(|h| h.seq == 5).unwrap();
    assert_eq!(
        (push.from.as_deref(), push.to.as_str()),
        (Some("2026-03-31"), "2026-04-30")
    );
    assert!(
        client
            .opportunity_detail("OPP-404", 10)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn account_timeline_lists_stage_moves_newest_first_within_the_window() {
    let (_db, client) = empty_graph().await;
    write_tiny(&client, &tiny()).await;
    let window = TimelineWindow {
        from: at(2026, 1, 1, 0),
        to: at(2026, 3, 1, 0),
        limit: 50,
    };
    let events = client.account_timeline("ACC-1", window).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["stage_change", "stage_change"]);
    assert!(events[0].at > events[1].at);
    assert!(
        events[0].summary.contains("prospecting -> discovery"),
        "{}",
        events[0].summary
    );
    let limited = client
        .account_timeline("ACC-1", TimelineWindow { limit: 1, ..window })
        .await
        .unwrap();
    assert_eq!(limited.len(), 1);
}

#[tokio::test]
async fn chunk_references_link_to_their_transcript_or_activity_idempotently() {
    use revpulse_graph::model::{Activity, ActivityKind, ChunkRef, Transcript};
    let (_db, client) = empty_graph().await;
    write_tiny(&client, &tiny()).await;
    let call = Activity {
        id: "A-1".into(),
        kind: ActivityKind::Call,
        at: at(2026, 1, 21, 15),
        account_id: "ACC-1".into(),
        opportunity_id: Some("OPP-1".into()),
        user_id: "U2".into(),
        contact_ids: vec![],
        subject: "Discovery call".into(),
        body: String::new(),
        competitors_mentioned: vec![],
        duration_minutes: 30,
    };
    let transcript = Transcript {
        id: "TR-1".into(),
        activity_id: "A-1".into(),
        turns: vec![],
    };
    let chunk = |id: &str, source_type: &str, source_id: &str| ChunkRef {
        id: id.into(),
        source_type: source_type.into(),
        source_id: source_id.into(),
        first_passage: 0,
        last_passage: 3,
        timestamp: at(2026, 1, 21, 15),
        account_id: "ACC-1".into(),
        deal_id: Some("OPP-1".into()),
    };
    let chunks = vec![
        chunk("TR-1#0-3", "call_transcript", "TR-1"),
        chunk("A-1#0-0", "email", "A-1"),
        chunk("X-404#0-0", "email", "X-404"),
    ];
    client.write_records(&[call], None).await.unwrap();
    client.write_records(&[transcript], None).await.unwrap();
    for _ in 0..2 {
        client.write_records(&chunks, None).await.unwrap();
        let counts = client.counts().await.unwrap();
        assert_eq!(counts.nodes.get("Chunk"), Some(&3));
        assert_eq!(
            counts.relationships.get("PART_OF"),
            Some(&2),
            "an unknown source links nothing"
        );
    }
}
