//! The categories a deal's features take: its open stage, deal type, segment and the rep's
//! forecast call — mirrors of the CRM's values, so analytics needs no dependency on the graph.

use serde::{Deserialize, Serialize};

use crate::forecast::SalesStage;

/// An open sales stage, in funnel order (a scored deal is open by definition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenStage {
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
}

impl OpenStage {
    /// Every open stage in funnel order.
    pub const ALL: [OpenStage; 5] = [
        Self::Prospecting,
        Self::Qualification,
        Self::Discovery,
        Self::Proposal,
        Self::Negotiation,
    ];

    /// Position in the funnel (0 = prospecting); the model's encoding.
    pub fn order(self) -> u8 {
        SalesStage::from(self).order()
    }

    /// The stable lower-case name.
    pub fn as_str(self) -> &'static str {
        SalesStage::from(self).as_str()
    }
}

/// Every open stage is a sales stage; the funnel order and names live there once.
impl From<OpenStage> for SalesStage {
    fn from(stage: OpenStage) -> Self {
        match stage {
            OpenStage::Prospecting => Self::Prospecting,
            OpenStage::Qualification => Self::Qualification,
            OpenStage::Discovery => Self::Discovery,
            OpenStage::Proposal => Self::Proposal,
            OpenStage::Negotiation => Self::Negotiation,
        }
    }
}

/// The kind of deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealType {
    /// A first purchase.
    NewBusiness,
    /// More seats or another product line for a customer.
    Expansion,
    /// Renewal of a contract.
    Renewal,
}

impl DealType {
    /// Every deal type.
    pub const ALL: [DealType; 3] = [Self::NewBusiness, Self::Expansion, Self::Renewal];

    /// The stable lower-case name (the CRM's `deal_type`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewBusiness => "new_business",
            Self::Expansion => "expansion",
            Self::Renewal => "renewal",
        }
    }
}

/// Company size band of the buying account.
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
    /// Every segment, smallest first.
    pub const ALL: [Segment; 3] = [Self::Smb, Self::MidMarket, Self::Enterprise];

    /// The stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Smb => "smb",
            Self::MidMarket => "mid_market",
            Self::Enterprise => "enterprise",
        }
    }
}

/// The rep's forecast call on the deal as of the snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastCall {
    /// Early, not in the forecast.
    Pipeline,
    /// Could close this period with some luck.
    BestCase,
    /// The rep commits to it.
    Commit,
    /// Booked (never true of an open deal as of a snapshot; seen only when history leaks).
    Closed,
    /// Lost or excluded (same remark as `Closed`).
    Omitted,
}

impl ForecastCall {
    /// Every call, in the model's encoding order.
    pub const ALL: [ForecastCall; 5] = [
        Self::Pipeline,
        Self::BestCase,
        Self::Commit,
        Self::Closed,
        Self::Omitted,
    ];

    /// The stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pipeline => "pipeline",
            Self::BestCase => "best_case",
            Self::Commit => "commit",
            Self::Closed => "closed",
            Self::Omitted => "omitted",
        }
    }

    pub(crate) fn code(self) -> f64 {
        match self {
            Self::Pipeline => 0.0,
            Self::BestCase => 1.0,
            Self::Commit => 2.0,
            Self::Closed => 3.0,
            Self::Omitted => 4.0,
        }
    }
}

#[cfg(test)]
mod stage_tests {
    use super::*;

    #[test]
    fn open_stages_keep_funnel_order_and_their_serialised_names() {
        for (i, stage) in OpenStage::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(stage.order()), i);
            assert!(SalesStage::from(stage).is_open());
            let json = serde_json::to_string(&stage).unwrap();
            assert_eq!(json, format!("\"{}\"", stage.as_str()));
        }
    }
}
