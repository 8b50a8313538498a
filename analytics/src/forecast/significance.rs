//! Is a change in a rate real? Two rates (e.g. this quarter's conversion vs the same cut's
//! history) are compared with the two-proportion z-test (pooled variance, two-sided) when every
//! expected cell count of the 2×2 table is at least 5 — the usual validity rule of the normal
//! approximation — and with Fisher's exact test (two-sided, summing the hypergeometric
//! probabilities of every table no more likely than the observed one) otherwise.

/// Counts behind one rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proportion {
    /// Successes (e.g. deals that converted).
    pub successes: u64,
    /// Trials (e.g. deals that converted or dropped).
    pub trials: u64,
}

impl Proportion {
    /// The rate, `None` for zero trials.
    pub fn rate(self) -> Option<f64> {
        (self.trials > 0).then(|| self.successes as f64 / self.trials as f64)
    }
}

/// Which test decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestMethod {
    /// Two-proportion z-test with pooled variance.
    TwoProportionZ,
    /// Fisher's exact test.
    FisherExact,
}

/// The outcome of a two-rate comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProportionTest {
    /// The test used.
    pub method: TestMethod,
    /// The z statistic (first rate minus second), for the z-test.
    pub z: Option<f64>,
    /// Two-sided p-value.
    pub p_value: f64,
    /// `p_value < alpha`.
    pub significant: bool,
}

/// Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let ans = t * poly.exp();
    if x >= 0.0 { ans } else { 2.0 - ans }
}

/// Standard normal cumulative distribution function.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

fn z_test(a: Proportion, b: Proportion) -> (Option<f64>, f64) {
    let (n1, n2) = (a.trials as f64, b.trials as f64);
    let pooled = (a.successes + b.successes) as f64 / (n1 + n2);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if se <= 0.0 {
        return (None, 1.0);
    }
    let z = (a.successes as f64 / n1 - b.successes as f64 / n2) / se;
    (Some(z), erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0))
}

fn fisher_exact(a: Proportion, b: Proportion) -> f64 {
    let (n1, n2) = (a.trials, b.trials);
    let k = a.successes + b.successes;
    let n = n1 + n2;
    let mut ln_fact = vec![0.0f64; n as usize + 1];
    for i in 1..=n as usize {
        ln_fact[i] = ln_fact[i - 1] + (i as f64).ln();
    }
    let ln_choose =
        |m: u64, r: u64| ln_fact[m as usize] - ln_fact[r as usize] - ln_fact[(m - r) as usize];
    let ln_p = |x: u64| ln_choose(k, x) + ln_choose(n - k, n1 - x) - ln_choose(n, n1);
    let observed = ln_p(a.successes);
    let lo = k.saturating_sub(n2);
    let hi = k.min(n1);
    let total: f64 = (lo..=hi)
        .map(ln_p)
        .filter(|&lp| lp <= observed + 1e-7)
        .map(f64::exp)
        .sum();
    total.min(1.0)
}

/// Compares rate `a` with rate `b` at significance level `alpha`; `None` when either has no
/// trials.
pub fn compare_proportions(a: Proportion, b: Proportion, alpha: f64) -> Option<ProportionTest> {
    if a.trials == 0 || b.trials == 0 || a.successes > a.trials || b.successes > b.trials {
        return None;
    }
    let n = (a.trials + b.trials) as f64;
    let pooled = (a.successes + b.successes) as f64 / n;
    let smallest_expected = [a.trials as f64, b.trials as f64]
        .iter()
        .flat_map(|t| [t * pooled, t * (1.0 - pooled)])
        .fold(f64::INFINITY, f64::min);
    let (method, z, p_value) = if smallest_expected >= 5.0 {
        let (z, p) = z_test(a, b);
        (TestMethod::TwoProportionZ, z, p)
    } else {
        (TestMethod::FisherExact, None, fisher_exact(a, b))
    };
    Some(ProportionTest {
        method,
        z,
        p_value,
        significant: p_value < alpha,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(successes: u64, trials: u64) -> Proportion {
        Proportion { successes, trials }
    }

    #[test]
    fn the_normal_cdf_matches_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.959_963_985) - 0.975).abs() < 1e-6);
        assert!((normal_cdf(-1.644_853_627) - 0.05).abs() < 1e-6);
    }

    #[test]
    fn the_z_test_matches_its_formula() {
        // 60/100 vs 45/100: pooled 0.525, se = sqrt(0.525 × 0.475 × 0.02).
        let t = compare_proportions(prop(60, 100), prop(45, 100), 0.05).unwrap();
        let z = 0.15 / (0.525f64 * 0.475 * 0.02).sqrt();
        assert_eq!(t.method, TestMethod::TwoProportionZ);
        assert!((t.z.unwrap() - z).abs() < 1e-12);
        assert!((t.p_value - 2.0 * (1.0 - normal_cdf(z))).abs() < 1e-6);
        assert!(t.significant);
    }

    #[test]
    fn small_tables_use_fisher_exact() {
        // Fisher's tea tasting, 3/4 vs 1/4: P(x) = C(4,x)C(4,4−x)/C(8,4) for x = 0..4 is
        // 1, 16, 36, 16, 1 over 70; the tables at most as likely as x = 3 are x = 0, 1, 3, 4.
        let t = compare_proportions(prop(3, 4), prop(1, 4), 0.05).unwrap();
        assert_eq!(t.method, TestMethod::FisherExact);
        assert!((t.p_value - 34.0 / 70.0).abs() < 1e-9);
        assert!(!t.significant);
    }

    #[test]
    fn empty_rates_are_not_compared() {
        assert!(compare_proportions(prop(0, 0), prop(1, 2), 0.05).is_none());
    }
}
