//! The Monte-Carlo forecast range. In each iteration every open deal of the period is won
//! *inside* the period with probability `p_win × (1 − p_slip)` — it must be won and must not
//! slip past the period's end — and the period lands at closed + the amounts of the deals that
//! came in. P10 / P50 / P90 are quantiles of those totals.
//!
//! Each deal draws from its own ChaCha8 stream keyed by the seed and its id, so the result does
//! not depend on the order of the deals, and adding a deal never changes the draws of the
//! others: every iteration's total can only grow, which makes every quantile and the mean
//! monotone in added pipeline (with non-negative amounts).

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::ForecastError;
use super::deal::{ForecastCategory, ForecastDeal, Period};
use crate::stats;

/// How the simulation runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulationConfig {
    /// Iterations (10,000 gives P10/P90 stable to well under 1% of the total).
    pub iterations: usize,
    /// Seed of every draw: the same seed gives the same range.
    pub seed: u64,
}

impl Default for SimulationConfig {
    fn default() -> Self {
        Self {
            iterations: 10_000,
            seed: 0x5eed_f0ca,
        }
    }
}

/// The summary of a simulated period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForecastRange {
    /// Ten percent of outcomes land at or below this.
    pub p10: f64,
    /// The median outcome.
    pub p50: f64,
    /// Ninety percent of outcomes land at or below this.
    pub p90: f64,
    /// Mean outcome: closed + Σ amount × p_win × (1 − p_slip), up to sampling noise.
    pub mean: f64,
}

/// The simulated totals of one period, sorted ascending.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    totals: Vec<f64>,
}

/// SplitMix64: spreads a 64-bit key into a well-mixed seed.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a of a deal id: stable across runs, platforms and compiler versions.
fn id_key(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The integer a uniform `u32` must fall below for an event of probability `p` (resolution
/// 2⁻³², far below any probability a forecast is given with); `None` for a certain event.
fn threshold(p: f64) -> Option<u32> {
    if p <= 0.0 {
        Some(0)
    } else if p >= 1.0 {
        None
    } else {
        Some((p * 4_294_967_296.0) as u32)
    }
}

/// Adds one open deal's simulated contribution to every iteration's total.
fn add_deal(totals: &mut [f64], deal: &ForecastDeal, seed: u64) {
    let amount = deal.amount as f64;
    match threshold(deal.in_period_probability()) {
        None => totals.iter_mut().for_each(|t| *t += amount),
        Some(0) => {}
        Some(limit) => {
            let mut rng = ChaCha8Rng::seed_from_u64(mix(seed ^ mix(id_key(&deal.id))));
            // Branch-free: a coin with p near 0.5 would mispredict every other iteration.
            for total in totals.iter_mut() {
                *total += amount * f64::from(u8::from(rng.next_u32() < limit));
            }
        }
    }
}

impl Simulation {
    /// Simulates the deals whose close date falls in `period`.
    pub fn run(
        deals: &[ForecastDeal],
        period: Period,
        config: SimulationConfig,
    ) -> Result<Self, ForecastError> {
        if config.iterations == 0 {
            return Err(ForecastError::NoIterations);
        }
        let in_period = deals.iter().filter(|d| period.contains(d.close_date));
        let mut closed = 0i64;
        let mut totals = vec![0.0; config.iterations];
        for deal in in_period {
            match deal.category {
                ForecastCategory::Closed => closed += deal.amount,
                ForecastCategory::Omitted => {}
                ForecastCategory::Pipeline
                | ForecastCategory::BestCase
                | ForecastCategory::Commit => add_deal(&mut totals, deal, config.seed),
            }
        }
        totals.iter_mut().for_each(|t| *t += closed as f64);
        totals.sort_by(f64::total_cmp);
        Ok(Self { totals })
    }

    /// The `q`-quantile of the simulated totals.
    pub fn quantile(&self, q: f64) -> f64 {
        stats::quantile(&self.totals, q).unwrap_or(0.0)
    }

    /// P10, P50, P90 and the mean.
    pub fn range(&self) -> ForecastRange {
        ForecastRange {
            p10: self.quantile(0.1),
            p50: self.quantile(0.5),
            p90: self.quantile(0.9),
            mean: stats::mean(&self.totals).unwrap_or(0.0),
        }
    }

    /// Share of iterations that reach `target` (e.g. the chance of making quota).
    pub fn probability_at_least(&self, target: f64) -> f64 {
        let below = self.totals.partition_point(|&t| t < target);
        (self.totals.len() - below) as f64 / self.totals.len() as f64
    }

    /// Number of iterations.
    pub fn iterations(&self) -> usize {
        self.totals.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::deal::Probability;
    use crate::forecast::test_support::{deal, quarter};

    fn config() -> SimulationConfig {
        SimulationConfig {
            iterations: 20_000,
            seed: 7,
        }
    }

    #[test]
    fn certain_deals_give_a_point_range() {
        let deals = vec![
            deal("won", 100, ForecastCategory::Closed, 1.0),
            deal("sure", 50, ForecastCategory::Commit, 1.0),
            deal("never", 70, ForecastCategory::Pipeline, 0.0),
        ];
        let r = Simulation::run(&deals, quarter(), config())
            .unwrap()
            .range();
        assert_eq!((r.p10, r.p50, r.p90, r.mean), (150.0, 150.0, 150.0, 150.0));
    }

    #[test]
    fn one_coin_flip_deal_splits_the_outcomes() {
        let deals = vec![deal("flip", 1_000, ForecastCategory::BestCase, 0.5)];
        let sim = Simulation::run(&deals, quarter(), config()).unwrap();
        let r = sim.range();
        assert_eq!((r.p10, r.p90), (0.0, 1_000.0));
        // Binomial(20,000, 0.5) share: 4 standard errors is 0.014.
        assert!((sim.probability_at_least(1_000.0) - 0.5).abs() < 0.014);
        assert!((r.mean - 500.0).abs() < 14.0);
    }

    #[test]
    fn slip_risk_lowers_the_mean_by_its_share() {
        let mut d = deal("slippy", 1_000, ForecastCategory::Commit, 0.8);
        d.slip_probability = Probability::new(0.5, "slip").unwrap();
        let r = Simulation::run(&[d], quarter(), config()).unwrap().range();
        // q = 0.8 × 0.5 = 0.4; sd of the mean = 1000 × sqrt(0.24 / 20,000) ≈ 3.5.
        assert!((r.mean - 400.0).abs() < 14.0, "{}", r.mean);
    }

    #[test]
    fn the_same_seed_gives_the_same_range_and_order_does_not_matter() {
        let a = deal("a", 300, ForecastCategory::Commit, 0.6);
        let b = deal("b", 500, ForecastCategory::BestCase, 0.3);
        let one = Simulation::run(&[a.clone(), b.clone()], quarter(), config()).unwrap();
        let two = Simulation::run(&[b, a], quarter(), config()).unwrap();
        assert_eq!(one, two);
    }

    #[test]
    fn zero_iterations_are_refused() {
        let cfg = SimulationConfig {
            iterations: 0,
            seed: 1,
        };
        assert_eq!(
            Simulation::run(&[], quarter(), cfg),
            Err(ForecastError::NoIterations)
        );
    }
}
