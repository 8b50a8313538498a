//! The health verdict of one account — healthy, watch or at risk — from fixed, documented
//! thresholds over its churn probability, usage, tickets and executive engagement, each
//! threshold crossed becoming a reason in words. The verdict is the worst reason's level.
//!
//! At risk: churn probability ≥ 50%; active users down ≥ 25% over the trend window.
//! Watch: churn probability ≥ 25%; active users down ≥ 10%; under 50% of seats used; at least
//! two tickets in 90 days, half or more of them negative; a customer without executive
//! engagement in 180 days.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::signals::{CustomerSignal, percent};

/// How an account is doing.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// No threshold crossed.
    Healthy,
    /// Worth a look.
    Watch,
    /// Needs action.
    AtRisk,
}

/// One threshold the account crossed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HealthReason {
    /// The level it calls for.
    pub status: HealthStatus,
    /// The signal.
    pub signal: CustomerSignal,
    /// What was seen, with its numbers.
    pub detail: String,
}

/// The facts the verdict is judged on, with the words already written for some of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct HealthFacts {
    /// Churn probability at the next renewal, when scored.
    pub churn_probability: Option<f64>,
    /// Relative change of active users over the trend window, with its words.
    pub usage_trend: Option<(f64, String)>,
    /// Seat utilisation, with its words.
    pub utilisation: Option<(f64, String)>,
    /// Tickets opened in the last 90 days and how many were negative.
    pub tickets_90: (usize, usize),
    /// Days since the last executive engagement for a customer (`Some(None)`: never), with
    /// its words; `None` for a non-customer.
    pub exec_gap: Option<(Option<i64>, String)>,
}

/// Days without executive engagement after which a customer is watched.
const EXEC_GAP_DAYS: i64 = 180;

/// The verdict and its reasons, worst first.
pub(crate) fn verdict(facts: &HealthFacts) -> (HealthStatus, Vec<HealthReason>) {
    let mut reasons = Vec::new();
    let mut add = |status, signal, detail: String| {
        reasons.push(HealthReason {
            status,
            signal,
            detail,
        });
    };
    if let Some(p) = facts.churn_probability {
        let words = format!("churn probability {}% at the next renewal", percent(p));
        if p >= 0.5 {
            add(
                HealthStatus::AtRisk,
                CustomerSignal::ChurnProbability,
                words,
            );
        } else if p >= 0.25 {
            add(HealthStatus::Watch, CustomerSignal::ChurnProbability, words);
        }
    }
    if let Some((trend, words)) = &facts.usage_trend {
        if *trend <= -0.25 {
            add(
                HealthStatus::AtRisk,
                CustomerSignal::UsageDecline,
                words.clone(),
            );
        } else if *trend <= -0.10 {
            add(
                HealthStatus::Watch,
                CustomerSignal::UsageDecline,
                words.clone(),
            );
        }
    }
    if let Some((rate, words)) = &facts.utilisation
        && *rate < 0.5
    {
        add(
            HealthStatus::Watch,
            CustomerSignal::SeatUtilisation,
            words.clone(),
        );
    }
    let (tickets, negative) = facts.tickets_90;
    if tickets >= 2 && negative * 2 >= tickets {
        add(
            HealthStatus::Watch,
            CustomerSignal::NegativeTicketSentiment,
            format!("{negative} of {tickets} tickets in the last 90 days negative"),
        );
    }
    if let Some((gap, words)) = &facts.exec_gap
        && gap.is_none_or(|days| days > EXEC_GAP_DAYS)
    {
        add(
            HealthStatus::Watch,
            CustomerSignal::NoExecEngagement,
            words.clone(),
        );
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.status));
    let status = reasons.first().map_or(HealthStatus::Healthy, |r| r.status);
    (status, reasons)
}
