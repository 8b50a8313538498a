//! On the default 600-account demo: first (model fitted) and warm (cached) call times, printed
//! not asserted, and how well today's churn probabilities rank the renewals the generator
//! planted to churn.

use std::collections::BTreeMap;
use std::time::Instant;

use serde_json::json;

use super::fixture::{call, default_demo};
use crate::customer::account_health::AccountHealthOutput;
use crate::customer::churn_risk::ChurnRiskOutput;
use crate::customer::expansion_opportunities::ExpansionOpportunitiesOutput;

#[tokio::test]
async fn call_times_and_recovery_on_the_default_demo() {
    let c = default_demo();
    let ctx = c.everything();
    let args = json!({ "within_days": 120, "limit": 10_000 });
    let t = Instant::now();
    let first: ChurnRiskOutput = call(&ctx, "churn_risk", args.clone()).await.unwrap();
    println!("churn_risk first call {:?}", t.elapsed());
    let t = Instant::now();
    let warm: ChurnRiskOutput = call(&ctx, "churn_risk", args).await.unwrap();
    println!("churn_risk warm call {:?}", t.elapsed());
    assert_eq!(first, warm);
    let id = &warm.accounts[0].account_id;
    let t = Instant::now();
    let _: AccountHealthOutput = call(&ctx, "account_health", json!({ "account_id": id }))
        .await
        .unwrap();
    println!("account_health warm call {:?}", t.elapsed());
    for run in ["first", "warm"] {
        let t = Instant::now();
        let _: ExpansionOpportunitiesOutput = call(&ctx, "expansion_opportunities", json!({}))
            .await
            .unwrap();
        println!("expansion_opportunities {run} call {:?}", t.elapsed());
    }
    let t = Instant::now();
    let _ = crate::customer::cache::fingerprint(&c.data);
    println!("  of which fingerprint {:?}", t.elapsed());
    let t = Instant::now();
    let _ = crate::customer::book::CustomerBook::new(&c.data);
    println!("  of which customer book {:?}", t.elapsed());
    let t = Instant::now();
    let _: serde_json::Value = call(&ctx, "account_timeline", json!({ "account_id": id }))
        .await
        .unwrap();
    println!("account_timeline call {:?}", t.elapsed());

    let planted: BTreeMap<(&str, chrono::NaiveDate), bool> = c
        .truth
        .renewals
        .iter()
        .map(|r| ((r.account_id.as_str(), r.renewal_date), r.will_churn))
        .collect();
    let (mut scores, mut labels) = (Vec::new(), Vec::new());
    for a in &warm.accounts {
        if let Some(churns) = planted.get(&(a.account_id.as_str(), a.renewal_date)) {
            scores.push(a.churn_probability);
            labels.push(*churns);
        }
    }
    let auc = revpulse_analytics::stats::auc(&scores, &labels);
    println!(
        "planted renewals scored {} (churners {}), AUC {auc:?}",
        labels.len(),
        labels.iter().filter(|l| **l).count()
    );
    assert!(auc.unwrap() > 0.6);
}
