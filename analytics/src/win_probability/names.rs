//! How features read to people and to files: a stable snake-case key (CSV columns, JSON), a
//! label for explanations, and each value written the way a sales leader says it.

use super::features::{DealFeatures, FeatureId};

impl FeatureId {
    /// Stable snake-case key (CSV column name).
    pub fn key(self) -> &'static str {
        match self {
            Self::Stage => "stage",
            Self::DealType => "deal_type",
            Self::Segment => "segment",
            Self::ForecastCall => "forecast_call",
            Self::AgeDays => "age_days",
            Self::DaysInStage => "days_in_stage",
            Self::DaysToExpectedClose => "days_to_expected_close",
            Self::AmountVsSegmentNorm => "amount_vs_segment_norm",
            Self::AmountVsInitial => "amount_vs_initial",
            Self::CloseDatePushes => "close_date_pushes",
            Self::StageRegressions => "stage_regressions",
            Self::DaysSinceLastActivity => "days_since_last_activity",
            Self::DaysSinceExecSponsorEngaged => "days_since_exec_sponsor_engaged",
            Self::EngagedContacts => "engaged_contacts",
            Self::CompetitorPresent => "competitor_present",
            Self::PricingPressureMentions => "pricing_pressure_mentions",
            Self::CampaignSourced => "campaign_sourced",
            Self::OwnerWinRate => "owner_win_rate",
            Self::RecentCallSentiment => "recent_call_sentiment",
        }
    }

    /// Name for explanations.
    pub fn label(self) -> &'static str {
        match self {
            Self::Stage => "Stage",
            Self::DealType => "Deal type",
            Self::Segment => "Segment",
            Self::ForecastCall => "Rep's forecast call",
            Self::AgeDays => "Deal age",
            Self::DaysInStage => "Time in stage",
            Self::DaysToExpectedClose => "Time to expected close",
            Self::AmountVsSegmentNorm => "Amount vs segment norm",
            Self::AmountVsInitial => "Amount vs initial amount",
            Self::CloseDatePushes => "Close-date pushes",
            Self::StageRegressions => "Stage regressions",
            Self::DaysSinceLastActivity => "Days since last activity",
            Self::DaysSinceExecSponsorEngaged => "Exec-sponsor engagement",
            Self::EngagedContacts => "Engaged buyer contacts",
            Self::CompetitorPresent => "Competitor in the deal",
            Self::PricingPressureMentions => "Pricing-pressure mentions",
            Self::CampaignSourced => "Campaign-sourced",
            Self::OwnerWinRate => "Owner's win rate",
            Self::RecentCallSentiment => "Recent call sentiment",
        }
    }
}

impl DealFeatures {
    /// One feature's value, written for people.
    pub fn describe(&self, feature: FeatureId) -> String {
        let days = |d: f64| format!("{d:.0} days");
        let maybe = |v: Option<f64>, f: &dyn Fn(f64) -> String, none: &str| {
            v.map_or_else(|| none.to_string(), f)
        };
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        match feature {
            FeatureId::Stage => self.stage.as_str().to_string(),
            FeatureId::DealType => self.deal_type.as_str().to_string(),
            FeatureId::Segment => self.segment.as_str().to_string(),
            FeatureId::ForecastCall => self.forecast_call.as_str().to_string(),
            FeatureId::AgeDays => days(self.age_days),
            FeatureId::DaysInStage => days(self.days_in_stage),
            FeatureId::DaysToExpectedClose => {
                maybe(self.days_to_expected_close, &days, "no close date")
            }
            FeatureId::AmountVsSegmentNorm => maybe(
                self.amount_vs_segment_norm,
                &|r| format!("{r:.2}× the segment norm"),
                "no norm yet",
            ),
            FeatureId::AmountVsInitial => maybe(
                self.amount_vs_initial,
                &|r| format!("{:+.0}% since creation", (r - 1.0) * 100.0),
                "no amount yet",
            ),
            FeatureId::CloseDatePushes => self.close_date_pushes.to_string(),
            FeatureId::StageRegressions => self.stage_regressions.to_string(),
            FeatureId::DaysSinceLastActivity => {
                maybe(self.days_since_last_activity, &days, "no activity yet")
            }
            FeatureId::DaysSinceExecSponsorEngaged => maybe(
                self.days_since_exec_sponsor_engaged,
                &|d| format!("last engaged {d:.0} days ago"),
                "never engaged",
            ),
            FeatureId::EngagedContacts => self.engaged_contacts.to_string(),
            FeatureId::CompetitorPresent => yes_no(self.competitor_present),
            FeatureId::PricingPressureMentions => self.pricing_pressure_mentions.to_string(),
            FeatureId::CampaignSourced => yes_no(self.campaign_sourced),
            FeatureId::OwnerWinRate => maybe(
                self.owner_win_rate,
                &|r| format!("{:.0}%", r * 100.0),
                "no closed deals yet",
            ),
            FeatureId::RecentCallSentiment => maybe(
                self.recent_call_sentiment,
                &|s| format!("{s:+.2}"),
                "no calls yet",
            ),
        }
    }
}
