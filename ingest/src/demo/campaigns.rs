//! Marketing campaigns across channels, with costs, dates, a target region and a true
//! influence weight (the lift the generator applies to lead conversion and to the win logit of
//! the deals they touch) — the truth attribution models are scored against.

use chrono::{Datelike, NaiveDate};
use rand::Rng;
use revpulse_graph::model::{Campaign, Channel, ContentKind};

use super::calendar::{Calendar, add_days};
use super::ids::IdScheme;
use super::org::REGIONS;
use super::rng::{DemoRng, chance, lognormal, pick, weighted_index};

/// A campaign and its latent influence.
#[derive(Debug, Clone)]
pub(crate) struct CampaignPlan {
    /// The record.
    pub record: Campaign,
    /// Region index, `None` for global campaigns.
    pub region: Option<usize>,
    /// True influence weight per touch.
    pub weight: f64,
    /// Relative number of leads it reaches.
    pub reach: f64,
}

struct ChannelSpec {
    channel: Channel,
    share: f64,
    content: &'static [ContentKind],
    days: (i64, i64),
    cost: (f64, f64),
    influence: f64,
    noun: &'static str,
}

const CHANNELS: [ChannelSpec; 8] = [
    ChannelSpec {
        channel: Channel::PaidSearch,
        share: 1.2,
        content: &[
            ContentKind::None,
            ContentKind::Whitepaper,
            ContentKind::DemoVideo,
        ],
        days: (30, 90),
        cost: (20_000.0, 80_000.0),
        influence: 0.12,
        noun: "Search",
    },
    ChannelSpec {
        channel: Channel::PaidSocial,
        share: 1.0,
        content: &[
            ContentKind::None,
            ContentKind::Whitepaper,
            ContentKind::AnalystReport,
        ],
        days: (30, 60),
        cost: (15_000.0, 60_000.0),
        influence: 0.07,
        noun: "Social",
    },
    ChannelSpec {
        channel: Channel::Organic,
        share: 0.8,
        content: &[
            ContentKind::Whitepaper,
            ContentKind::CaseStudy,
            ContentKind::AnalystReport,
        ],
        days: (60, 150),
        cost: (4_000.0, 18_000.0),
        influence: 0.18,
        noun: "Content Hub",
    },
    ChannelSpec {
        channel: Channel::Email,
        share: 1.2,
        content: &[
            ContentKind::CaseStudy,
            ContentKind::Whitepaper,
            ContentKind::RoiCalculator,
            ContentKind::DemoVideo,
        ],
        days: (30, 100),
        cost: (3_000.0, 12_000.0),
        influence: 0.15,
        noun: "Nurture",
    },
    ChannelSpec {
        channel: Channel::Webinar,
        share: 1.0,
        content: &[ContentKind::Webinar],
        days: (7, 21),
        cost: (8_000.0, 30_000.0),
        influence: 0.3,
        noun: "Webinar",
    },
    ChannelSpec {
        channel: Channel::Event,
        share: 0.6,
        content: &[ContentKind::None, ContentKind::CaseStudy],
        days: (3, 8),
        cost: (40_000.0, 180_000.0),
        influence: 0.38,
        noun: "Summit",
    },
    ChannelSpec {
        channel: Channel::Partner,
        share: 0.5,
        content: &[
            ContentKind::CaseStudy,
            ContentKind::RoiCalculator,
            ContentKind::None,
        ],
        days: (60, 150),
        cost: (10_000.0, 45_000.0),
        influence: 0.42,
        noun: "Partner Program",
    },
    ChannelSpec {
        channel: Channel::Outbound,
        share: 0.8,
        content: &[
            ContentKind::RoiCalculator,
            ContentKind::CaseStudy,
            ContentKind::None,
        ],
        days: (30, 60),
        cost: (10_000.0, 40_000.0),
        influence: 0.22,
        noun: "Outbound Sequence",
    },
];

const THEMES: &[&str] = &[
    "Forecast Accuracy",
    "Pipeline Visibility",
    "Revenue Leaders",
    "Churn Prevention",
    "Data-Driven Selling",
    "RevOps Playbook",
    "Board-Ready Reporting",
    "Customer 360",
    "AI for Revenue Teams",
    "Predictable Growth",
    "Modern Data Stack",
    "Renewal Excellence",
    "Sales Productivity",
    "Win-Rate Lab",
    "Attribution Clarity",
    "Expansion Motion",
];

/// Draws the campaigns, sorted by start date, with ids assigned in that order.
pub(crate) fn build_campaigns(
    rng: &mut DemoRng,
    calendar: &Calendar,
    count: usize,
) -> Vec<CampaignPlan> {
    let shares: Vec<f64> = CHANNELS.iter().map(|c| c.share).collect();
    let mut drafts = Vec::with_capacity(count);
    let last_start = add_days(calendar.today, -3);
    for _ in 0..count {
        let spec = &CHANNELS[weighted_index(rng, &shares)];
        let start = Calendar::date_between(rng, calendar.start, last_start);
        let end = add_days(start, rng.random_range(spec.days.0..=spec.days.1)).min(calendar.today);
        let region = if chance(rng, 0.4) {
            None
        } else {
            Some(weighted_index(rng, &REGIONS.map(|r| r.2)))
        };
        let content = pick(rng, spec.content)
            .copied()
            .unwrap_or(ContentKind::None);
        let cost = (rng.random_range(spec.cost.0..spec.cost.1) / 100.0).round() as i64 * 100;
        // Most campaigns sit near their channel's norm; a few are duds or stars.
        let roll: f64 = rng.random();
        let weight = if roll < 0.1 {
            rng.random_range(0.0..0.03)
        } else if roll > 0.92 {
            (spec.influence * rng.random_range(1.8..2.6)).min(0.9)
        } else {
            lognormal(rng, spec.influence, 0.35).min(0.8)
        };
        let theme = pick(rng, THEMES).copied().unwrap_or("Revenue Leaders");
        let quarter = format!("Q{} {}", start.month0() / 3 + 1, start.year());
        let place = region.map_or("Global", |r| REGIONS[r].0);
        let name = format!("{quarter} {theme} {} ({place})", spec.noun);
        let days = (end - start).num_days().max(1) as f64;
        let reach = (cost as f64).powf(0.6) * days.powf(0.3);
        drafts.push((
            start,
            name,
            spec.channel,
            content,
            cost,
            end,
            region,
            weight,
            reach,
        ));
    }
    drafts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let ids = IdScheme::padded("CMP", drafts.len(), 3);
    let mut seen = std::collections::BTreeSet::new();
    drafts
        .into_iter()
        .enumerate()
        .map(
            |(i, (start, name, channel, content, cost, end, region, weight, reach))| {
                // Two campaigns with the same theme, channel, quarter and place get a wave number.
                let mut unique = name.clone();
                let mut wave = 2;
                while !seen.insert(unique.clone()) {
                    unique = format!("{name} — wave {wave}");
                    wave += 1;
                }
                let name = unique;
                CampaignPlan {
                    record: Campaign {
                        id: ids.id(i),
                        name,
                        channel,
                        content,
                        cost,
                        start_date: start,
                        end_date: end,
                        region_id: region.map(|r| REGIONS[r].0.to_string()),
                    },
                    region,
                    weight: (weight * 1000.0).round() / 1000.0,
                    reach,
                }
            },
        )
        .collect()
}

impl CampaignPlan {
    /// Whether the campaign can touch a lead of `region` on `date`.
    pub fn reaches(&self, region: usize, date: NaiveDate) -> bool {
        self.region.is_none_or(|r| r == region)
            && date >= self.record.start_date
            && date <= self.record.end_date
    }
}
