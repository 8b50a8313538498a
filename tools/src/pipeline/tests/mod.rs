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
