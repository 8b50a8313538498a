//! Tests of the customer tools on the demo company. Every expected number is recomputed here by
//! a plain second reading of the records ([`naive`]), never pasted.

mod churn_tests;
mod expansion_tests;
mod fixture;
mod health_tests;
mod naive;
mod timeline_tests;
mod timing;

use serde_json::json;

#[tokio::test]
async fn the_catalogue_lists_the_family_and_fills_defaults() {
    let catalogue = crate::Catalogue::standard();
    for name in [
        "churn_risk",
        "expansion_opportunities",
        "account_health",
        "account_timeline",
    ] {
        assert!(catalogue.contains(name), "{name}");
    }
    let ctx = fixture::company().everything();
    for name in ["churn_risk", "expansion_opportunities"] {
        let reply = catalogue
            .call(&ctx, name, serde_json::Value::Null)
            .await
            .unwrap();
        assert!(!reply.sources.is_empty(), "{name}");
        assert!(reply.sources.len() <= 50, "{name}");
    }
    let unknown = catalogue
        .call(
            &ctx,
            "churn_risk",
            json!({ "within_days": 30, "colour": 1 }),
        )
        .await;
    assert!(matches!(unknown, Err(crate::ToolError::InvalidArgs { .. })));
    let missing = catalogue.call(&ctx, "account_health", json!({})).await;
    assert!(matches!(missing, Err(crate::ToolError::InvalidArgs { .. })));
}
