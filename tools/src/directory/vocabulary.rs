//! The closed vocabularies the directory tools filter and report by — stage, deal status,
//! forecast category, segment, channel — as schema-carrying twins of the graph's enums (the
//! graph's model types carry no JSON Schema), so GraphQL and MCP clients see real enums with
//! the graph's stored names.

use revpulse_graph::model::{Channel, ForecastCategory, Segment, Stage};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A deal's sales stage, by the graph's stored name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DealStage {
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

impl From<Stage> for DealStage {
    fn from(stage: Stage) -> Self {
        match stage {
            Stage::Prospecting => Self::Prospecting,
            Stage::Qualification => Self::Qualification,
            Stage::Discovery => Self::Discovery,
            Stage::Proposal => Self::Proposal,
            Stage::Negotiation => Self::Negotiation,
            Stage::ClosedWon => Self::ClosedWon,
            Stage::ClosedLost => Self::ClosedLost,
        }
    }
}

/// Whether a deal is still being worked, won or lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    /// Any open stage (prospecting to negotiation).
    Open,
    /// Closed won.
    Won,
    /// Closed lost.
    Lost,
}

impl DealStatus {
    /// The status a stage means.
    pub fn of(stage: Stage) -> Self {
        match stage {
            Stage::ClosedWon => Self::Won,
            Stage::ClosedLost => Self::Lost,
            Stage::Prospecting
            | Stage::Qualification
            | Stage::Discovery
            | Stage::Proposal
            | Stage::Negotiation => Self::Open,
        }
    }
}

/// The rep's forecast call on a deal, by the graph's stored name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DealForecastCategory {
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

impl From<ForecastCategory> for DealForecastCategory {
    fn from(category: ForecastCategory) -> Self {
        match category {
            ForecastCategory::Pipeline => Self::Pipeline,
            ForecastCategory::BestCase => Self::BestCase,
            ForecastCategory::Commit => Self::Commit,
            ForecastCategory::Closed => Self::Closed,
            ForecastCategory::Omitted => Self::Omitted,
        }
    }
}

/// An account's size band, by the graph's stored name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountSegment {
    /// Small business.
    Smb,
    /// Mid-market.
    MidMarket,
    /// Enterprise.
    Enterprise,
}

impl From<Segment> for AccountSegment {
    fn from(segment: Segment) -> Self {
        match segment {
            Segment::Smb => Self::Smb,
            Segment::MidMarket => Self::MidMarket,
            Segment::Enterprise => Self::Enterprise,
        }
    }
}

/// The channel a campaign runs in, by the graph's stored name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CampaignChannel {
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

impl From<Channel> for CampaignChannel {
    fn from(channel: Channel) -> Self {
        match channel {
            Channel::PaidSearch => Self::PaidSearch,
            Channel::PaidSocial => Self::PaidSocial,
            Channel::Organic => Self::Organic,
            Channel::Email => Self::Email,
            Channel::Webinar => Self::Webinar,
            Channel::Event => Self::Event,
            Channel::Partner => Self::Partner,
            Channel::Outbound => Self::Outbound,
        }
    }
}
