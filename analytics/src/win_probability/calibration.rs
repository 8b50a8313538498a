//! Calibration of the boosted model's raw log-odds into probabilities by Platt scaling:
//! `p = σ(a·raw + b)`, fitted on a calibration split the trees never saw.
//!
//! Why Platt rather than isotonic regression: the calibration split of a sales team's history
//! is a few hundred deals, where isotonic regression's step function overfits and ties many
//! deals at one probability (which also blunts ranking); Platt has two parameters, is strictly
//! increasing (`a` is kept positive), so it never changes the ranking (AUC is untouched), and
//! being affine in log-odds it keeps the driver contributions exactly additive: the calibrated
//! log-odds are `a·base + b + Σ a·contributionᵢ`.

use serde::{Deserialize, Serialize};

use super::boosting::{log_loss, sigmoid};

/// Smallest slope kept, so the map stays strictly increasing.
pub const MIN_SLOPE: f64 = 1e-3;

/// The fitted map from raw log-odds to calibrated log-odds, `a·raw + b`. Platt rather than
/// isotonic: two parameters suit a calibration split of a few hundred deals, the map is
/// strictly increasing (ranking and AUC unchanged), and being affine in log-odds it keeps
/// the drivers' contributions exactly additive (each scales by `a`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PlattMap {
    /// Multiplier `a` of the raw log-odds (≥ [`MIN_SLOPE`]).
    pub slope: f64,
    /// Offset `b`.
    pub intercept: f64,
}

impl PlattMap {
    /// The map that changes nothing.
    pub const IDENTITY: PlattMap = PlattMap {
        slope: 1.0,
        intercept: 0.0,
    };

    /// Calibrated log-odds of a raw score.
    pub fn log_odds(&self, raw: f64) -> f64 {
        self.slope * raw + self.intercept
    }

    /// Calibrated probability of a raw score.
    pub fn probability(&self, raw: f64) -> f64 {
        sigmoid(self.log_odds(raw))
    }

    /// Fits the map to raw scores and outcomes by Newton's method on the log-loss, with
    /// Platt's smoothed targets (`(N₊+1)/(N₊+2)` and `1/(N₋+2)`) against overconfidence.
    /// Returns the identity when a class is absent.
    pub fn fit(raw: &[f64], won: &[bool]) -> Self {
        let positives = won.iter().filter(|&&w| w).count() as f64;
        let negatives = won.len() as f64 - positives;
        if positives == 0.0 || negatives == 0.0 {
            return Self::IDENTITY;
        }
        let hi = (positives + 1.0) / (positives + 2.0);
        let lo = 1.0 / (negatives + 2.0);
        let targets: Vec<f64> = won.iter().map(|&w| if w { hi } else { lo }).collect();
        let free = newton(raw, &targets, Self::IDENTITY, true);
        if free.slope >= MIN_SLOPE {
            return free;
        }
        let fixed = PlattMap {
            slope: MIN_SLOPE,
            intercept: free.intercept,
        };
        newton(raw, &targets, fixed, false)
    }
}

/// Cross-entropy of the map against soft targets.
fn objective(raw: &[f64], targets: &[f64], map: PlattMap) -> f64 {
    raw.iter()
        .zip(targets)
        .map(|(&s, &t)| {
            let z = map.log_odds(s);
            t * log_loss(z, true) + (1.0 - t) * log_loss(z, false)
        })
        .sum()
}

/// Newton iterations with backtracking; `fit_slope = false` keeps the slope fixed.
fn newton(raw: &[f64], targets: &[f64], start: PlattMap, fit_slope: bool) -> PlattMap {
    let mut map = start;
    let mut current = objective(raw, targets, map);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-12, 0.0, 1e-12);
        for (&s, &t) in raw.iter().zip(targets) {
            let p = sigmoid(map.log_odds(s));
            let (g, h) = (p - t, p * (1.0 - p));
            ga += g * s;
            gb += g;
            haa += h * s * s;
            hab += h * s;
            hbb += h;
        }
        let (da, db) = if fit_slope {
            let det = haa * hbb - hab * hab;
            if det <= 0.0 {
                break;
            }
            (-(hbb * ga - hab * gb) / det, -(haa * gb - hab * ga) / det)
        } else {
            (0.0, -gb / hbb)
        };
        if (ga.abs() + gb.abs()) < 1e-10 * raw.len() as f64 {
            break;
        }
        let mut step = 1.0;
        let slope_of_descent = ga * da + gb * db;
        loop {
            let trial = PlattMap {
                slope: map.slope + step * da,
                intercept: map.intercept + step * db,
            };
            let value = objective(raw, targets, trial);
            if value <= current + 1e-4 * step * slope_of_descent {
                map = trial;
                current = value;
                break;
            }
            step /= 2.0;
            if step < 1e-10 {
                return map;
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn recovers_a_known_affine_map() {
        // Outcomes drawn (deterministically) from p = σ(0.5·s − 0.3).
        let raw: Vec<f64> = (0..4000).map(|i| (i as f64 / 4000.0) * 8.0 - 4.0).collect();
        let won: Vec<bool> = raw
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let u = ((i as f64 * 0.618_033_988_75) % 1.0 + 1.0) % 1.0;
                u < sigmoid(0.5 * s - 0.3)
            })
            .collect();
        let map = PlattMap::fit(&raw, &won);
        assert!((map.slope - 0.5).abs() < 0.1, "{map:?}");
        assert!((map.intercept + 0.3).abs() < 0.1, "{map:?}");
    }

    #[test]
    fn anti_correlated_scores_still_give_an_increasing_map() {
        let raw = [-2.0, -1.0, 1.0, 2.0, 3.0];
        let won = [true, true, false, false, false];
        let map = PlattMap::fit(&raw, &won);
        assert!(map.slope >= MIN_SLOPE);
        assert!(map.probability(3.0) > map.probability(-2.0));
    }

    proptest! {
        #[test]
        fn the_calibration_map_is_monotone(
            pairs in proptest::collection::vec((-6.0f64..6.0, any::<bool>()), 2..80),
            probes in proptest::collection::vec(-10.0f64..10.0, 2..20),
        ) {
            let raw: Vec<f64> = pairs.iter().map(|p| p.0).collect();
            let won: Vec<bool> = pairs.iter().map(|p| p.1).collect();
            let map = PlattMap::fit(&raw, &won);
            prop_assert!(map.slope > 0.0);
            let mut sorted = probes.clone();
            sorted.sort_by(f64::total_cmp);
            for w in sorted.windows(2) {
                let (a, b) = (map.probability(w[0]), map.probability(w[1]));
                prop_assert!(a <= b);
                prop_assert!((0.0..=1.0).contains(&a));
            }
        }
    }
}
