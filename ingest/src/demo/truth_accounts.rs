//! Ground truth about customers: the latent health of each contract term, how each renewal
//! ended (or will end) and why, why churned accounts left, and who truly has room to expand.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::truth::RankedCause;

/// Usage trajectory of a customer over one contract term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsageTrend {
    /// Falling active users in the months before renewal.
    Decline,
    /// Flat.
    Stable,
    /// Rising toward the seat limit.
    Growth,
}

/// The latent health of a customer over one term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthDriversTruth {
    /// Usage trajectory.
    pub usage_trend: UsageTrend,
    /// Seat utilisation at the start of the term.
    pub seat_utilisation_start: f64,
    /// Seat utilisation at the end of the term.
    pub seat_utilisation_end: f64,
    /// Tickets were many and negative.
    pub negative_ticket_sentiment: bool,
    /// Customer executives stayed engaged (QBRs with executives).
    pub exec_engaged: bool,
    /// Competitor courting the customer.
    pub competitor: Option<String>,
}

/// How a renewal ended (or will end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RenewalOutcome {
    /// Renewed by a successor contract.
    Renewed,
    /// The customer left.
    Churned,
    /// Renewal date still ahead.
    Pending,
}

/// Truth about one contract's renewal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenewalTruth {
    /// Contract id.
    pub contract_id: String,
    /// Account id.
    pub account_id: String,
    /// Renewal date.
    pub renewal_date: NaiveDate,
    /// Outcome.
    pub outcome: RenewalOutcome,
    /// For pending renewals, whether the customer will churn.
    pub will_churn: bool,
    /// Churn probability the generator drew the outcome from.
    pub true_churn_probability: f64,
    /// Latent health of the term.
    pub drivers: HealthDriversTruth,
    /// Causes ranked by contribution (toward the outcome; for pending renewals, the risks).
    pub causes: Vec<RankedCause>,
    /// Short human explanation.
    pub explanation: String,
    /// The renewal opportunity, once created.
    pub renewal_opportunity_id: Option<String>,
    /// The successor contract, when renewed.
    pub successor_contract_id: Option<String>,
}

/// A churned account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChurnTruth {
    /// Account id.
    pub account_id: String,
    /// Last day as a customer (the renewal date).
    pub churned_on: NaiveDate,
    /// Churn probability the generator drew the outcome from.
    pub true_churn_probability: f64,
    /// Causes ranked by contribution.
    pub causes: Vec<RankedCause>,
    /// Short human explanation.
    pub explanation: String,
    /// The contracts that churned.
    pub contract_ids: Vec<String>,
}

/// A customer with real room to grow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpansionCandidate {
    /// Account id.
    pub account_id: String,
    /// Active users over licensed seats in the last full week.
    pub seat_utilisation: f64,
    /// Growth of active users over the last 12 weeks (0.25 = +25%).
    pub usage_growth: f64,
    /// Licensed seats.
    pub licensed_seats: i64,
    /// The expansion deal already opened for it, if any.
    pub expansion_opportunity_id: Option<String>,
}
