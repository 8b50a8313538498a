//! A caller granted one region sees only that region's numbers, and another region's deals and
//! region id answer `NotFound`, exactly like ids that do not exist.

use std::collections::BTreeMap;

use super::period::{all_at_risk, forecast};
use super::{fixture, naive};
use crate::forecast::deal_detail::{DealDetailArgs, DealDetailTool};
use crate::forecast::deal_risk::{DealRiskArgs, DealRiskTool};
use crate::forecast::forecast_period::{ForecastArgs, ForecastTool};
use crate::forecast::next_best_actions::{NextBestActionsArgs, NextBestActionsTool};
use crate::{DateRange, Tool, ToolError};

/// (a region with open deals this quarter, another region, an open deal of the other region).
fn regions() -> (String, String, String) {
    let ds = &fixture::company().data;
    let region_of: BTreeMap<&str, &str> = ds
        .accounts
        .iter()
        .map(|a| (a.id.as_str(), a.region_id.as_str()))
        .collect();
    let quarter = DateRange::quarter_of(fixture::company().today);
    let open_here = |o: &&revpulse_graph::model::Opportunity| {
        o.stage.is_open() && o.deal_type != "renewal" && quarter.contains(o.close_date)
    };
    let first = ds.opportunities.iter().find(open_here).unwrap();
    let mine = region_of[first.account_id.as_str()];
    let other = ds
        .opportunities
        .iter()
        .filter(|o| o.stage.is_open())
        .find(|o| region_of[o.account_id.as_str()] != mine)
        .unwrap();
    let theirs = region_of[other.account_id.as_str()];
    (mine.to_owned(), theirs.to_owned(), other.id.clone())
}

#[tokio::test]
async fn a_regional_caller_gets_only_its_region() {
    let (mine, _, _) = regions();
    let ctx = fixture::company().region_vp(&mine);
    let out = forecast(&ctx, None).await;
    let quarter = DateRange::quarter_of(fixture::company().today);
    let expected = naive::buckets(&fixture::company().data, quarter, Some(&mine));
    assert_eq!(
        (
            out.closed_won,
            out.commit,
            out.best_case,
            out.pipeline,
            out.open_deals
        ),
        (
            expected.closed,
            expected.commit,
            expected.best_case,
            expected.pipeline,
            expected.open_deals
        )
    );
    assert_eq!(
        out.quota,
        naive::rep_quota(&fixture::company().data, Some(&mine))
    );
    let everything = naive::buckets(&fixture::company().data, quarter, None);
    assert!(
        out.commit + out.best_case + out.pipeline
            < everything.commit + everything.best_case + everything.pipeline
    );
    let ds = &fixture::company().data;
    let risk = all_at_risk(&ctx, None).await;
    for row in &risk.deals {
        let deal = ds
            .opportunities
            .iter()
            .find(|o| o.id == row.deal_id)
            .unwrap();
        let account = ds
            .accounts
            .iter()
            .find(|a| a.id == deal.account_id)
            .unwrap();
        assert_eq!(account.region_id, mine);
    }
}

#[tokio::test]
async fn the_region_argument_narrows_an_unrestricted_caller_to_the_same_deals() {
    let (mine, _, _) = regions();
    let cro = fixture::company().everything();
    let narrowed = forecast(&cro, Some(&mine)).await;
    let vp = forecast(&fixture::company().region_vp(&mine), None).await;
    assert_eq!(
        (
            narrowed.closed_won,
            narrowed.commit,
            narrowed.best_case,
            narrowed.pipeline,
            narrowed.quota
        ),
        (
            vp.closed_won,
            vp.commit,
            vp.best_case,
            vp.pipeline,
            vp.quota
        )
    );
    assert_eq!(narrowed.region.as_deref(), Some(mine.as_str()));
}

#[tokio::test]
async fn another_regions_deal_and_region_are_not_found() {
    let (mine, theirs, their_deal) = regions();
    let ctx = fixture::company().region_vp(&mine);
    let detail = DealDetailTool
        .call(
            &ctx,
            DealDetailArgs {
                deal_id: their_deal.clone(),
            },
        )
        .await;
    assert!(
        matches!(detail, Err(ToolError::NotFound { what: "deal", .. })),
        "{detail:?}"
    );
    let risk = DealRiskTool
        .call(
            &ctx,
            DealRiskArgs {
                deal_id: their_deal.clone(),
            },
        )
        .await;
    assert!(matches!(risk, Err(ToolError::NotFound { .. })));
    let actions = NextBestActionsTool
        .call(
            &ctx,
            NextBestActionsArgs {
                deal_id: their_deal.clone(),
            },
        )
        .await;
    assert!(matches!(actions, Err(ToolError::NotFound { .. })));
    let args = ForecastArgs {
        period: None,
        region: Some(theirs),
    };
    let other_region = ForecastTool.call(&ctx, args).await;
    assert!(matches!(
        other_region,
        Err(ToolError::NotFound { what: "region", .. })
    ));
    let missing = DealDetailTool
        .call(
            &ctx,
            DealDetailArgs {
                deal_id: "OPP-NOPE".into(),
            },
        )
        .await
        .unwrap_err();
    let hidden = detail.unwrap_err();
    assert_eq!(
        missing.user_message().replace("OPP-NOPE", "?"),
        hidden.user_message().replace(&their_deal, "?")
    );
    let cro = fixture::company().everything();
    let seen = DealDetailTool
        .call(
            &cro,
            DealDetailArgs {
                deal_id: their_deal,
            },
        )
        .await;
    assert!(seen.is_ok());
}
