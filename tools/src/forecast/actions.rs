//! The closed table from a risk driver's kind to the action that answers it. Every action is an
//! imperative written here, followed by the driver's own words in parentheses so the reason is
//! specific ("Book a meeting with the exec sponsor (no exec-sponsor engagement in 21 days)");
//! kinds that are facts rather than risks (deal type, a distant close date…) have no action.

use super::risk_words::RiskDriver;

/// What to do about one kind of risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Get the named exec sponsor into a meeting.
    MeetExecSponsor,
    /// Find an executive sponsor at all.
    FindExecSponsor,
    /// Restart the conversation.
    ReEngageBuyer,
    /// Add stakeholders.
    MultiThread,
    /// Pin down the close plan.
    MutualClosePlan,
    /// Move the deal to its next stage.
    AdvanceStage,
    /// Put price on the table.
    PresentPricing,
    /// Answer price pushback with value.
    BuildRoiCase,
    /// Prepare against a competitor.
    CompetitivePlan,
    /// Fix the stale close date.
    UpdateCloseDate,
    /// Check the deal's size still holds.
    RevalidateScope,
    /// Confirm budget for a large deal.
    ConfirmBudget,
    /// Qualify again after moving back.
    Requalify,
    /// Bring the manager in.
    ManagerReview,
    /// Check the deal is still a priority for the buyer.
    ConfirmPriority,
}

impl Action {
    /// The imperative, without the reason.
    fn imperative(self, driver: &RiskDriver) -> String {
        match self {
            Self::MeetExecSponsor => "Book a meeting with the exec sponsor".to_owned(),
            Self::FindExecSponsor => {
                "Identify an exec sponsor or economic buyer and bring them into the next meeting"
                    .to_owned()
            }
            Self::ReEngageBuyer => "Re-engage the buyer: schedule a call this week".to_owned(),
            Self::MultiThread => {
                "Multi-thread the deal: bring more buyer stakeholders into the next meeting"
                    .to_owned()
            }
            Self::MutualClosePlan => {
                "Agree a mutual close plan with the buyer and confirm the close date".to_owned()
            }
            Self::AdvanceStage => match driver {
                RiskDriver::StalledInStage { stage, .. } | RiskDriver::EarlyStage { stage } => {
                    format!("Agree the concrete next step that moves the deal out of {stage}")
                }
                _ => "Agree the concrete next step that moves the deal forward".to_owned(),
            },
            Self::PresentPricing => "Walk the buyer through pricing and send a quote".to_owned(),
            Self::BuildRoiCase => "Build an ROI case to answer the pricing pushback".to_owned(),
            Self::CompetitivePlan => match driver {
                RiskDriver::CompetitorPresent {
                    competitor: Some(c),
                } => {
                    format!("Prepare a competitive plan against {c}")
                }
                _ => "Prepare a competitive plan against the competitor".to_owned(),
            },
            Self::UpdateCloseDate => "Confirm a realistic close date with the buyer".to_owned(),
            Self::RevalidateScope => {
                "Re-validate scope and budget with the economic buyer".to_owned()
            }
            Self::ConfirmBudget => "Confirm the budget is approved for a deal this size".to_owned(),
            Self::Requalify => "Re-qualify the deal: confirm need, budget and timeline".to_owned(),
            Self::ManagerReview => "Review the deal strategy with the owner's manager".to_owned(),
            Self::ConfirmPriority => {
                "Confirm the project is still a priority for the buyer this quarter".to_owned()
            }
        }
    }

    /// The action with its reason, e.g. "Book a meeting … (no exec-sponsor engagement in 21
    /// days)".
    pub fn text(self, driver: &RiskDriver) -> String {
        format!("{} ({})", self.imperative(driver), driver.words())
    }
}

/// The action that answers a driver; `None` for drivers that are facts, not risks to act on.
pub(crate) fn action_for(driver: &RiskDriver) -> Option<Action> {
    Some(match driver {
        RiskDriver::NoExecutiveEngagement {
            executives_named: 0,
            ..
        } => Action::FindExecSponsor,
        RiskDriver::NoExecutiveEngagement { days: Some(d), .. } if *d < 7 => return None,
        RiskDriver::NoExecutiveEngagement { .. } => Action::MeetExecSponsor,
        RiskDriver::NoRecentActivity { days: Some(d) } if *d < 7 => return None,
        RiskDriver::NoRecentActivity { .. } => Action::ReEngageBuyer,
        RiskDriver::SingleThreaded { .. } => Action::MultiThread,
        RiskDriver::ClosePushed { pushes: 0 } => return None,
        RiskDriver::ClosePushed { .. } => Action::MutualClosePlan,
        RiskDriver::StalledInStage { .. } | RiskDriver::EarlyStage { .. } => Action::AdvanceStage,
        RiskDriver::PricingNotDiscussed { .. } => Action::PresentPricing,
        RiskDriver::PricingPressure { .. } => Action::BuildRoiCase,
        RiskDriver::CompetitorPresent { .. } => Action::CompetitivePlan,
        RiskDriver::CloseDateOverdue { .. } => Action::UpdateCloseDate,
        RiskDriver::AmountChanged { percent } if *percent < 0 => Action::RevalidateScope,
        RiskDriver::AmountVsNorm { hundredths } if *hundredths > 100 => Action::ConfirmBudget,
        RiskDriver::StageRegressed { times: 0 } => return None,
        RiskDriver::StageRegressed { .. } => Action::Requalify,
        RiskDriver::OwnerTrackRecord { .. } => Action::ManagerReview,
        RiskDriver::LongCycle { .. } => Action::ConfirmPriority,
        RiskDriver::AmountChanged { .. }
        | RiskDriver::AmountVsNorm { .. }
        | RiskDriver::CloseDateFar { .. }
        | RiskDriver::ForecastCall { .. }
        | RiskDriver::Profile { .. } => return None,
    })
}
