//! Marketing: campaigns, the leads they create and the touches along the way.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The channel a campaign runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Paid search.
    PaidSearch,
    /// Paid social.
    PaidSocial,
    /// Organic search and content.
    Organic,
    /// Email nurture.
    Email,
    /// Webinars.
    Webinar,
    /// Field events and conferences.
    Event,
    /// Partner referrals.
    Partner,
    /// Outbound SDR sequences.
    Outbound,
}

impl Channel {
    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PaidSearch => "paid_search",
            Self::PaidSocial => "paid_social",
            Self::Organic => "organic",
            Self::Email => "email",
            Self::Webinar => "webinar",
            Self::Event => "event",
            Self::Partner => "partner",
            Self::Outbound => "outbound",
        }
    }
}

/// The kind of content a campaign puts in front of buyers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    /// Whitepaper or e-book.
    Whitepaper,
    /// Customer case study.
    CaseStudy,
    /// Live or recorded webinar.
    Webinar,
    /// Product demo video.
    DemoVideo,
    /// ROI calculator.
    RoiCalculator,
    /// Analyst report.
    AnalystReport,
    /// No content asset (ads, events).
    None,
}

impl ContentKind {
    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Whitepaper => "whitepaper",
            Self::CaseStudy => "case_study",
            Self::Webinar => "webinar",
            Self::DemoVideo => "demo_video",
            Self::RoiCalculator => "roi_calculator",
            Self::AnalystReport => "analyst_report",
            Self::None => "none",
        }
    }
}

/// A marketing campaign with its cost and dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// Natural key, e.g. `"CMP-031"`.
    pub id: String,
    /// Campaign name.
    pub name: String,
    /// Channel.
    pub channel: Channel,
    /// Content asset promoted.
    pub content: ContentKind,
    /// Total spend in dollars.
    pub cost: i64,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// Region targeted, or `None` for global campaigns.
    pub region_id: Option<String>,
}

/// Where a lead is in the marketing funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    /// Captured, not yet qualified.
    Lead,
    /// Marketing-qualified.
    Mql,
    /// Sales-qualified.
    Sql,
    /// Converted into an opportunity.
    Converted,
    /// Disqualified.
    Disqualified,
}

impl LeadStatus {
    /// The stable lower-case name stored in the graph.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lead => "lead",
            Self::Mql => "mql",
            Self::Sql => "sql",
            Self::Converted => "converted",
            Self::Disqualified => "disqualified",
        }
    }
}

/// A marketing lead moving through lead → MQL → SQL → opportunity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lead {
    /// Natural key, e.g. `"L-004512"`.
    pub id: String,
    /// The contact behind the lead.
    pub contact_id: String,
    /// The account the lead belongs to.
    pub account_id: String,
    /// Captured at.
    pub created_at: DateTime<Utc>,
    /// Marketing-qualified at.
    pub mql_at: Option<DateTime<Utc>>,
    /// Sales-qualified at.
    pub sql_at: Option<DateTime<Utc>>,
    /// Current status.
    pub status: LeadStatus,
    /// The opportunity it converted to.
    pub converted_opportunity_id: Option<String>,
}

/// One campaign touch on a lead (an ad click, a webinar attended, an email opened…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touch {
    /// Natural key, e.g. `"TCH-0000123"`.
    pub id: String,
    /// The campaign.
    pub campaign_id: String,
    /// The lead touched.
    pub lead_id: String,
    /// When.
    pub at: DateTime<Utc>,
}
