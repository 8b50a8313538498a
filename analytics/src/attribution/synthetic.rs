//! Seeded synthetic journeys at any size, for benchmarks and peer comparisons beyond what
//! the demo company holds (a million paths). Each campaign has a true lift added to the
//! conversion logit of every journey it touches, so recovery can be checked too. The same
//! spec always yields the same book.

use chrono::{DateTime, Duration, Utc};
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::LogNormal;

use super::{AttributionError, Campaign, Journey, JourneyBook, JourneyOutcome, Milestones, Touch};

/// What to synthesise.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticSpec {
    /// Journeys.
    pub journeys: usize,
    /// Campaigns (ids `CMP-0000`…).
    pub campaigns: usize,
    /// Channels (`channel_00`…); campaign `i` runs in channel `i % channels`.
    pub channels: usize,
    /// Longest journey, in touches (at most 6 are likely; the tail is capped here).
    pub max_touches: usize,
    /// Share of journeys still in progress.
    pub in_progress_share: f64,
    /// Seed of every draw.
    pub seed: u64,
}

impl SyntheticSpec {
    /// `journeys` journeys over 160 campaigns in 8 channels, up to 6 touches, all resolved.
    pub fn new(journeys: usize, seed: u64) -> Self {
        Self {
            journeys,
            campaigns: 160,
            channels: 8,
            max_touches: 6,
            in_progress_share: 0.0,
            seed,
        }
    }
}

/// A synthetic book and the truth behind it.
#[derive(Debug, Clone)]
pub struct SyntheticJourneys {
    /// The journeys.
    pub book: JourneyBook,
    /// True lift of each campaign on the conversion logit, in campaign order.
    pub lift: Vec<f64>,
}

/// Draws the journeys of a spec.
pub fn synthetic_journeys(spec: &SyntheticSpec) -> Result<SyntheticJourneys, AttributionError> {
    if spec.campaigns == 0 || spec.channels == 0 || spec.max_touches == 0 {
        return Err(AttributionError::InvalidConfig(
            "synthetic journeys need campaigns, channels and touches",
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let (campaigns, lift, reach) = draw_campaigns(&mut rng, spec)?;
    let pick = WeightedIndex::new(&reach)
        .map_err(|_| AttributionError::InvalidConfig("synthetic campaign reach"))?;
    let lengths: Vec<f64> = [0.3, 0.25, 0.2, 0.12, 0.08, 0.05]
        .into_iter()
        .chain(std::iter::repeat(0.02))
        .take(spec.max_touches)
        .collect();
    let length = WeightedIndex::new(&lengths)
        .map_err(|_| AttributionError::InvalidConfig("synthetic journey lengths"))?;
    let revenue = LogNormal::new(30_000f64.ln(), 0.6)
        .map_err(|_| AttributionError::InvalidConfig("synthetic revenue"))?;
    let mut journeys = Vec::with_capacity(spec.journeys);
    for _ in 0..spec.journeys {
        let touches = length.sample(&mut rng) + 1;
        journeys.push(draw_journey(
            &mut rng, spec, touches, &pick, &lift, &revenue,
        ));
    }
    Ok(SyntheticJourneys {
        book: JourneyBook::new(campaigns, journeys)?,
        lift,
    })
}

type CampaignDraw = (Vec<Campaign>, Vec<f64>, Vec<f64>);

fn draw_campaigns(
    rng: &mut ChaCha8Rng,
    spec: &SyntheticSpec,
) -> Result<CampaignDraw, AttributionError> {
    let lift_law = LogNormal::new(0.2f64.ln(), 0.6)
        .map_err(|_| AttributionError::InvalidConfig("synthetic lift"))?;
    let reach_law =
        LogNormal::new(0.0, 1.0).map_err(|_| AttributionError::InvalidConfig("synthetic reach"))?;
    let mut campaigns = Vec::with_capacity(spec.campaigns);
    let mut lift = Vec::with_capacity(spec.campaigns);
    let mut reach = Vec::with_capacity(spec.campaigns);
    for i in 0..spec.campaigns {
        campaigns.push(Campaign {
            id: format!("CMP-{i:04}"),
            channel: format!("channel_{:02}", i % spec.channels),
            cost: rng.random_range(10..500) * 100,
        });
        lift.push(lift_law.sample(rng).min(2.0));
        reach.push(reach_law.sample(rng));
    }
    Ok((campaigns, lift, reach))
}

fn draw_journey(
    rng: &mut ChaCha8Rng,
    spec: &SyntheticSpec,
    touches: usize,
    pick: &WeightedIndex<f64>,
    lift: &[f64],
    revenue: &LogNormal<f64>,
) -> Journey {
    let mut at = DateTime::<Utc>::UNIX_EPOCH
        + Duration::days(19_000 + rng.random_range(0..720))
        + Duration::minutes(rng.random_range(0..1_440));
    let mut path = Vec::with_capacity(touches);
    let mut logit = -2.2;
    for _ in 0..touches {
        let campaign = pick.sample(rng);
        if path.iter().all(|t: &Touch| t.campaign as usize != campaign) {
            logit += lift[campaign];
        }
        path.push(Touch {
            campaign: campaign as u32,
            at,
        });
        at += Duration::hours(rng.random_range(12..720));
    }
    let last = touches - 1;
    let milestones = Milestones {
        lead_created: Some(rng.random_range(0..=last.min(1))),
        opportunity_created: Some(rng.random_range(last.saturating_sub(1)..=last)),
        closed_won: Some(last),
    };
    let amount = ((5_000.0 + revenue.sample(rng)) / 100.0).round() as i64 * 100;
    let converts = rng.random::<f64>() < 1.0 / (1.0 + (-logit).exp());
    let outcome = if rng.random::<f64>() < spec.in_progress_share {
        JourneyOutcome::InProgress
    } else if converts {
        let closed_at = at + Duration::days(rng.random_range(10..90));
        JourneyOutcome::Won {
            revenue: amount,
            closed_at,
        }
    } else {
        JourneyOutcome::NotConverted
    };
    let opened = converts || rng.random::<f64>() < 0.3;
    Journey {
        touches: path,
        milestones,
        outcome,
        pipeline: if opened { amount } else { 0 },
    }
}
