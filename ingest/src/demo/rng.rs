//! Deterministic random streams and the few distributions the generator samples from.
//!
//! Every entity draws from its own ChaCha8 stream derived from the seed, a [`Stream`] tag and
//! the entity's index, so adding a draw in one place (say, more text variety) never shifts the
//! structural outcomes of another.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The random generator every module uses.
pub(crate) type DemoRng = ChaCha8Rng;

/// Independent purposes a random stream serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    /// The selling organisation.
    Org = 1,
    /// Account names, sizes and places.
    AccountProfile = 3,
    /// Contacts of one account.
    Contacts = 4,
    /// Campaigns.
    Campaigns = 5,
    /// The lifecycle (leads, deals, contracts) of one account.
    Lifecycle = 6,
    /// The timeline (history) of one deal.
    DealTimeline = 7,
    /// The activities of one deal.
    DealActivities = 8,
    /// The text of one record.
    Text = 9,
    /// Customer-success activity, tickets and usage of one account.
    Customer = 10,
    /// Planting fresh events around "today".
    Freshness = 11,
    /// Prompt-injection placement.
    Injection = 12,
}

/// SplitMix64 finaliser: a good 64-bit mixer.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream for one purpose and one entity index.
pub(crate) fn stream(seed: u64, purpose: Stream, index: u64) -> DemoRng {
    let key = mix(mix(seed) ^ mix(purpose as u64).rotate_left(21) ^ mix(index).rotate_left(42));
    ChaCha8Rng::seed_from_u64(key)
}

/// One 64-bit key from several parts (for per-record text streams).
pub(crate) fn key(parts: &[u64]) -> u64 {
    parts
        .iter()
        .fold(0x5EED_u64, |acc, p| mix(acc.rotate_left(13) ^ *p))
}

/// A draw from the standard normal distribution (Box–Muller).
pub(crate) fn normal(rng: &mut DemoRng) -> f64 {
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A log-normal draw with the given median and log-scale spread.
pub(crate) fn lognormal(rng: &mut DemoRng, median: f64, sigma: f64) -> f64 {
    median * (sigma * normal(rng)).exp()
}

/// A Poisson draw (Knuth for small means, a rounded normal above 30).
pub(crate) fn poisson(rng: &mut DemoRng, mean: f64) -> u32 {
    if mean <= 0.0 {
        return 0;
    }
    if mean > 30.0 {
        let x = mean + mean.sqrt() * normal(rng);
        return x.round().max(0.0) as u32;
    }
    let limit = (-mean).exp();
    let mut product: f64 = rng.random();
    let mut count = 0;
    while product > limit {
        product *= rng.random::<f64>();
        count += 1;
    }
    count
}

/// True with probability `p` (clamped to [0, 1]).
pub(crate) fn chance(rng: &mut DemoRng, p: f64) -> bool {
    rng.random::<f64>() < p.clamp(0.0, 1.0)
}

/// An index drawn with probability proportional to `weights` (0 when all are zero).
pub(crate) fn weighted_index(rng: &mut DemoRng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
    if total <= 0.0 {
        return 0;
    }
    let mut target = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if *w > 0.0 {
            if target < *w {
                return i;
            }
            target -= w;
        }
    }
    weights.len().saturating_sub(1)
}

/// A uniformly chosen element; `None` for an empty slice.
pub(crate) fn pick<'a, T>(rng: &mut DemoRng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        items.get(rng.random_range(0..items.len()))
    }
}

/// The logistic function.
pub(crate) fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: u64 = stream(7, Stream::Lifecycle, 3).random();
        let b: u64 = stream(7, Stream::Lifecycle, 3).random();
        let c: u64 = stream(7, Stream::Lifecycle, 4).random();
        let d: u64 = stream(7, Stream::Contacts, 3).random();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }

    #[test]
    fn poisson_mean_is_close() {
        let mut rng = stream(1, Stream::Org, 0);
        let n = 4000;
        let total: u32 = (0..n).map(|_| poisson(&mut rng, 3.0)).sum();
        let mean = f64::from(total) / f64::from(n);
        assert!((mean - 3.0).abs() < 0.15, "mean {mean}");
    }
}
