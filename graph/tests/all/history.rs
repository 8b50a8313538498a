//! Pipeline as of past dates follows the stage, amount and close-date history exactly.

use revpulse_graph::model::{Stage, StageChange};
use revpulse_graph::queries::{PipelineDimension, PipelineQuery, PipelineRow};

use crate::fixture::{at, day, empty_graph, tiny, write_tiny};

fn by_stage(as_of: chrono::NaiveDate) -> PipelineQuery {
    PipelineQuery {
        as_of,
        close_from: None,
        close_to: None,
        by: PipelineDimension::Stage,
    }
}

fn row(stage: Stage, amount: i64) -> PipelineRow {
    PipelineRow {
        key: stage.as_str().into(),
        label: stage.as_str().into(),
        deals: 1,
        amount,
    }
}

#[tokio::test]
async fn pipeline_as_of_follows_every_change() {
    let (_db, client) = empty_graph().await;
    write_tiny(&client, &tiny()).await;
    let cases = [
        (day(2026, 1, 4), vec![]),
        (day(2026, 1, 5), vec![row(Stage::Prospecting, 10_000)]),
        (day(2026, 1, 19), vec![row(Stage::Prospecting, 10_000)]),
        (day(2026, 1, 20), vec![row(Stage::Discovery, 10_000)]),
        (day(2026, 2, 1), vec![row(Stage::Discovery, 15_000)]),
        (day(2026, 4, 27), vec![row(Stage::Discovery, 15_000)]),
        (day(2026, 4, 28), vec![]),
    ];
    for (as_of, expected) in cases {
        assert_eq!(
            client.pipeline(&by_stage(as_of)).await.unwrap(),
            expected,
            "as of {as_of}"
        );
    }
}

#[tokio::test]
async fn a_pushed_close_date_leaves_the_quarter_on_the_day_it_moves() {
    let (_db, client) = empty_graph().await;
    write_tiny(&client, &tiny()).await;
    let q1 = |as_of| PipelineQuery {
        as_of,
        close_from: Some(day(2026, 1, 1)),
        close_to: Some(day(2026, 3, 31)),
        by: PipelineDimension::Region,
    };
    let before = client.pipeline(&q1(day(2026, 3, 24))).await.unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!((before[0].key.as_str(), before[0].amount), ("EMEA", 15_000));
    assert!(
        client
            .pipeline(&q1(day(2026, 3, 25)))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn changes_at_the_same_instant_are_ordered_by_sequence() {
    let (_db, client) = empty_graph().await;
    let mut t = tiny();
    // A regression and a re-advance logged in the same second: the later sequence wins.
    t.stages.push(StageChange {
        opportunity_id: "OPP-1".into(),
        seq: 8,
        at: at(2026, 2, 10, 9),
        from: Some(Stage::Discovery),
        to: Stage::Qualification,
    });
    t.stages.push(StageChange {
        opportunity_id: "OPP-1".into(),
        seq: 9,
        at: at(2026, 2, 10, 9),
        from: Some(Stage::Qualification),
        to: Stage::Proposal,
    });
    write_tiny(&client, &t).await;
    assert_eq!(
        client.pipeline(&by_stage(day(2026, 2, 10))).await.unwrap(),
        vec![row(Stage::Proposal, 15_000)]
    );
}

#[tokio::test]
async fn every_grouping_sums_to_the_same_total() {
    let (_db, client) = empty_graph().await;
    write_tiny(&client, &tiny()).await;
    for by in PipelineDimension::ALL {
        let q = PipelineQuery {
            by,
            ..by_stage(day(2026, 3, 1))
        };
        let rows = client.pipeline(&q).await.unwrap();
        let total: i64 = rows.iter().map(|r| r.amount).sum();
        assert_eq!(total, 15_000, "{by:?}");
    }
}
