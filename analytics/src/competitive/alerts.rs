//! Renewal-risk alerts: accounts whose renewal falls within the next N days and whose churn
//! probability is above a threshold, ranked by the ARR expected to be lost.

use chrono::NaiveDate;
use serde::Serialize;

use super::churn::{ChurnDriver, ChurnScore};

/// Which renewals raise an alert.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlertPolicy {
    /// Renewals due within this many days from today (today included).
    pub within_days: i64,
    /// Churn probability at or above which to alert.
    pub min_probability: f64,
    /// Risk drivers listed per alert.
    pub drivers: usize,
}

impl Default for AlertPolicy {
    fn default() -> Self {
        Self {
            within_days: 90,
            min_probability: 0.4,
            drivers: 3,
        }
    }
}

/// An upcoming renewal with its churn score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredRenewal {
    /// The account.
    pub account_id: String,
    /// Contracts renewing on that date.
    pub contract_ids: Vec<String>,
    /// Renewal date.
    pub renewal_date: NaiveDate,
    /// ARR up for renewal, in dollars.
    pub arr: i64,
    /// The account's churn score.
    pub score: ChurnScore,
}

/// One alert.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenewalRiskAlert {
    /// The account.
    pub account_id: String,
    /// Contracts renewing.
    pub contract_ids: Vec<String>,
    /// Renewal date.
    pub renewal_date: NaiveDate,
    /// Days from today to the renewal.
    pub days_to_renewal: i64,
    /// Churn probability.
    pub probability: f64,
    /// ARR at risk: the whole ARR up for renewal, in dollars.
    pub arr_at_risk: i64,
    /// Expected ARR loss: probability × ARR.
    pub expected_arr_loss: f64,
    /// The drivers pushing hardest toward churn.
    pub drivers: Vec<ChurnDriver>,
}

/// The alerts raised today, largest expected loss first (ties by account id).
pub fn renewal_risk_alerts(
    renewals: &[ScoredRenewal],
    today: NaiveDate,
    policy: &AlertPolicy,
) -> Vec<RenewalRiskAlert> {
    let mut alerts: Vec<RenewalRiskAlert> = renewals
        .iter()
        .filter_map(|r| {
            let days = (r.renewal_date - today).num_days();
            let due = (0..=policy.within_days).contains(&days);
            (due && r.score.probability >= policy.min_probability).then(|| RenewalRiskAlert {
                account_id: r.account_id.clone(),
                contract_ids: r.contract_ids.clone(),
                renewal_date: r.renewal_date,
                days_to_renewal: days,
                probability: r.score.probability,
                arr_at_risk: r.arr,
                expected_arr_loss: r.score.probability * r.arr as f64,
                drivers: r.score.top_risks(policy.drivers),
            })
        })
        .collect();
    alerts.sort_by(|a, b| {
        b.expected_arr_loss
            .total_cmp(&a.expected_arr_loss)
            .then_with(|| a.account_id.cmp(&b.account_id))
    });
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renewal(id: &str, days: i64, probability: f64, arr: i64) -> ScoredRenewal {
        let today = NaiveDate::from_ymd_opt(2025, 5, 14).unwrap();
        ScoredRenewal {
            account_id: id.into(),
            contract_ids: vec![format!("K-{id}")],
            renewal_date: today + chrono::Duration::days(days),
            arr,
            score: ChurnScore {
                probability,
                log_odds: 0.0,
                baseline: 0.0,
                drivers: Vec::new(),
            },
        }
    }

    #[test]
    fn only_near_risky_renewals_alert_ranked_by_expected_loss() {
        let today = NaiveDate::from_ymd_opt(2025, 5, 14).unwrap();
        let renewals = [
            renewal("A", 30, 0.5, 10_000),
            renewal("B", 30, 0.9, 100_000),
            renewal("C", 120, 0.9, 100_000),
            renewal("D", 10, 0.2, 100_000),
            renewal("E", -1, 0.9, 100_000),
            renewal("F", 90, 0.4, 50_000),
        ];
        let alerts = renewal_risk_alerts(&renewals, today, &AlertPolicy::default());
        let ids: Vec<&str> = alerts.iter().map(|a| a.account_id.as_str()).collect();
        assert_eq!(ids, ["B", "F", "A"]);
        assert_eq!(alerts[0].expected_arr_loss, 0.9 * 100_000.0);
        assert_eq!(alerts[1].days_to_renewal, 90);
    }
}
