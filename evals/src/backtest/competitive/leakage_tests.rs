//! The no-leakage test of the churn features: for sample renewals, the features rebuilt from a
//! copy of the data holding only that account's records from before the as-of date equal the
//! features the backtest computed from the whole data set.

use chrono::{Duration, NaiveDate};
use revpulse_analytics::competitive::churn_features::churn_features;
use revpulse_ingest::dataset::CompanyDataset;

use super::tests::fixture;
use super::{churn, corpus, mentions_in, signals};

/// The dataset restricted to one account and to what existed before `as_of`.
fn before(ds: &CompanyDataset, account: &str, as_of: NaiveDate) -> CompanyDataset {
    let day = |t: chrono::DateTime<chrono::Utc>| t.date_naive();
    let mut out = CompanyDataset {
        competitors: ds.competitors.clone(),
        contacts: ds
            .contacts
            .iter()
            .filter(|c| c.account_id == account)
            .cloned()
            .collect(),
        opportunities: ds
            .opportunities
            .iter()
            .filter(|o| o.account_id == account)
            .cloned()
            .collect(),
        ..CompanyDataset::default()
    };
    out.usage = ds
        .usage
        .iter()
        .filter(|u| u.account_id == account && u.week_start + Duration::days(7) <= as_of)
        .cloned()
        .collect();
    out.activities = ds
        .activities
        .iter()
        .filter(|a| a.account_id == account && day(a.at) < as_of)
        .cloned()
        .collect();
    let kept: std::collections::HashSet<&str> =
        out.activities.iter().map(|a| a.id.as_str()).collect();
    out.transcripts = ds
        .transcripts
        .iter()
        .filter(|t| kept.contains(t.activity_id.as_str()))
        .cloned()
        .collect();
    out.tickets = ds
        .tickets
        .iter()
        .filter(|t| t.account_id == account && day(t.opened_at) < as_of)
        .map(|t| {
            let mut t = t.clone();
            t.comments.retain(|c| day(c.at) < as_of);
            t
        })
        .collect();
    out
}

#[test]
fn churn_features_only_see_the_past() {
    let f = fixture();
    let ds = &f.company.dataset;
    let config = churn::ChurnBacktestConfig::default();
    let cases = churn::cases(ds, &f.facts, f.company.truth.today, &config);
    let churned: Vec<&churn::RenewalCase> = cases
        .iter()
        .filter(|c| c.churned == Some(true))
        .take(4)
        .collect();
    let renewed: Vec<&churn::RenewalCase> = cases
        .iter()
        .filter(|c| c.churned == Some(false))
        .take(4)
        .collect();
    for case in churned.into_iter().chain(renewed) {
        let past = before(ds, &case.account_id, case.as_of);
        let corpus = corpus::build(&past);
        let found = mentions_in(&past, &corpus).unwrap();
        let facts = signals::AccountFacts::build(&past, &corpus, &found);
        let signals = facts.churn_signals(&case.account_id, case.as_of, config.tone);
        let again = churn_features(&signals, case.as_of, case.renewal_date, &config.windows);
        assert_eq!(
            again, case.features,
            "{} {}",
            case.account_id, case.renewal_date
        );
    }
}
