//! Tests of attribution: hand-computed heuristics, the textbook Markov chains, Shapley by
//! hand and by sampling, input checks, and property tests of the invariants.

mod book;
mod heuristics;
mod markov;
mod props;
mod recovery;
mod shapley;

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;

/// Midnight on day `d` after 2025-01-01.
pub(super) fn day(d: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap() + Duration::days(d)
}

/// Campaigns `CMP-0…` with the given channels and a cost of 1,000 each.
pub(super) fn campaigns(channels: &[&str]) -> Vec<Campaign> {
    channels
        .iter()
        .enumerate()
        .map(|(i, ch)| Campaign {
            id: format!("CMP-{i}"),
            channel: (*ch).to_string(),
            cost: 1_000,
        })
        .collect()
}

/// A journey through `path` (campaign indices), one touch a week from day 0.
pub(super) fn journey(path: &[u32], outcome: JourneyOutcome) -> Journey {
    Journey {
        touches: path
            .iter()
            .enumerate()
            .map(|(i, c)| Touch {
                campaign: *c,
                at: day(7 * i as i64),
            })
            .collect(),
        milestones: Milestones::default(),
        outcome,
        pipeline: 0,
    }
}

/// A journey won for `revenue`, closing on the day of its last touch.
pub(super) fn won(path: &[u32], revenue: i64) -> Journey {
    let closed_at = day(7 * (path.len() as i64 - 1).max(0));
    journey(path, JourneyOutcome::Won { revenue, closed_at })
}

/// A journey that ended without revenue.
pub(super) fn lost(path: &[u32]) -> Journey {
    journey(path, JourneyOutcome::NotConverted)
}

/// Runs one model at campaign level with default settings.
pub(super) fn run(book: &JourneyBook, model: AttributionModel) -> ModelCredits {
    let config = AttributionConfig::new(AttributionLevel::Campaign);
    let report = attribute_models(book, &config, &[model]).unwrap();
    report.models.into_iter().next().unwrap()
}
