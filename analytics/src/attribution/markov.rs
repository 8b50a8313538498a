//! Markov-chain attribution by removal effect (Anderl et al. 2016, first order): the share
//! of conversions that would be lost if a key were removed from every path, found by an
//! exact solve of the absorbing chain with and without each key, normalised so the credits
//! sum to the conversions and revenue of the won journeys. Chains of up to
//! [`DIRECT_LIMIT`](super::direct::DIRECT_LIMIT) states are solved directly (one LU
//! factorisation); larger ones by Gauss–Seidel, once per key, to a tight tolerance.
//!
//! Revenue is credited by the value chain's removal effects (value collected on converting
//! from a state = mean revenue of conversions last touched there), which is what
//! `channelattribution` estimates by simulation. When no revenue was won, revenue credit
//! follows the conversion removal effects.

use super::absorbing::absorb;
use super::apportion::CreditSheet;
use super::chain::{Chain, build_chain};
use super::direct::direct_removal_effects;
use super::keys::KeySpace;
use super::{AttributionError, JourneyBook, JourneyOutcome, MarkovConfig};

/// The Markov model's credits and the removal effects behind them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MarkovRun {
    /// Credits per key.
    pub sheet: CreditSheet,
    /// Probability that a journey converts, from the full chain.
    pub conversion_probability: f64,
    /// Removal effect per key: [on conversions, on revenue].
    pub removal_effects: Vec<[f64; 2]>,
}

/// Runs the Markov model over the resolved journeys.
pub(crate) fn markov_run(
    book: &JourneyBook,
    keys: &KeySpace,
    config: &MarkovConfig,
) -> Result<MarkovRun, AttributionError> {
    let chain = build_chain(book, keys);
    let (start, removal_effects) = match direct_removal_effects(&chain) {
        Some(direct) => direct,
        None => iterative_removal_effects(&chain, config)?,
    };
    let conversions = book
        .journeys()
        .iter()
        .filter(|j| matches!(j.outcome, JourneyOutcome::Won { .. }))
        .count() as f64;
    let conversion_shares = shares(removal_effects.iter().map(|e| e[0]));
    let value_shares = if book.won_revenue() > 0 {
        shares(removal_effects.iter().map(|e| e[1]))
    } else {
        conversion_shares.clone()
    };
    let revenue = book.won_revenue() as f64;
    let sheet = CreditSheet {
        conversions: conversion_shares.iter().map(|s| s * conversions).collect(),
        revenue: value_shares.iter().map(|s| s * revenue).collect(),
    };
    Ok(MarkovRun {
        sheet,
        conversion_probability: start[0],
        removal_effects,
    })
}

/// The full chain's value at the start and, per key, `1 - absorbed(without key) /
/// absorbed(full)` for both components, by Gauss–Seidel.
pub(crate) fn iterative_removal_effects(
    chain: &Chain,
    config: &MarkovConfig,
) -> Result<([f64; 2], Vec<[f64; 2]>), AttributionError> {
    let mut full = vec![[0.0f64; 2]; chain.states()];
    absorb(chain, None, &mut full, config)?;
    let mut values = full.clone();
    let mut effects = Vec::with_capacity(chain.states() - 1);
    for state in 1..chain.states() as u32 {
        if !chain.visited[state as usize] {
            effects.push([0.0, 0.0]);
            continue;
        }
        values.copy_from_slice(&full);
        absorb(chain, Some(state), &mut values, config)?;
        let effect = |c: usize| {
            if full[0][c] > 0.0 {
                (1.0 - values[0][c] / full[0][c]).clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        effects.push([effect(0), effect(1)]);
    }
    Ok((full[0], effects))
}

/// Normalises non-negative effects to shares summing to one (all zero when none is positive).
fn shares(effects: impl Iterator<Item = f64>) -> Vec<f64> {
    let effects: Vec<f64> = effects.collect();
    let sum: f64 = effects.iter().sum();
    if sum > 0.0 {
        effects.iter().map(|e| e / sum).collect()
    } else {
        vec![0.0; effects.len()]
    }
}
