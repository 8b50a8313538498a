//! Loading the demo company: idempotent, complete, and as-of pipeline equal to an
//! independent recomputation from the bronze records.

use revpulse_graph::model::Quarter;
use revpulse_graph::queries::{PipelineDimension, PipelineQuery};
use revpulse_ingest::bronze::{SourceLines, read_bronze, write_bronze};
use revpulse_ingest::{load_dataset, recompute};

use crate::company::{empty_graph, small_company, today};

#[tokio::test]
async fn loading_twice_gives_identical_counts_that_match_the_records() {
    let (_db, client) = empty_graph().await;
    let company = small_company(7);
    let dir = tempfile::tempdir().unwrap();
    let lines = SourceLines::generated(dir.path());
    load_dataset(&client, &company.dataset, &lines, None)
        .await
        .unwrap();
    let once = client.counts().await.unwrap();
    load_dataset(&client, &company.dataset, &lines, None)
        .await
        .unwrap();
    let twice = client.counts().await.unwrap();
    assert_eq!(once, twice);
    let d = &company.dataset;
    let expect = [
        ("Account", d.accounts.len()),
        ("Opportunity", d.opportunities.len()),
        ("Activity", d.activities.len()),
        ("Transcript", d.transcripts.len()),
        ("StageChange", d.stage_changes.len()),
        ("CloseDateChange", d.close_date_changes.len()),
        ("Ticket", d.tickets.len()),
        ("UsageSnapshot", d.usage.len()),
        ("Contract", d.contracts.len()),
        ("Lead", d.leads.len()),
        ("Touch", d.touches.len()),
        ("Campaign", d.campaigns.len()),
        ("User", d.users.len()),
        ("Contact", d.contacts.len()),
    ];
    for (label, n) in expect {
        assert_eq!(
            once.nodes.get(label).copied().unwrap_or(0),
            n as i64,
            "{label}"
        );
    }
    assert_eq!(
        once.relationships.get("HAS_OPPORTUNITY").copied(),
        Some(d.opportunities.len() as i64)
    );
    assert_eq!(
        once.relationships.get("ROLE_ON").copied(),
        Some(d.opportunity_contacts.len() as i64)
    );
    assert_eq!(
        once.relationships.get("TOUCHED").copied(),
        Some(d.touches.len() as i64)
    );
}

#[tokio::test]
async fn bronze_files_round_trip_exactly() {
    let company = small_company(11);
    let dir = tempfile::tempdir().unwrap();
    let bronze = dir.path().join("bronze");
    write_bronze(&bronze, &company.dataset, "test", Some(11), today(), &[]).unwrap();
    let read = read_bronze(&bronze).unwrap();
    assert_eq!(read.data, company.dataset);
    // Writing again replaces the folder atomically and leaves no staging folder behind.
    write_bronze(&bronze, &company.dataset, "test", Some(11), today(), &[]).unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("bronze")]);
}

#[tokio::test]
async fn as_of_pipeline_equals_a_recomputation_from_bronze_files() {
    let (_db, client) = empty_graph().await;
    let company = small_company(3);
    let dir = tempfile::tempdir().unwrap();
    let bronze_dir = dir.path().join("bronze");
    write_bronze(&bronze_dir, &company.dataset, "test", Some(3), today(), &[]).unwrap();
    let bronze = read_bronze(&bronze_dir).unwrap();
    load_dataset(&client, &bronze.data, &bronze.lines, None)
        .await
        .unwrap();
    let mut as_of_dates = vec![today(), today().pred_opt().unwrap()];
    let mut quarter = Quarter::containing(today());
    for _ in 0..6 {
        as_of_dates.push(quarter.start());
        as_of_dates.push(quarter.start() + chrono::Duration::days(40));
        quarter = quarter.previous();
    }
    let mut checked_deals = 0;
    for as_of in as_of_dates {
        let q = Quarter::containing(as_of);
        for by in PipelineDimension::ALL {
            for (close_from, close_to) in [(None, None), (Some(q.start()), Some(q.end()))] {
                let query = PipelineQuery {
                    as_of,
                    close_from,
                    close_to,
                    by,
                };
                let from_graph = client.pipeline(&query).await.unwrap();
                let expected = recompute::pipeline(&bronze.data, &query);
                assert_eq!(from_graph, expected, "{query:?}");
                checked_deals += expected.iter().map(|r| r.deals).sum::<i64>();
            }
        }
    }
    assert!(
        checked_deals > 100,
        "the comparison must cover real pipeline, saw {checked_deals} deals"
    );
}
