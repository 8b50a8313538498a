//! The first-order Markov chain of the resolved journeys: start → keys → conversion or null,
//! with transition probabilities from counts, stored sparse (one row per transient state).
//!
//! Repeated consecutive touches of the same key collapse into one visit (as
//! `channelattribution` does); self-loops would not change any absorption probability. Each
//! state also carries the value collected when it leads straight to a conversion: the mean
//! revenue of the conversions whose last touch it was, so the value chain credits revenue
//! the way the conversion chain credits conversions.

use std::collections::BTreeMap;

use super::JourneyBook;
use super::JourneyOutcome;
use super::keys::KeySpace;

/// Transient states beyond which transition counts are kept sparse instead of dense.
const DENSE_LIMIT: usize = 2_048;

/// The chain over transient states: 0 is the start, key `k` is state `k + 1`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chain {
    row_start: Vec<usize>,
    successor: Vec<u32>,
    probability: Vec<f64>,
    /// Per state: probability of converting next, and expected value collected by doing so.
    pub reward: Vec<[f64; 2]>,
    /// Whether any journey visits the state.
    pub visited: Vec<bool>,
    /// Sweep order for Gauss–Seidel: states seen late in journeys first, the start last.
    pub order: Vec<u32>,
}

impl Chain {
    /// Number of transient states.
    pub fn states(&self) -> usize {
        self.reward.len()
    }

    /// Transitions out of `state` to transient states: (successor, probability).
    pub fn row(&self, state: u32) -> impl Iterator<Item = (u32, f64)> + '_ {
        let range = self.row_start[state as usize]..self.row_start[state as usize + 1];
        self.successor[range.clone()]
            .iter()
            .copied()
            .zip(self.probability[range].iter().copied())
    }
}

/// Transition counts between transient states.
enum Tally {
    Dense { states: usize, counts: Vec<u64> },
    Sparse(BTreeMap<(u32, u32), u64>),
}

impl Tally {
    fn new(states: usize) -> Self {
        if states <= DENSE_LIMIT {
            Self::Dense {
                states,
                counts: vec![0; states * states],
            }
        } else {
            Self::Sparse(BTreeMap::new())
        }
    }

    fn add(&mut self, from: u32, to: u32) {
        match self {
            Self::Dense { states, counts } => counts[from as usize * *states + to as usize] += 1,
            Self::Sparse(map) => *map.entry((from, to)).or_insert(0) += 1,
        }
    }

    /// Non-zero counts per row, successors ascending.
    fn rows(self, states: usize) -> Vec<Vec<(u32, u64)>> {
        let mut rows = vec![Vec::new(); states];
        match self {
            Self::Dense { counts, .. } => {
                for (cell, count) in counts.into_iter().enumerate().filter(|(_, c)| *c > 0) {
                    rows[cell / states].push(((cell % states) as u32, count));
                }
            }
            Self::Sparse(map) => {
                for ((from, to), count) in map {
                    rows[from as usize].push((to, count));
                }
            }
        }
        rows
    }
}

/// What the journeys say about each transient state.
struct Counts {
    tally: Tally,
    conversions: Vec<u64>,
    nulls: Vec<u64>,
    value: Vec<f64>,
    step_sum: Vec<f64>,
    visits: Vec<u64>,
}

impl Counts {
    fn new(states: usize) -> Self {
        Self {
            tally: Tally::new(states),
            conversions: vec![0; states],
            nulls: vec![0; states],
            value: vec![0.0; states],
            step_sum: vec![0.0; states],
            visits: vec![0; states],
        }
    }

    fn walk(&mut self, keys: &KeySpace, journey: &super::Journey) {
        let mut previous = 0u32;
        let mut step = 0u32;
        for touch in &journey.touches {
            let state = keys.key(touch) + 1;
            if state == previous {
                continue;
            }
            self.tally.add(previous, state);
            step += 1;
            self.step_sum[state as usize] += f64::from(step);
            self.visits[state as usize] += 1;
            previous = state;
        }
        match journey.outcome {
            JourneyOutcome::Won { revenue, .. } => {
                self.conversions[previous as usize] += 1;
                self.value[previous as usize] += revenue as f64;
            }
            JourneyOutcome::NotConverted | JourneyOutcome::InProgress => {
                self.nulls[previous as usize] += 1;
            }
        }
    }
}

/// Builds the chain of the resolved journeys that have at least one touch.
pub(crate) fn build_chain(book: &JourneyBook, keys: &KeySpace) -> Chain {
    let states = keys.len() + 1;
    let mut counts = Counts::new(states);
    let walked = book
        .journeys()
        .iter()
        .filter(|j| j.is_resolved() && !j.touches.is_empty());
    for journey in walked {
        counts.walk(keys, journey);
    }
    let rows = std::mem::replace(&mut counts.tally, Tally::Sparse(BTreeMap::new())).rows(states);
    let mut chain = Chain {
        row_start: vec![0],
        successor: Vec::new(),
        probability: Vec::new(),
        reward: Vec::with_capacity(states),
        visited: counts.visits.iter().map(|v| *v > 0).collect(),
        order: sweep_order(&counts),
    };
    chain.visited[0] = true;
    for (state, row) in rows.into_iter().enumerate() {
        let moves: u64 = row.iter().map(|(_, c)| c).sum();
        let out = (moves + counts.conversions[state] + counts.nulls[state]).max(1) as f64;
        for (to, count) in row {
            chain.successor.push(to);
            chain.probability.push(count as f64 / out);
        }
        chain.row_start.push(chain.successor.len());
        chain.reward.push([
            counts.conversions[state] as f64 / out,
            counts.value[state] / out,
        ]);
    }
    chain
}

/// States by mean step index, latest first (ties by index), then the start: close to
/// reverse-topological, so a Gauss–Seidel sweep sees a state's successors before it.
fn sweep_order(counts: &Counts) -> Vec<u32> {
    let states = counts.visits.len();
    let mean = |s: usize| counts.step_sum[s] / counts.visits[s].max(1) as f64;
    let mut order: Vec<u32> = (1..states as u32).collect();
    order.sort_by(|a, b| {
        mean(*b as usize)
            .total_cmp(&mean(*a as usize))
            .then(a.cmp(b))
    });
    order.push(0);
    order
}
