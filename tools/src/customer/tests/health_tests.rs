//! `account_health`: ARR, renewal, usage, tickets and open deals equal a plain scan of the
//! records; the verdict follows its reasons; an account out of scope is `NotFound`, exactly
//! like one that does not exist.

use chrono::Duration;
use serde_json::json;

use super::fixture::{call, company};
use super::naive;
use crate::ToolError;
use crate::customer::account_health::AccountHealthOutput;
use crate::customer::health::HealthStatus;

async fn health(ctx: &crate::ToolContext, id: &str) -> Result<AccountHealthOutput, ToolError> {
    call(ctx, "account_health", json!({ "account_id": id })).await
}

#[tokio::test]
async fn every_part_equals_a_plain_scan() {
    let c = company();
    let ctx = c.everything();
    let mut statuses = Vec::new();
    for account in c.data.accounts.iter().take(60) {
        let out = health(&ctx, &account.id).await.unwrap();
        let id = &account.id;
        assert_eq!(out.account.name, account.name);
        assert_eq!(out.account.region, account.region_id);
        assert_eq!(out.arr, naive::arr(&c.data, id, c.today), "{id}");
        let next = naive::in_force(&c.data, id, c.today)
            .iter()
            .map(|k| k.renewal_date)
            .min();
        assert_eq!(out.renewal_date, next);
        assert_eq!(out.days_to_renewal, next.map(|d| (d - c.today).num_days()));
        let unsigned = naive::in_force(&c.data, id, c.today)
            .into_iter()
            .filter(|k| !naive::signed(&c.data, k, c.today))
            .map(|k| k.renewal_date)
            .min();
        assert_eq!(out.churn_probability.is_some(), unsigned.is_some(), "{id}");
        assert_eq!(
            out.renewal_signed,
            next.is_some() && unsigned != next,
            "{id}"
        );
        assert!(
            out.churn_probability
                .is_none_or(|p| (0.0..=1.0).contains(&p))
        );
        assert!((0.0..=1.0).contains(&out.expansion_score));
        let weeks = naive::weeks(&c.data, id, c.today);
        match (&out.usage, weeks.last()) {
            (Some(u), Some(last)) => {
                assert_eq!(u.week_start, last.week_start);
                assert_eq!(u.active_users, last.active_users);
                assert_eq!(u.licensed_seats, last.licensed_seats);
                assert!((u.utilisation_rate - naive::utilisation(&weeks)).abs() < 1e-9);
                if weeks.len() >= 3 {
                    assert!((u.trend_rate - naive::trend(&weeks)).abs() < 1e-9, "{id}");
                }
            }
            (None, None) => {}
            other => panic!("usage mismatch for {id}: {other:?}"),
        }
        let tickets = naive::tickets(&c.data, id);
        let open = tickets
            .iter()
            .filter(|t| t.opened_at.date_naive() <= c.today)
            .filter(|t| t.closed_at.is_none_or(|x| x.date_naive() > c.today))
            .count();
        let recent: Vec<_> = tickets
            .iter()
            .filter(|t| t.opened_at.date_naive() > c.today - Duration::days(90))
            .filter(|t| t.opened_at.date_naive() <= c.today)
            .collect();
        assert_eq!(out.tickets.open, open, "{id}");
        assert_eq!(out.tickets.last_90_days, recent.len(), "{id}");
        if !recent.is_empty() {
            let negative = recent.iter().filter(|t| t.sentiment < 0.0).count();
            let share = negative as f64 / recent.len() as f64;
            assert!((out.tickets.negative_share.unwrap() - share).abs() < 1e-12);
        }
        let mut deals: Vec<&str> = c
            .data
            .opportunities
            .iter()
            .filter(|o| &o.account_id == id && o.stage.is_open())
            .map(|o| o.id.as_str())
            .collect();
        deals.sort();
        let mut got: Vec<&str> = out.open_deals.iter().map(|d| d.deal_id.as_str()).collect();
        got.sort();
        assert_eq!(got, deals);
        let worst = out.health_reasons.iter().map(|r| r.status).max();
        assert_eq!(out.health, worst.unwrap_or(HealthStatus::Healthy));
        if let Some(e) = &out.last_exec_engagement {
            assert_eq!(e.days_ago, (c.today - e.date).num_days());
            assert!(e.days_ago >= 0);
        }
        assert_eq!(out.sources[0].id(), id);
        statuses.push(out.health);
    }
    assert!(statuses.contains(&HealthStatus::Healthy));
    assert!(statuses.contains(&HealthStatus::AtRisk));
}

#[tokio::test]
async fn an_account_out_of_scope_is_not_found_like_a_missing_one() {
    let c = company();
    let regions = c.regions();
    let vp = c.region_vp(&regions[0]);
    let outside = c
        .data
        .accounts
        .iter()
        .find(|a| a.region_id != regions[0])
        .unwrap();
    let inside = c
        .data
        .accounts
        .iter()
        .find(|a| a.region_id == regions[0])
        .unwrap();
    let refused = health(&vp, &outside.id).await.unwrap_err();
    assert!(matches!(
        refused,
        ToolError::NotFound {
            what: "account",
            ..
        }
    ));
    let missing = health(&vp, "ACC-NOPE").await.unwrap_err();
    assert_eq!(
        refused.user_message(),
        missing.user_message().replace("ACC-NOPE", &outside.id)
    );
    let seen = health(&vp, &inside.id).await.unwrap();
    assert_eq!(seen.arr, naive::arr(&c.data, &inside.id, c.today));
}

#[tokio::test]
async fn a_narrow_scope_still_gets_a_summary_without_a_model() {
    let c = company();
    let customer = &c
        .data
        .contracts
        .iter()
        .find(|k| k.start_date <= c.today && c.today <= k.renewal_date)
        .unwrap()
        .account_id;
    let out = health(&c.account_manager(&[customer]), customer)
        .await
        .unwrap();
    assert_eq!(out.churn_probability, None);
    assert_eq!(out.arr, naive::arr(&c.data, customer, c.today));
    let same = health(&c.account_manager(&[customer]), customer)
        .await
        .unwrap();
    assert_eq!(out, same);
}
