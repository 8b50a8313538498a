//! Shapley-value attribution on conversion rates ("converting vs all paths"): the value of a
//! coalition of keys is the conversion rate of the journeys that touched exactly those keys
//! (0 when no journey did). For each converting coalition, its conversions and revenue are
//! split over its keys in proportion to their Shapley values in the game restricted to its
//! sub-coalitions (negative values count as zero; all zero splits evenly).
//!
//! Exact — every sub-coalition, weights `s!(t-s-1)!/t!` — when the coalition has at most
//! `exact_max_keys` keys, which at campaign or channel level is every real path. Above, the
//! mean marginal contribution over `samples` random orderings drawn from a ChaCha stream
//! seeded by the configured seed and the coalition's rank (same result on every run); its
//! error shrinks as one over the square root of `samples`.
//!
//! (The "simplified Shapley" of Zhao et al. 2018 uses converting paths only and reduces to an
//! even split over each path's distinct keys; using the rate of all paths is what lets a key
//! that converts better than its neighbours earn more than they do.)

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::apportion::CreditSheet;
use super::coalitions::Coalitions;
use super::keys::KeySpace;
use super::{JourneyBook, ShapleyConfig};

/// Credits the won journeys by Shapley values.
pub(crate) fn shapley_sheet(
    book: &JourneyBook,
    keys: &KeySpace,
    config: &ShapleyConfig,
) -> CreditSheet {
    let coalitions = Coalitions::gather(book, keys);
    let mut sheet = CreditSheet::new(keys.len());
    for (rank, coalition) in coalitions.list.iter().enumerate() {
        if coalition.conversions == 0 {
            continue;
        }
        let values = if coalition.keys.len() <= config.exact_max_keys {
            exact_values(&coalitions, &coalition.keys)
        } else {
            sampled_values(&coalitions, &coalition.keys, config, rank as u64)
        };
        let conversions = coalition.conversions as f64;
        let revenue = coalition.revenue as f64;
        for (key, share) in coalition.keys.iter().zip(positive_shares(&values)) {
            sheet.conversions[*key as usize] += share * conversions;
            sheet.revenue[*key as usize] += share * revenue;
        }
    }
    sheet
}

/// Exact Shapley values of `members` (ascending) over all their sub-coalitions.
pub(crate) fn exact_values(coalitions: &Coalitions, members: &[u32]) -> Vec<f64> {
    let t = members.len();
    let mut worth = vec![0.0f64; 1 << t];
    let mut subset = Vec::with_capacity(t);
    for (mask, value) in worth.iter_mut().enumerate().skip(1) {
        subset.clear();
        subset.extend((0..t).filter(|b| mask >> b & 1 == 1).map(|b| members[b]));
        *value = coalitions.rate(&subset);
    }
    let weight = shapley_weights(t);
    (0..t)
        .map(|j| {
            let bit = 1usize << j;
            (0..worth.len())
                .filter(|mask| mask & bit == 0)
                .map(|mask| weight[mask.count_ones() as usize] * (worth[mask | bit] - worth[mask]))
                .sum()
        })
        .collect()
}

/// `s!(t-s-1)!/t!` for `s` in `0..t`.
fn shapley_weights(t: usize) -> Vec<f64> {
    let mut weight = Vec::with_capacity(t);
    let mut w = 1.0 / t as f64;
    for s in 0..t {
        weight.push(w);
        if s + 1 < t {
            w *= (s + 1) as f64 / (t - s - 1) as f64;
        }
    }
    weight
}

/// Mean marginal contributions over seeded random orderings of `members`.
fn sampled_values(
    coalitions: &Coalitions,
    members: &[u32],
    config: &ShapleyConfig,
    rank: u64,
) -> Vec<f64> {
    let stream = config.seed ^ rank.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut rng = ChaCha8Rng::seed_from_u64(stream);
    let mut order: Vec<usize> = (0..members.len()).collect();
    let mut values = vec![0.0f64; members.len()];
    let mut prefix: Vec<u32> = Vec::with_capacity(members.len());
    for _ in 0..config.samples {
        order.shuffle(&mut rng);
        prefix.clear();
        let mut before = 0.0;
        for &j in &order {
            let at = prefix.partition_point(|k| *k < members[j]);
            prefix.insert(at, members[j]);
            let after = coalitions.rate(&prefix);
            values[j] += after - before;
            before = after;
        }
    }
    values.iter().map(|v| v / config.samples as f64).collect()
}

/// Shares proportional to the positive values; even when none is positive.
fn positive_shares(values: &[f64]) -> Vec<f64> {
    let positive: Vec<f64> = values.iter().map(|v| v.max(0.0)).collect();
    let sum: f64 = positive.iter().sum();
    if sum > 0.0 {
        positive.iter().map(|v| v / sum).collect()
    } else {
        vec![1.0 / values.len().max(1) as f64; values.len()]
    }
}
