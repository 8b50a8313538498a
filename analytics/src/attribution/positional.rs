//! Rule-based models as touch weights that sum to one per journey: first touch, last touch,
//! linear, the milestone ("slot") models U-shaped, W-shaped and full path, and time decay.
//!
//! Slot models give fixed shares to milestone touches and spread the rest evenly over the
//! other touches. When milestones fall on the same touch their shares add up (first touch =
//! lead creation in a W-shaped path gives that touch 60%). When no other touch is left to
//! receive the spread, the milestone shares are scaled up to 100% in proportion — which gives
//! the usual edge cases: U-shaped is 100% for one touch and 50/50 for two.

use super::apportion::CreditSheet;
use super::keys::KeySpace;
use super::{Journey, JourneyBook, JourneyOutcome};

/// Shares of a milestone model (they and `spread` sum to one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SlotRule {
    first: f64,
    lead: f64,
    opportunity: f64,
    closed: f64,
    last: f64,
    spread: f64,
}

/// 40% first, 40% last, 20% between.
pub(crate) const U_SHAPED: SlotRule = SlotRule {
    first: 0.4,
    lead: 0.0,
    opportunity: 0.0,
    closed: 0.0,
    last: 0.4,
    spread: 0.2,
};

/// 30% first touch, lead creation and opportunity creation each, 10% the rest.
pub(crate) const W_SHAPED: SlotRule = SlotRule {
    first: 0.3,
    lead: 0.3,
    opportunity: 0.3,
    closed: 0.0,
    last: 0.0,
    spread: 0.1,
};

/// 22.5% first touch, lead creation, opportunity creation and closed won each, 10% the rest.
pub(crate) const FULL_PATH: SlotRule = SlotRule {
    first: 0.225,
    lead: 0.225,
    opportunity: 0.225,
    closed: 0.225,
    last: 0.0,
    spread: 0.1,
};

/// How a rule-based model weighs a journey's touches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Heuristic {
    /// All on the first touch.
    First,
    /// All on the last touch.
    Last,
    /// Even.
    Linear,
    /// Milestone shares.
    Slots(SlotRule),
    /// Halving every `half_life_days` back from the close.
    TimeDecay(f64),
}

/// Reusable buffers for the weights of one journey at a time.
#[derive(Debug, Default)]
pub(crate) struct TouchWeights {
    /// Weight of each touch of the last journey filled (sums to one).
    pub weights: Vec<f64>,
    is_slot: Vec<bool>,
}

impl TouchWeights {
    /// Fills `weights` for a journey with at least one touch.
    pub fn fill(&mut self, rule: Heuristic, journey: &Journey) {
        let n = journey.touches.len();
        self.weights.clear();
        self.weights.resize(n, 0.0);
        if n == 0 {
            return;
        }
        match rule {
            Heuristic::First => self.weights[0] = 1.0,
            Heuristic::Last => self.weights[n - 1] = 1.0,
            Heuristic::Linear => self.weights.fill(1.0 / n as f64),
            Heuristic::Slots(slots) => self.fill_slots(slots, journey),
            Heuristic::TimeDecay(half_life) => self.fill_decay(half_life, journey),
        }
    }

    fn fill_slots(&mut self, rule: SlotRule, journey: &Journey) {
        let n = journey.touches.len();
        let m = journey.milestones;
        let slots = [
            (0, rule.first),
            (m.lead_created.unwrap_or(0), rule.lead),
            (m.opportunity_created.unwrap_or(n - 1), rule.opportunity),
            (m.closed_won.unwrap_or(n - 1), rule.closed),
            (n - 1, rule.last),
        ];
        self.is_slot.clear();
        self.is_slot.resize(n, false);
        for (at, share) in slots.into_iter().filter(|(_, share)| *share > 0.0) {
            self.weights[at] += share;
            self.is_slot[at] = true;
        }
        let others = self.is_slot.iter().filter(|s| !**s).count();
        if others > 0 {
            let each = rule.spread / others as f64;
            for (w, _) in self
                .weights
                .iter_mut()
                .zip(&self.is_slot)
                .filter(|(_, s)| !**s)
            {
                *w = each;
            }
        }
        normalise(&mut self.weights);
    }

    fn fill_decay(&mut self, half_life_days: f64, journey: &Journey) {
        let reference = match journey.outcome {
            JourneyOutcome::Won { closed_at, .. } => closed_at,
            JourneyOutcome::NotConverted | JourneyOutcome::InProgress => {
                journey.touches[journey.touches.len() - 1].at
            }
        };
        let age = |i: usize| {
            let ms = (reference - journey.touches[i].at)
                .num_milliseconds()
                .max(0);
            ms as f64 / 86_400_000.0
        };
        // Ratios are what matter: measuring from the youngest touch keeps it at weight one and
        // the others from underflowing.
        let youngest = (0..self.weights.len())
            .map(age)
            .fold(f64::INFINITY, f64::min);
        for i in 0..self.weights.len() {
            self.weights[i] = (-(age(i) - youngest) / half_life_days).exp2();
        }
        normalise(&mut self.weights);
    }
}

fn normalise(weights: &mut [f64]) {
    let sum: f64 = weights.iter().sum();
    if sum > 0.0 {
        weights.iter_mut().for_each(|w| *w /= sum);
    }
}

/// Credits every won journey's revenue to its touches' keys by a rule.
pub(crate) fn heuristic_sheet(book: &JourneyBook, keys: &KeySpace, rule: Heuristic) -> CreditSheet {
    let mut sheet = CreditSheet::new(keys.len());
    let mut buffer = TouchWeights::default();
    for journey in book.journeys() {
        let JourneyOutcome::Won { revenue, .. } = journey.outcome else {
            continue;
        };
        buffer.fill(rule, journey);
        for (touch, weight) in journey.touches.iter().zip(&buffer.weights) {
            sheet.add(keys.key(touch), *weight, revenue as f64);
        }
    }
    sheet
}
