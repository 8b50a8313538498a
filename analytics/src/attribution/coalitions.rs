//! Resolved journeys grouped by the set of keys they touched (order and repeats ignored):
//! how many journeys had exactly that set, how many converted, the revenue they won — the
//! coalitions the Shapley model plays with, and their conversion rates.

use std::collections::HashMap;

use super::JourneyBook;
use super::keys::KeySpace;

/// Journeys that touched exactly one set of keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Coalition {
    /// The keys, ascending.
    pub keys: Vec<u32>,
    /// Resolved journeys with exactly these keys.
    pub journeys: u64,
    /// Of those, won.
    pub conversions: u64,
    /// Revenue they won, in dollars.
    pub revenue: i64,
}

/// Every observed coalition, sorted by keys, with a lookup by key set.
#[derive(Debug, Clone)]
pub(crate) struct Coalitions {
    /// The coalitions in key-set order.
    pub list: Vec<Coalition>,
    index: HashMap<Vec<u32>, usize>,
}

impl Coalitions {
    /// Groups the resolved, touched journeys of a book.
    pub fn gather(book: &JourneyBook, keys: &KeySpace) -> Self {
        let mut index: HashMap<Vec<u32>, usize> = HashMap::new();
        let mut list: Vec<Coalition> = Vec::new();
        let mut set: Vec<u32> = Vec::new();
        let touched = book
            .journeys()
            .iter()
            .filter(|j| j.is_resolved() && !j.touches.is_empty());
        for journey in touched {
            set.clear();
            set.extend(journey.touches.iter().map(|t| keys.key(t)));
            set.sort_unstable();
            set.dedup();
            let at = match index.get(set.as_slice()) {
                Some(at) => *at,
                None => {
                    list.push(Coalition {
                        keys: set.clone(),
                        journeys: 0,
                        conversions: 0,
                        revenue: 0,
                    });
                    index.insert(set.clone(), list.len() - 1);
                    list.len() - 1
                }
            };
            let revenue = journey.revenue();
            let coalition = &mut list[at];
            coalition.journeys += 1;
            coalition.conversions += u64::from(journey_won(journey));
            coalition.revenue += revenue;
        }
        list.sort_by(|a, b| a.keys.cmp(&b.keys));
        let index = list
            .iter()
            .enumerate()
            .map(|(i, c)| (c.keys.clone(), i))
            .collect();
        Self { list, index }
    }

    /// Conversion rate of the journeys with exactly `keys` (ascending); 0 when none.
    pub fn rate(&self, keys: &[u32]) -> f64 {
        match self.index.get(keys) {
            Some(at) => {
                let c = &self.list[*at];
                c.conversions as f64 / c.journeys.max(1) as f64
            }
            None => 0.0,
        }
    }
}

fn journey_won(journey: &super::Journey) -> bool {
    matches!(journey.outcome, super::JourneyOutcome::Won { .. })
}
