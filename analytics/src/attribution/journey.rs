//! The input of attribution: the campaigns that can be credited (with channel and spend) and
//! the journeys along Campaign → Lead → SQL → Opportunity → Closed revenue, each an ordered
//! list of campaign touches with its milestones and outcome. [`JourneyBook::new`] checks the
//! journeys once so every model can trust them.

use chrono::{DateTime, Utc};

use super::AttributionError;

/// A campaign that can receive credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    /// Campaign id (the credited key at campaign level).
    pub id: String,
    /// Channel name (the credited key at channel level).
    pub channel: String,
    /// Total spend in dollars, for ROI.
    pub cost: i64,
}

/// One campaign touch on a journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touch {
    /// Index of the campaign in the book's campaign list.
    pub campaign: u32,
    /// When the touch happened.
    pub at: DateTime<Utc>,
}

/// The milestone touches of a journey, as indices into its touches. The first touch is
/// always index 0. A missing milestone falls back to the first touch (lead created) or the
/// last touch (opportunity created, closed won).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Milestones {
    /// The touch that created the lead.
    pub lead_created: Option<usize>,
    /// The touch that created the opportunity (the SQL touch).
    pub opportunity_created: Option<usize>,
    /// The last touch before the deal closed won.
    pub closed_won: Option<usize>,
}

/// How a journey ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JourneyOutcome {
    /// Closed-won revenue, in dollars, and when it closed.
    Won {
        /// Revenue won, in dollars.
        revenue: i64,
        /// When the deal closed (time decay counts back from here).
        closed_at: DateTime<Utc>,
    },
    /// Ended without revenue (disqualified lead, lost deal, dead lead).
    NotConverted,
    /// Still moving: counted for influenced pipeline, left out of every model.
    InProgress,
}

/// One buyer's path through the funnel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journey {
    /// Campaign touches in time order.
    pub touches: Vec<Touch>,
    /// Milestone touches.
    pub milestones: Milestones,
    /// How it ended.
    pub outcome: JourneyOutcome,
    /// Amount of the opportunity it created, in dollars (0 when none).
    pub pipeline: i64,
}

impl Journey {
    /// Revenue won by this journey (0 unless won).
    pub fn revenue(&self) -> i64 {
        match self.outcome {
            JourneyOutcome::Won { revenue, .. } => revenue,
            JourneyOutcome::NotConverted | JourneyOutcome::InProgress => 0,
        }
    }

    /// Whether the journey has ended (won or not), so the data-driven models can use it.
    pub fn is_resolved(&self) -> bool {
        !matches!(self.outcome, JourneyOutcome::InProgress)
    }
}

/// Checked campaigns and journeys: every touch names a known campaign, touches are in time
/// order, milestones are in range, won journeys have a touch, amounts are non-negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyBook {
    campaigns: Vec<Campaign>,
    journeys: Vec<Journey>,
    won_revenue: i64,
}

impl JourneyBook {
    /// Checks and wraps the campaigns and journeys.
    pub fn new(campaigns: Vec<Campaign>, journeys: Vec<Journey>) -> Result<Self, AttributionError> {
        check_campaigns(&campaigns)?;
        let mut total: i128 = 0;
        for (index, journey) in journeys.iter().enumerate() {
            check_journey(index, journey, campaigns.len())?;
            total += i128::from(journey.revenue());
        }
        let won_revenue = i64::try_from(total).map_err(|_| AttributionError::RevenueOverflow)?;
        Ok(Self {
            campaigns,
            journeys,
            won_revenue,
        })
    }

    /// The campaigns, in the order touches index them.
    pub fn campaigns(&self) -> &[Campaign] {
        &self.campaigns
    }

    /// The journeys.
    pub fn journeys(&self) -> &[Journey] {
        &self.journeys
    }

    /// Total revenue of the won journeys: what every model distributes.
    pub fn won_revenue(&self) -> i64 {
        self.won_revenue
    }
}

fn check_campaigns(campaigns: &[Campaign]) -> Result<(), AttributionError> {
    let mut ids: Vec<&str> = campaigns.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(AttributionError::DuplicateCampaign(pair[0].to_string()));
    }
    match campaigns.iter().find(|c| c.cost < 0) {
        Some(c) => Err(AttributionError::NegativeCost(c.id.clone())),
        None => Ok(()),
    }
}

fn check_journey(
    index: usize,
    journey: &Journey,
    campaigns: usize,
) -> Result<(), AttributionError> {
    let touches = &journey.touches;
    if let Some(touch) = touches
        .iter()
        .position(|t| t.campaign as usize >= campaigns)
    {
        return Err(AttributionError::UnknownCampaign {
            journey: index,
            touch,
        });
    }
    if touches.windows(2).any(|w| w[1].at < w[0].at) {
        return Err(AttributionError::TouchesOutOfOrder(index));
    }
    let m = journey.milestones;
    let in_range = |i: Option<usize>| i.is_none_or(|i| i < touches.len());
    if !(in_range(m.lead_created) && in_range(m.opportunity_created) && in_range(m.closed_won)) {
        return Err(AttributionError::MilestoneOutOfRange(index));
    }
    if journey.revenue() < 0 || journey.pipeline < 0 {
        return Err(AttributionError::NegativeAmount(index));
    }
    let won = matches!(journey.outcome, JourneyOutcome::Won { .. });
    if won && touches.is_empty() {
        return Err(AttributionError::UntouchedConversion(index));
    }
    Ok(())
}
