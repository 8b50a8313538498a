//! Opportunities (deals), their stages and forecast categories, and who is involved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Sales stage of an opportunity, in funnel order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// First conversations.
    Prospecting,
    /// Need, budget and timing confirmed.
    Qualification,
    /// Discovery and demos.
    Discovery,
    /// Proposal sent.
    Proposal,
    /// Commercial negotiation and procurement.
    Negotiation,
    /// Signed.
    ClosedWon,
    /// Lost or abandoned.
    ClosedLost,
}

impl Stage {
    /// Every stage in funnel order.
    pub const ALL: [Stage; 7] = [
        Self::Prospecting,
        Self::Qualification,
        Self::Discovery,
        Self::Proposal,
        Self::Negotiation,
        Self::ClosedWon,
        Self::ClosedLost,
    ];

    /// The open stages in funnel order.
    pub const OPEN: [Stage; 5] = [
        Self::Prospecting,
        Self::Qualification,
        Self::Discovery,
        Self::Proposal,
        Self::Negotiation,
    ];

    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prospecting => "prospecting",
            Self::Qualification => "qualification",
            Self::Discovery => "discovery",
            Self::Proposal => "proposal",
            Self::Negotiation => "negotiation",
            Self::ClosedWon => "closed_won",
            Self::ClosedLost => "closed_lost",
        }
    }

    /// Parses the stored name back; `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Position in the funnel (0 = prospecting); closed stages share the last position.
    pub fn order(self) -> u8 {
        match self {
            Self::Prospecting => 0,
            Self::Qualification => 1,
            Self::Discovery => 2,
            Self::Proposal => 3,
            Self::Negotiation => 4,
            Self::ClosedWon | Self::ClosedLost => 5,
        }
    }

    /// Whether the deal is still being worked.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::ClosedWon | Self::ClosedLost)
    }

    /// The CRM's default probability for the stage, in percent.
    pub fn default_probability(self) -> u8 {
        match self {
            Self::Prospecting => 10,
            Self::Qualification => 20,
            Self::Discovery => 40,
            Self::Proposal => 60,
            Self::Negotiation => 80,
            Self::ClosedWon => 100,
            Self::ClosedLost => 0,
        }
    }
}

/// The rep's forecast call on a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastCategory {
    /// Early, not in the forecast.
    Pipeline,
    /// Could close this period with some luck.
    BestCase,
    /// The rep commits to it.
    Commit,
    /// Won.
    Closed,
    /// Lost or excluded.
    Omitted,
}

impl ForecastCategory {
    /// Every category.
    pub const ALL: [ForecastCategory; 5] = [
        Self::Pipeline,
        Self::BestCase,
        Self::Commit,
        Self::Closed,
        Self::Omitted,
    ];

    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pipeline => "pipeline",
            Self::BestCase => "best_case",
            Self::Commit => "commit",
            Self::Closed => "closed",
            Self::Omitted => "omitted",
        }
    }

    /// Parses the stored name back; `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A deal being worked (or closed) with an account. Fields hold the *current* values; the
/// change records in [`crate::model::StageChange`] and friends hold how they got there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// Natural key, e.g. `"OPP-1045"`.
    pub id: String,
    /// Deal name.
    pub name: String,
    /// The buying account.
    pub account_id: String,
    /// The rep who owns it.
    pub owner_id: String,
    /// Product line being sold.
    pub product_line_id: String,
    /// Main product being sold.
    pub product_id: String,
    /// Creation date.
    pub created_on: NaiveDate,
    /// Current amount in dollars.
    pub amount: i64,
    /// Current stage.
    pub stage: Stage,
    /// Current expected (or actual) close date.
    pub close_date: NaiveDate,
    /// Current forecast category.
    pub forecast_category: ForecastCategory,
    /// CRM probability in percent.
    pub probability: u8,
    /// "new_business", "expansion" or "renewal".
    pub deal_type: String,
    /// The lead it was converted from, when marketing sourced it.
    pub lead_id: Option<String>,
    /// Competitor recorded on the deal by the rep, if any.
    pub primary_competitor: Option<String>,
    /// Reason given when lost.
    pub loss_reason: Option<String>,
}

/// The part a contact plays in a buying decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuyingRole {
    /// Signs off on the money.
    EconomicBuyer,
    /// Sells internally for us.
    Champion,
    /// Senior executive sponsoring the project.
    ExecSponsor,
    /// Evaluates the technology.
    TechnicalEvaluator,
    /// Runs the purchasing process.
    Procurement,
    /// Future user.
    EndUser,
}

impl BuyingRole {
    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EconomicBuyer => "economic_buyer",
            Self::Champion => "champion",
            Self::ExecSponsor => "exec_sponsor",
            Self::TechnicalEvaluator => "technical_evaluator",
            Self::Procurement => "procurement",
            Self::EndUser => "end_user",
        }
    }
}

/// A contact's role on one opportunity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpportunityContact {
    /// The deal.
    pub opportunity_id: String,
    /// The person.
    pub contact_id: String,
    /// Their role.
    pub role: BuyingRole,
}
