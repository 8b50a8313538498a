//! Journeys as the path rows `channelattribution` reads ("a > b > c", conversions, value,
//! nulls), and back: the reverse lets the Rust timing include parsing the same strings the
//! Python package parses.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, Duration, Utc};
use revpulse_analytics::attribution::{
    AttributionLevel, Campaign, Journey, JourneyBook, JourneyOutcome, Milestones, Touch,
};

use super::AttributionEvalError;

/// One row of a `channelattribution` input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRow {
    /// Keys joined by `" > "`.
    pub path: String,
    /// Won journeys with this path.
    pub conversions: u64,
    /// Their revenue, in dollars.
    pub value: i64,
    /// Journeys with this path that did not convert.
    pub nulls: u64,
}

/// The resolved, touched journeys as path rows at a level (repeated touches kept): one row
/// per journey, or one per distinct path (sorted) when `aggregate`.
pub fn path_rows(book: &JourneyBook, level: AttributionLevel, aggregate: bool) -> Vec<PathRow> {
    let name = |c: u32| {
        let campaign = &book.campaigns()[c as usize];
        match level {
            AttributionLevel::Campaign => campaign.id.as_str(),
            AttributionLevel::Channel => campaign.channel.as_str(),
        }
    };
    let rows = book
        .journeys()
        .iter()
        .filter(|j| j.is_resolved() && !j.touches.is_empty())
        .map(|j| {
            let keys: Vec<&str> = j.touches.iter().map(|t| name(t.campaign)).collect();
            let won = matches!(j.outcome, JourneyOutcome::Won { .. });
            PathRow {
                path: keys.join(" > "),
                conversions: u64::from(won),
                value: j.revenue(),
                nulls: u64::from(!won),
            }
        });
    if !aggregate {
        return rows.collect();
    }
    let mut merged: BTreeMap<String, PathRow> = BTreeMap::new();
    for row in rows {
        let entry = merged.entry(row.path.clone()).or_insert(PathRow {
            path: row.path.clone(),
            conversions: 0,
            value: 0,
            nulls: 0,
        });
        entry.conversions += row.conversions;
        entry.value += row.value;
        entry.nulls += row.nulls;
    }
    merged.into_values().collect()
}

/// Parses path rows into a book whose campaigns are the distinct keys (each its own
/// channel). A row's value is split evenly over its conversions (remainder to the first).
pub fn book_from_paths(rows: &[PathRow]) -> Result<JourneyBook, AttributionEvalError> {
    let mut names: HashMap<String, u32, BuildHasherDefault<Fnv>> = HashMap::default();
    let mut campaigns: Vec<Campaign> = Vec::new();
    let total: u64 = rows.iter().map(|r| r.conversions + r.nulls).sum();
    let mut journeys: Vec<Journey> = Vec::with_capacity(total as usize);
    let start = DateTime::<Utc>::UNIX_EPOCH;
    for (r, row) in rows.iter().enumerate() {
        let mut touches: Vec<Touch> = Vec::new();
        for key in row.path.split('>').map(str::trim).filter(|k| !k.is_empty()) {
            let campaign = match names.get(key) {
                Some(c) => *c,
                None => {
                    let c = campaigns.len() as u32;
                    names.insert(key.to_string(), c);
                    campaigns.push(Campaign {
                        id: key.to_string(),
                        channel: key.to_string(),
                        cost: 0,
                    });
                    c
                }
            };
            let at = start + Duration::minutes(touches.len() as i64);
            touches.push(Touch { campaign, at });
        }
        if touches.is_empty() {
            return Err(AttributionEvalError::EmptyPath(r));
        }
        push_row_journeys(&mut journeys, row, touches);
    }
    Ok(JourneyBook::new(campaigns, journeys)?)
}

/// One journey per conversion and per null of a row; the touches are moved into the last.
fn push_row_journeys(journeys: &mut Vec<Journey>, row: &PathRow, touches: Vec<Touch>) {
    let closed_at = touches[touches.len() - 1].at;
    let conversions = row.conversions as i64;
    let outcomes = (0..conversions)
        .map(|i| {
            let mut revenue = row.value / conversions;
            if i == 0 {
                revenue += row.value - revenue * conversions;
            }
            JourneyOutcome::Won { revenue, closed_at }
        })
        .chain((0..row.nulls).map(|_| JourneyOutcome::NotConverted));
    let count = row.conversions + row.nulls;
    let mut touches = Some(touches);
    for (i, outcome) in outcomes.enumerate() {
        let path = if i as u64 + 1 == count {
            touches.take().unwrap_or_default()
        } else {
            touches.clone().unwrap_or_default()
        };
        journeys.push(Journey {
            touches: path,
            milestones: Milestones::default(),
            outcome,
            pipeline: 0,
        });
    }
}

/// FNV-1a: key names are short and come from our own export, so a cheap hash beats SipHash
/// on a million rows (lookups only; nothing iterates the map).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
