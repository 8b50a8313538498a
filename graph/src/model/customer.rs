//! Customers and what they do after the sale: accounts, contacts, contracts, usage, tickets.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Company size band; deal norms (amount, cycle length) differ by segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// Small business.
    Smb,
    /// Mid-market.
    MidMarket,
    /// Enterprise.
    Enterprise,
}

impl Segment {
    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Smb => "smb",
            Self::MidMarket => "mid_market",
            Self::Enterprise => "enterprise",
        }
    }
}

/// A customer or prospect company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Natural key, e.g. `"ACC-0042"`.
    pub id: String,
    /// Company name.
    pub name: String,
    /// Industry, e.g. `"Healthcare"`.
    pub industry: String,
    /// Size band.
    pub segment: Segment,
    /// Sales region the account belongs to.
    pub region_id: String,
    /// Account owner (a rep's [`crate::model::User`] id).
    pub owner_id: String,
    /// Employee count.
    pub employees: i64,
    /// When the account was created in the CRM.
    pub created_on: NaiveDate,
}

/// A person at an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Natural key, e.g. `"C-00123"`.
    pub id: String,
    /// The account the contact works at.
    pub account_id: String,
    /// Full name.
    pub name: String,
    /// Job title, e.g. `"VP Finance"`.
    pub title: String,
    /// Buyer persona used by marketing, e.g. `"finance"`, `"it"`, `"executive"`.
    pub persona: String,
    /// Work email.
    pub email: String,
}

/// Lifecycle of a subscription contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    /// In force, renewal date in the future.
    Active,
    /// Reached its end date and was renewed by a successor contract.
    Renewed,
    /// Reached its end date and the customer left.
    Churned,
}

impl ContractStatus {
    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Renewed => "renewed",
            Self::Churned => "churned",
        }
    }
}

/// A subscription contract; ARR and renewal live here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Natural key, e.g. `"K-00077"`.
    pub id: String,
    /// The customer.
    pub account_id: String,
    /// The won opportunity that created it, if any.
    pub opportunity_id: Option<String>,
    /// Product line under contract.
    pub product_line_id: String,
    /// First day of the term.
    pub start_date: NaiveDate,
    /// Last day of the term; renewal is due then.
    pub renewal_date: NaiveDate,
    /// Annual recurring revenue in dollars.
    pub arr: i64,
    /// Licensed seats.
    pub seats: i64,
    /// Lifecycle status as of the data's "today".
    pub status: ContractStatus,
}

/// One week of product usage for an account (the basis of usage-trend churn signals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsageSnapshot {
    /// The account.
    pub account_id: String,
    /// Monday of the ISO week measured.
    pub week_start: NaiveDate,
    /// Distinct active users that week.
    pub active_users: i64,
    /// Seats licensed that week.
    pub licensed_seats: i64,
    /// Product events recorded that week.
    pub events: i64,
}

impl UsageSnapshot {
    /// Stable id: account and week.
    pub fn id(&self) -> String {
        format!("{}:{}", self.account_id, self.week_start)
    }
}

/// Support ticket priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketPriority {
    /// Low.
    Low,
    /// Normal.
    Normal,
    /// High.
    High,
    /// Production down.
    Urgent,
}

impl TicketPriority {
    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
            Self::Urgent => "urgent",
        }
    }
}

/// One comment on a ticket (the unit of ticket chunking for search).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketComment {
    /// Who wrote it: a contact id or a user id.
    pub author_id: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Text.
    pub body: String,
}

/// A support ticket raised by a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ticket {
    /// Natural key, e.g. `"T-000812"`.
    pub id: String,
    /// The customer.
    pub account_id: String,
    /// The contact who raised it.
    pub contact_id: Option<String>,
    /// Opened at.
    pub opened_at: DateTime<Utc>,
    /// Closed at, if resolved.
    pub closed_at: Option<DateTime<Utc>>,
    /// Priority.
    pub priority: TicketPriority,
    /// Subject line.
    pub subject: String,
    /// Customer sentiment in [-1, 1] as labelled by support.
    pub sentiment: f64,
    /// The conversation on the ticket.
    pub comments: Vec<TicketComment>,
}
