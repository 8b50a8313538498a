//! The exact solve of the absorbing chain: for every transient state, the probability of
//! ending in conversion and the expected value collected there, as the fixed point of
//! `h = Q h + r` by Gauss–Seidel sweeps to a tight relative tolerance. Removing a key pins
//! its state to zero (every path through it is lost), which is the removal effect's chain.

use super::AttributionError;
use super::MarkovConfig;
use super::chain::Chain;

/// Solves the chain in place, starting from `values` (a warm start from an upper bound such
/// as the full chain's solution converges monotonically). `removed` is pinned to zero.
pub(crate) fn absorb(
    chain: &Chain,
    removed: Option<u32>,
    values: &mut [[f64; 2]],
    config: &MarkovConfig,
) -> Result<(), AttributionError> {
    if let Some(state) = removed {
        values[state as usize] = [0.0, 0.0];
    }
    for _ in 0..config.max_sweeps {
        let change = sweep(chain, removed, values);
        let scale = largest(values);
        let settled = (0..2).all(|c| change[c] <= config.tolerance * scale[c]);
        if settled {
            return Ok(());
        }
    }
    Err(AttributionError::MarkovNotConverged(config.max_sweeps))
}

/// One Gauss–Seidel sweep; returns the largest change of each component.
fn sweep(chain: &Chain, removed: Option<u32>, values: &mut [[f64; 2]]) -> [f64; 2] {
    let mut change = [0.0f64; 2];
    for &state in &chain.order {
        if Some(state) == removed {
            continue;
        }
        let mut next = chain.reward[state as usize];
        let mut stay = 0.0;
        for (to, p) in chain.row(state) {
            if to == state {
                stay += p;
            } else {
                next[0] += p * values[to as usize][0];
                next[1] += p * values[to as usize][1];
            }
        }
        let keep = if stay < 1.0 { 1.0 / (1.0 - stay) } else { 0.0 };
        let old = values[state as usize];
        for c in 0..2 {
            next[c] *= keep;
            change[c] = change[c].max((next[c] - old[c]).abs());
        }
        values[state as usize] = next;
    }
    change
}

fn largest(values: &[[f64; 2]]) -> [f64; 2] {
    values.iter().fold([0.0f64; 2], |acc, v| {
        [acc[0].max(v[0].abs()), acc[1].max(v[1].abs())]
    })
}
