//! The credited keys at the chosen level: campaigns as listed, or channels sorted by name
//! (their cost the sum of their campaigns'), and the map from each campaign to its key.

use super::{AttributionLevel, JourneyBook, Touch};

/// The keys credited in one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeySpace {
    /// Key names in key order.
    pub names: Vec<String>,
    /// Spend per key, in dollars.
    pub costs: Vec<i64>,
    /// Key of each campaign.
    of_campaign: Vec<u32>,
}

impl KeySpace {
    /// Keys of the book at a level.
    pub fn new(book: &JourneyBook, level: AttributionLevel) -> Self {
        let campaigns = book.campaigns();
        match level {
            AttributionLevel::Campaign => Self {
                names: campaigns.iter().map(|c| c.id.clone()).collect(),
                costs: campaigns.iter().map(|c| c.cost).collect(),
                of_campaign: (0..campaigns.len() as u32).collect(),
            },
            AttributionLevel::Channel => {
                let mut names: Vec<String> = campaigns.iter().map(|c| c.channel.clone()).collect();
                names.sort_unstable();
                names.dedup();
                let of_campaign: Vec<u32> = campaigns
                    .iter()
                    .map(|c| names.binary_search(&c.channel).unwrap_or(0) as u32)
                    .collect();
                let mut costs = vec![0i64; names.len()];
                for (c, key) in campaigns.iter().zip(&of_campaign) {
                    costs[*key as usize] = costs[*key as usize].saturating_add(c.cost);
                }
                Self {
                    names,
                    costs,
                    of_campaign,
                }
            }
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The key a touch credits.
    pub fn key(&self, touch: &Touch) -> u32 {
        self.of_campaign[touch.campaign as usize]
    }
}
