//! The feature row of a deal *as of* a snapshot date — what the win model learns from and
//! explains with — and the closed list of features, each with its name, kind and how it is
//! turned into a number (missing values stay missing: `NaN` in the model's matrix).

use serde::{Deserialize, Serialize};

pub use super::categories::{DealType, ForecastCall, OpenStage, Segment};

/// Everything the win model knows about one deal as of one snapshot date. Every value must
/// come from records time-stamped strictly before the snapshot; `None` means "unknown" (no
/// activity yet, no closed deal of the owner yet…) and is learned from, not imputed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DealFeatures {
    /// Stage as of the snapshot.
    pub stage: OpenStage,
    /// New business, expansion or renewal.
    pub deal_type: DealType,
    /// The account's size band.
    pub segment: Segment,
    /// The rep's forecast call as of the snapshot.
    pub forecast_call: ForecastCall,
    /// Days since the deal was created.
    pub age_days: f64,
    /// Days since it entered its current stage.
    pub days_in_stage: f64,
    /// Days from the snapshot to the expected close date as of the snapshot (negative when
    /// overdue).
    pub days_to_expected_close: Option<f64>,
    /// Amount as of the snapshot divided by the typical amount of its segment.
    pub amount_vs_segment_norm: Option<f64>,
    /// Amount as of the snapshot divided by the amount at creation (below 1: discounted or
    /// cut back).
    pub amount_vs_initial: Option<f64>,
    /// Times the expected close date was moved later.
    pub close_date_pushes: u32,
    /// Times the stage moved backwards.
    pub stage_regressions: u32,
    /// Days since the last call, email or meeting on the deal.
    pub days_since_last_activity: Option<f64>,
    /// Days since an executive sponsor last took part in an activity.
    pub days_since_exec_sponsor_engaged: Option<f64>,
    /// Distinct buyer contacts engaged so far (multi-threading).
    pub engaged_contacts: u32,
    /// A competitor has been mentioned on the deal.
    pub competitor_present: bool,
    /// Passages where the buyer pushed on price.
    pub pricing_pressure_mentions: u32,
    /// Marketing sourced or warmed the deal.
    pub campaign_sourced: bool,
    /// The owner's win rate on deals closed before the snapshot.
    pub owner_win_rate: Option<f64>,
    /// Tone of the buyer in the most recent calls, in [-1, 1].
    pub recent_call_sentiment: Option<f64>,
}

/// Whether a feature is a category (encoded by its order) or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    /// A category; the model sees its code, people see its name.
    Categorical,
    /// A count, a duration, a ratio or a flag.
    Numeric,
}

/// The closed list of features, in the order of the model's matrix columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureId {
    /// [`DealFeatures::stage`].
    Stage,
    /// [`DealFeatures::deal_type`].
    DealType,
    /// [`DealFeatures::segment`].
    Segment,
    /// [`DealFeatures::forecast_call`].
    ForecastCall,
    /// [`DealFeatures::age_days`].
    AgeDays,
    /// [`DealFeatures::days_in_stage`].
    DaysInStage,
    /// [`DealFeatures::days_to_expected_close`].
    DaysToExpectedClose,
    /// [`DealFeatures::amount_vs_segment_norm`].
    AmountVsSegmentNorm,
    /// [`DealFeatures::amount_vs_initial`].
    AmountVsInitial,
    /// [`DealFeatures::close_date_pushes`].
    CloseDatePushes,
    /// [`DealFeatures::stage_regressions`].
    StageRegressions,
    /// [`DealFeatures::days_since_last_activity`].
    DaysSinceLastActivity,
    /// [`DealFeatures::days_since_exec_sponsor_engaged`].
    DaysSinceExecSponsorEngaged,
    /// [`DealFeatures::engaged_contacts`].
    EngagedContacts,
    /// [`DealFeatures::competitor_present`].
    CompetitorPresent,
    /// [`DealFeatures::pricing_pressure_mentions`].
    PricingPressureMentions,
    /// [`DealFeatures::campaign_sourced`].
    CampaignSourced,
    /// [`DealFeatures::owner_win_rate`].
    OwnerWinRate,
    /// [`DealFeatures::recent_call_sentiment`].
    RecentCallSentiment,
}

/// Number of features (matrix columns).
pub const FEATURE_COUNT: usize = FeatureId::ALL.len();

impl FeatureId {
    /// Every feature in matrix-column order.
    pub const ALL: [FeatureId; 19] = [
        Self::Stage,
        Self::DealType,
        Self::Segment,
        Self::ForecastCall,
        Self::AgeDays,
        Self::DaysInStage,
        Self::DaysToExpectedClose,
        Self::AmountVsSegmentNorm,
        Self::AmountVsInitial,
        Self::CloseDatePushes,
        Self::StageRegressions,
        Self::DaysSinceLastActivity,
        Self::DaysSinceExecSponsorEngaged,
        Self::EngagedContacts,
        Self::CompetitorPresent,
        Self::PricingPressureMentions,
        Self::CampaignSourced,
        Self::OwnerWinRate,
        Self::RecentCallSentiment,
    ];

    /// Column position in the model's matrix.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Category or number.
    pub fn kind(self) -> FeatureKind {
        match self {
            Self::Stage | Self::DealType | Self::Segment | Self::ForecastCall => {
                FeatureKind::Categorical
            }
            _ => FeatureKind::Numeric,
        }
    }
}

impl DealFeatures {
    /// The value of one feature as the model sees it; `NaN` when missing. Categories are
    /// encoded by their order, flags as 0/1.
    pub fn value(&self, feature: FeatureId) -> f64 {
        let missing = |v: Option<f64>| v.unwrap_or(f64::NAN);
        match feature {
            FeatureId::Stage => f64::from(self.stage.order()),
            FeatureId::DealType => self.deal_type as u8 as f64,
            FeatureId::Segment => self.segment as u8 as f64,
            FeatureId::ForecastCall => self.forecast_call.code(),
            FeatureId::AgeDays => self.age_days,
            FeatureId::DaysInStage => self.days_in_stage,
            FeatureId::DaysToExpectedClose => missing(self.days_to_expected_close),
            FeatureId::AmountVsSegmentNorm => missing(self.amount_vs_segment_norm),
            FeatureId::AmountVsInitial => missing(self.amount_vs_initial),
            FeatureId::CloseDatePushes => f64::from(self.close_date_pushes),
            FeatureId::StageRegressions => f64::from(self.stage_regressions),
            FeatureId::DaysSinceLastActivity => missing(self.days_since_last_activity),
            FeatureId::DaysSinceExecSponsorEngaged => missing(self.days_since_exec_sponsor_engaged),
            FeatureId::EngagedContacts => f64::from(self.engaged_contacts),
            FeatureId::CompetitorPresent => f64::from(u8::from(self.competitor_present)),
            FeatureId::PricingPressureMentions => f64::from(self.pricing_pressure_mentions),
            FeatureId::CampaignSourced => f64::from(u8::from(self.campaign_sourced)),
            FeatureId::OwnerWinRate => missing(self.owner_win_rate),
            FeatureId::RecentCallSentiment => missing(self.recent_call_sentiment),
        }
    }

    /// The whole row in matrix-column order.
    pub fn to_vector(&self) -> [f64; FEATURE_COUNT] {
        FeatureId::ALL.map(|f| self.value(f))
    }
}
