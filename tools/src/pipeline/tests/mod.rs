//! Tests of the pipeline tools on one small demo company. Every expected number is recomputed
//! here by a plain second reading of the records ([`naive`]), never pasted.

mod attainment_tests;
mod bookings_tests;
mod changes_tests;
mod fixture;
mod naive;
mod open_pipeline_tests;
mod slipped_tests;
mod stuck_tests;

use serde_json::json;

#[tokio::test]
async fn the_catalogue_lists_the_family_and_fills_defaults() {
    let catalogue = crate::Catalogue::standard();
    for name in [
        "pipeline",
        "pipeline_changes",
        "bookings_arr",
        "rep_attainment",
        "slipped_deals",
        "stuck_deals",
    ] {
        assert!(catalogue.contains(name), "{name}");
    }
    let ctx = fixture::company().everything();
    for name in [
        "pipeline",
        "pipeline_changes",
        "bookings_arr",
        "slipped_deals",
        "stuck_deals",
    ] {
        let reply = catalogue
            .call(&ctx, name, serde_json::Value::Null)
            .await
            .unwrap();
        assert!(
            !reply.sources.is_empty() || name == "slipped_deals",
            "{name}"
        );
        assert!(reply.sources.len() <= 50, "{name}");
    }
    let unknown = catalogue
        .call(
            &ctx,
            "pipeline",
            json!({ "as_of": "2026-01-01", "colour": 1 }),
        )
        .await;
    assert!(matches!(unknown, Err(crate::ToolError::InvalidArgs { .. })));
}

/// Collects what the catalogue reports.
#[derive(Default)]
struct Recorder(std::sync::Mutex<Vec<(String, usize, bool)>>);

impl crate::ToolObserver for Recorder {
    fn observe(
        &self,
        tool: &str,
        _args: &serde_json::Value,
        result: Result<&crate::ToolReply, &crate::ToolError>,
    ) {
        let sources = result.map(|r| r.sources.len()).unwrap_or(0);
        self.0
            .lock()
            .unwrap()
            .push((tool.to_owned(), sources, result.is_ok()));
    }
}

#[tokio::test]
async fn an_observed_context_reports_every_call_with_its_sources() {
    let catalogue = crate::Catalogue::standard();
    let recorder = std::sync::Arc::new(Recorder::default());
    let ctx = fixture::company()
        .everything()
        .observed_by(recorder.clone());
    let reply = catalogue
        .call(&ctx, "pipeline", serde_json::Value::Null)
        .await
        .unwrap();
    let _ = catalogue.call(&ctx, "no_such_tool", json!({})).await;
    let _ = catalogue
        .call(&ctx, "pipeline", json!({ "colour": 1 }))
        .await;
    let seen = recorder.0.lock().unwrap().clone();
    assert_eq!(
        seen,
        vec![
            ("pipeline".to_owned(), reply.sources.len(), true),
            ("no_such_tool".to_owned(), 0, false),
            ("pipeline".to_owned(), 0, false),
        ]
    );
}
