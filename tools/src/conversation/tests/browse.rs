//! `ToolContext::browse` and the paging over it: exactly the passages whose metadata match,
//! newest first, compared with a plain filter over the chunks the index was built from; the
//! caller's scope always replaces the request's.

use revpulse_search::{BrowseRequest, FilterField, RetrievalScope, SearchFilter};

use super::fixture::company;
use crate::conversation::passages::{browse_all, browse_in_pages, last_days, within};

#[tokio::test]
async fn browse_returns_exactly_the_matching_passages_newest_first() {
    let c = company();
    let ctx = c.everything();
    let account = c.busiest_call_account();
    let deal = c
        .docs
        .iter()
        .find_map(|d| d.metadata.deal_id.clone())
        .unwrap();
    let filters = [
        SearchFilter::any().with(FilterField::AccountId, [account.clone()]),
        SearchFilter::any().with(FilterField::DealId, [deal]),
        within(
            SearchFilter::any().with(FilterField::SourceType, ["email", "meeting"]),
            last_days(c.today, 120),
        ),
        within(SearchFilter::any(), last_days(c.today, 30)),
    ];
    for filter in filters {
        let request = BrowseRequest::new(RetrievalScope::Unrestricted).filter(filter.clone());
        let got = ctx.browse(request).await.unwrap();
        let expected = c.admitted(&filter);
        assert!(!expected.is_empty(), "{filter:?} matches nothing");
        assert_eq!(got, expected, "{filter:?}");
    }
}

#[tokio::test]
async fn paging_reads_every_passage_once_whatever_the_page_size() {
    let c = company();
    let ctx = c.everything();
    let filter = within(SearchFilter::any(), last_days(c.today, 200));
    let expected = c.admitted(&filter);
    // A page must hold more passages than share one instant, or paging cannot advance.
    let mut per_instant = std::collections::BTreeMap::new();
    for d in &expected {
        *per_instant.entry(d.metadata.timestamp).or_insert(0) += 1;
    }
    let tie = per_instant.values().copied().max().unwrap();
    for page in [tie + 1, tie + 6, 50, expected.len(), expected.len() + 1] {
        let got = browse_in_pages(&ctx, filter.clone(), page, "test")
            .await
            .unwrap();
        assert_eq!(got, expected, "page {page}");
    }
    assert_eq!(browse_all(&ctx, filter, "test").await.unwrap(), expected);
}

#[tokio::test]
async fn the_callers_scope_replaces_the_requests() {
    let c = company();
    let account = c.busiest_call_account();
    let region = c.region_of(&account).to_owned();
    let vp = c.region_vp(&region);
    // The request claims an unrestricted scope; the context narrows it to the VP's region.
    let got = vp
        .browse(BrowseRequest::new(RetrievalScope::Unrestricted))
        .await
        .unwrap();
    let expected = c.admitted(&SearchFilter::any().with(FilterField::Region, [region.clone()]));
    assert_eq!(got, expected);
    let other = c.other_region(&region);
    let elsewhere = SearchFilter::any().with(FilterField::Region, [other]);
    let leaked = vp
        .browse(BrowseRequest::new(RetrievalScope::Unrestricted).filter(elsewhere))
        .await
        .unwrap();
    assert!(leaked.is_empty());
}
