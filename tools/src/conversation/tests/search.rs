//! `conversation_search`: every hit satisfies every filter asked for, carries its passage's
//! metadata and a citation, a region-granted caller never gets another region's passage, and
//! ids outside the scope are refused like unknown ones.

use chrono::Duration;
use serde_json::json;

use super::fixture::{call, company};
use crate::ToolError;
use crate::conversation::ConversationSearchTool;

#[tokio::test]
async fn hits_satisfy_the_filters_and_cite_their_passages() {
    let c = company();
    let ctx = c.everything();
    let account = c.busiest_call_account();
    let from = c.today - Duration::days(365);
    let out = call::<ConversationSearchTool>(
        &ctx,
        json!({"query": "pricing and discount", "account_id": account, "source_type": "call",
               "from": from, "to": c.today}),
    )
    .await
    .unwrap();
    assert!(!out.hits.is_empty() && out.hits.len() <= 8);
    assert_eq!(out.sources.len(), out.hits.len());
    for (hit, source) in out.hits.iter().zip(&out.sources) {
        let doc = c.doc(&hit.chunk_id);
        assert_eq!(hit.account_id, account);
        assert_eq!(doc.metadata.account_id, account);
        assert_eq!(hit.source_type, "call");
        assert_eq!(hit.timestamp, doc.metadata.timestamp);
        assert_eq!(hit.deal_id, doc.metadata.deal_id);
        assert!(hit.timestamp.date_naive() >= from && hit.timestamp.date_naive() <= c.today);
        assert!(doc.text.contains(hit.snippet.trim_end_matches('…').trim()));
        for h in &hit.highlights {
            assert!(hit.snippet.get(h.start..h.end).is_some());
        }
        assert_eq!(source.id(), hit.chunk_id);
    }
}

#[tokio::test]
async fn competitors_kinds_and_limits_narrow_the_hits() {
    let c = company();
    let ctx = c.everything();
    let named = c
        .docs
        .iter()
        .flat_map(|d| d.metadata.competitor_mentioned.iter())
        .next()
        .unwrap()
        .clone();
    let out = call::<ConversationSearchTool>(
        &ctx,
        json!({"query": "cheaper quote", "competitor": named.to_lowercase(), "limit": 100}),
    )
    .await
    .unwrap();
    let expected = c
        .docs
        .iter()
        .filter(|d| d.metadata.competitor_mentioned.contains(&named))
        .count();
    assert_eq!(out.hits.len(), expected.min(25));
    for hit in &out.hits {
        assert!(
            c.doc(&hit.chunk_id)
                .metadata
                .competitor_mentioned
                .contains(&named)
        );
    }
    let tickets = call::<ConversationSearchTool>(
        &ctx,
        json!({"query": "export error", "source_type": "ticket"}),
    )
    .await
    .unwrap();
    assert!(!tickets.hits.is_empty());
    assert!(tickets.hits.iter().all(|h| h.source_type == "ticket"));
}

#[tokio::test]
async fn a_region_caller_sees_only_its_region_and_nothing_of_another() {
    let c = company();
    let account = c.busiest_call_account();
    let region = c.region_of(&account).to_owned();
    let vp = c.region_vp(&region);
    let out = call::<ConversationSearchTool>(
        &vp,
        json!({"query": "pricing security timeline", "limit": 25}),
    )
    .await
    .unwrap();
    assert!(!out.hits.is_empty());
    for hit in &out.hits {
        assert_eq!(c.doc(&hit.chunk_id).metadata.region, region);
    }
    let foreign = c
        .data
        .accounts
        .iter()
        .find(|a| a.region_id != region)
        .unwrap();
    let refused =
        call::<ConversationSearchTool>(&vp, json!({"query": "pricing", "account_id": foreign.id}))
            .await;
    assert!(matches!(
        refused,
        Err(ToolError::NotFound {
            what: "account",
            ..
        })
    ));
    let other = c.other_region(&region);
    let elsewhere =
        call::<ConversationSearchTool>(&vp, json!({"query": "pricing", "region": other}))
            .await
            .unwrap();
    assert!(elsewhere.hits.is_empty());
}

#[tokio::test]
async fn bad_arguments_are_refused_and_answers_repeat() {
    let c = company();
    let ctx = c.everything();
    let inverted = call::<ConversationSearchTool>(
        &ctx,
        json!({"query": "price", "from": c.today, "to": c.today - Duration::days(3)}),
    )
    .await;
    assert!(matches!(inverted, Err(ToolError::InvalidArgs { .. })));
    let blank = call::<ConversationSearchTool>(&ctx, json!({"query": "  "})).await;
    assert!(matches!(blank, Err(ToolError::InvalidArgs { .. })));
    let unknown =
        call::<ConversationSearchTool>(&ctx, json!({"query": "price", "competitor": "Nobody Inc"}))
            .await;
    assert!(matches!(
        unknown,
        Err(ToolError::NotFound {
            what: "competitor",
            ..
        })
    ));
    let args = json!({"query": "security questionnaire", "region": "emea"});
    let first = call::<ConversationSearchTool>(&ctx, args.clone())
        .await
        .unwrap();
    let again = call::<ConversationSearchTool>(&ctx, args).await.unwrap();
    assert_eq!(first, again);
    assert!(
        first
            .hits
            .iter()
            .all(|h| c.doc(&h.chunk_id).metadata.region == "EMEA")
    );
}
