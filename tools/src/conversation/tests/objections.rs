//! `objections`: the passages read are exactly those of the subject and period (a plain scan of
//! the chunks), groups are ordered and bounded, every quote is a sentence of a passage in scope
//! that reads as an objection of its group, and a region caller stays in its region.

use chrono::Duration;
use revpulse_search::{FilterField, SearchFilter};
use serde_json::json;

use super::fixture::{Company, call, company};
use crate::conversation::ObjectionsTool;
use crate::conversation::objections::ObjectionsOutput;
use crate::conversation::passages::{last_days, within};
use crate::conversation::rivals::Rivals;
use crate::conversation::sentences::read;
use crate::{DateRange, ToolError};

fn check_groups(c: &Company, out: &ObjectionsOutput, quotes_per_group: usize) {
    let rivals = Rivals::of(&c.data).unwrap();
    assert!(out.groups.windows(2).all(|w| w[0].count >= w[1].count));
    assert_eq!(
        out.sources.len(),
        out.groups.iter().map(|g| g.quotes.len()).sum::<usize>()
    );
    for group in &out.groups {
        assert!(group.count >= 1 && group.count <= out.passages_scanned);
        assert!(!group.quotes.is_empty() && group.quotes.len() <= quotes_per_group);
        for q in &group.quotes {
            let doc = c.doc(&q.chunk_id);
            assert!(doc.text.contains(&q.text), "{}: {}", q.chunk_id, q.text);
            assert!(out.period.contains(q.timestamp.date_naive()));
            assert_eq!(q.account_id, doc.metadata.account_id);
            assert_eq!(
                read(&q.text, Some(&rivals)).objection(),
                Some(group.category)
            );
        }
    }
}

#[tokio::test]
async fn an_accounts_objections_over_a_year_are_grouped_and_quoted() {
    let c = company();
    let account = c.busiest_call_account();
    let period = DateRange {
        from: c.today - Duration::days(364),
        to: c.today,
    };
    let args = json!({"account_id": account, "period": period, "quotes_per_group": 2});
    let out = call::<ObjectionsTool>(&c.everything(), args.clone())
        .await
        .unwrap();
    let filter = within(
        SearchFilter::any().with(FilterField::AccountId, [account.clone()]),
        period,
    );
    assert_eq!(out.passages_scanned, c.admitted(&filter).len());
    assert!(!out.groups.is_empty());
    check_groups(c, &out, 2);
    for q in out.groups.iter().flat_map(|g| &g.quotes) {
        assert_eq!(q.account_id, account);
    }
    assert_eq!(
        out,
        call::<ObjectionsTool>(&c.everything(), args).await.unwrap()
    );
}

#[tokio::test]
async fn the_default_period_is_the_last_ninety_days() {
    let c = company();
    let out = call::<ObjectionsTool>(&c.everything(), json!({}))
        .await
        .unwrap();
    assert_eq!(out.period, last_days(c.today, 90));
    assert_eq!(
        out.passages_scanned,
        c.admitted(&within(SearchFilter::any(), out.period)).len()
    );
    check_groups(c, &out, 3);
}

#[tokio::test]
async fn a_competitor_narrows_to_passages_naming_it() {
    let c = company();
    let period = DateRange {
        from: c.today - Duration::days(364),
        to: c.today,
    };
    let in_period = c.admitted(&within(SearchFilter::any(), period));
    // The competitor named in the most passages of the period.
    let mut passages = std::collections::BTreeMap::new();
    for name in in_period
        .iter()
        .flat_map(|d| &d.metadata.competitor_mentioned)
    {
        *passages.entry(name.clone()).or_insert(0) += 1;
    }
    let named = passages
        .into_iter()
        .max_by_key(|(n, k)| (*k, std::cmp::Reverse(n.clone())))
        .unwrap()
        .0;
    let out = call::<ObjectionsTool>(
        &c.everything(),
        json!({"competitor": named, "period": period}),
    )
    .await
    .unwrap();
    // The ingest's exact matcher finds every passage naming a competitor in the demo's texts
    // (a misspelled mention always follows an exact one in the same passage).
    let expected = in_period
        .iter()
        .filter(|d| d.metadata.competitor_mentioned.contains(&named))
        .count();
    assert_eq!(out.passages_scanned, expected);
    assert!(
        out.groups
            .iter()
            .any(|g| g.category.as_str() == "competitor")
    );
    check_groups(c, &out, 3);
}

#[tokio::test]
async fn a_region_caller_reads_its_region_only() {
    let c = company();
    let account = c.busiest_call_account();
    let region = c.region_of(&account).to_owned();
    let vp = c.region_vp(&region);
    let period = DateRange {
        from: c.today - Duration::days(364),
        to: c.today,
    };
    let out = call::<ObjectionsTool>(&vp, json!({"period": period}))
        .await
        .unwrap();
    let filter = within(
        SearchFilter::any().with(FilterField::Region, [region.clone()]),
        period,
    );
    assert_eq!(out.passages_scanned, c.admitted(&filter).len());
    for q in out.groups.iter().flat_map(|g| &g.quotes) {
        assert_eq!(c.doc(&q.chunk_id).metadata.region, region);
    }
    let foreign = c
        .data
        .accounts
        .iter()
        .find(|a| a.region_id != region)
        .unwrap();
    let refused = call::<ObjectionsTool>(&vp, json!({"account_id": foreign.id})).await;
    assert!(matches!(
        refused,
        Err(ToolError::NotFound {
            what: "account",
            ..
        })
    ));
    let unknown = call::<ObjectionsTool>(&vp, json!({"competitor": "Nobody Inc"})).await;
    assert!(matches!(
        unknown,
        Err(ToolError::NotFound {
            what: "competitor",
            ..
        })
    ));
}
