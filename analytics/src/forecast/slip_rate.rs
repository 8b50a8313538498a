//! Slip probability estimated from push history: among past deals with the same number of
//! close-date pushes at forecast time, the share that slipped past their period. Each deal
//! counts with a weight — 1 for a share of deals, its amount for a share of dollars (large
//! deals often slip more, and a forecast is in dollars). Each bucket is shrunk toward the
//! overall rate (a Beta prior worth `prior_strength` average deals) so a rare push count does
//! not get a rate of 0 or 1 from a handful of deals; push counts at or above `max_pushes` share
//! one bucket.

use super::deal::Probability;

/// One past deal: its pushes at forecast time and whether it then slipped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlipObservation {
    /// Close-date pushes recorded by the forecast day.
    pub pushes: u32,
    /// Whether it closed after its period ended (or had not closed by then).
    pub slipped: bool,
    /// How much it counts (1, or its amount); negative weights count as 0.
    pub weight: f64,
}

/// How the rates are estimated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlipRateConfig {
    /// Push counts at or above this share one bucket.
    pub max_pushes: u32,
    /// Weight of the overall rate in each bucket, in deals.
    pub prior_strength: f64,
}

impl Default for SlipRateConfig {
    fn default() -> Self {
        Self {
            max_pushes: 3,
            prior_strength: 5.0,
        }
    }
}

/// Slip rate per push-count bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct SlipRates {
    by_pushes: Vec<Probability>,
    overall: Probability,
}

impl SlipRates {
    /// Estimates the rates; with no observations every rate is 0 (no evidence of slip).
    pub fn fit(observations: &[SlipObservation], config: SlipRateConfig) -> Self {
        let buckets = config.max_pushes as usize + 1;
        let mut slipped = vec![0.0; buckets];
        let mut seen = vec![0.0; buckets];
        for o in observations {
            let b = o.pushes.min(config.max_pushes) as usize;
            let w = o.weight.max(0.0);
            seen[b] += w;
            slipped[b] += w * f64::from(u8::from(o.slipped));
        }
        let total: f64 = seen.iter().sum();
        let overall = if total > 0.0 {
            slipped.iter().sum::<f64>() / total
        } else {
            0.0
        };
        let mean_weight = if observations.is_empty() {
            0.0
        } else {
            total / observations.len() as f64
        };
        let prior = config.prior_strength.max(0.0) * mean_weight;
        let by_pushes = (0..buckets)
            .map(|b| {
                let n = seen[b] + prior;
                let rate = if n > 0.0 {
                    (slipped[b] + prior * overall) / n
                } else {
                    overall
                };
                Probability::clamped(rate)
            })
            .collect();
        Self {
            by_pushes,
            overall: Probability::clamped(overall),
        }
    }

    /// The slip probability of a deal pushed `pushes` times.
    pub fn probability(&self, pushes: u32) -> Probability {
        let last = self.by_pushes.len().saturating_sub(1);
        self.by_pushes
            .get((pushes as usize).min(last))
            .copied()
            .unwrap_or(self.overall)
    }

    /// The rate over every observation.
    pub fn overall(&self) -> Probability {
        self.overall
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(pushes: u32, slipped: bool, n: usize) -> Vec<SlipObservation> {
        vec![
            SlipObservation {
                pushes,
                slipped,
                weight: 1.0
            };
            n
        ]
    }

    #[test]
    fn rates_are_shrunk_toward_the_overall_rate() {
        let mut o = obs(0, false, 8);
        o.extend(obs(0, true, 2));
        o.extend(obs(2, true, 5));
        o.extend(obs(5, true, 5));
        let config = SlipRateConfig {
            max_pushes: 3,
            prior_strength: 5.0,
        };
        let rates = SlipRates::fit(&o, config);
        let overall = 12.0 / 20.0;
        assert!((rates.overall().value() - overall).abs() < 1e-12);
        let zero = (2.0 + 5.0 * overall) / (10.0 + 5.0);
        assert!((rates.probability(0).value() - zero).abs() < 1e-12);
        let three_plus = (5.0 + 5.0 * overall) / (5.0 + 5.0);
        assert!((rates.probability(9).value() - three_plus).abs() < 1e-12);
        // An empty bucket falls back to the overall rate.
        assert!((rates.probability(1).value() - overall).abs() < 1e-12);
    }

    #[test]
    fn dollar_weights_count_big_deals_more() {
        let o = [
            SlipObservation {
                pushes: 0,
                slipped: true,
                weight: 900.0,
            },
            SlipObservation {
                pushes: 0,
                slipped: false,
                weight: 100.0,
            },
            SlipObservation {
                pushes: 1,
                slipped: false,
                weight: 1_000.0,
            },
        ];
        let config = SlipRateConfig {
            max_pushes: 1,
            prior_strength: 2.0,
        };
        let rates = SlipRates::fit(&o, config);
        let overall = 900.0 / 2_000.0;
        assert!((rates.overall().value() - overall).abs() < 1e-12);
        // The prior is worth two average deals: 2 × 2,000 / 3 dollars at the overall rate.
        let prior = 2.0 * 2_000.0 / 3.0;
        let zero = (900.0 + prior * overall) / (1_000.0 + prior);
        assert!((rates.probability(0).value() - zero).abs() < 1e-12);
        assert!(rates.probability(0).value() > 0.5);
    }

    #[test]
    fn no_history_means_no_slip() {
        let rates = SlipRates::fit(&[], SlipRateConfig::default());
        assert_eq!(rates.probability(4), Probability::ZERO);
    }
}
