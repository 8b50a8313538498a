//! L2-regularised logistic regression fitted by Newton's method (IRLS) with step halving:
//! deterministic, exact to the tolerance, and explainable — a prediction's log-odds is the
//! intercept plus one additive contribution per feature.
//!
//! Features are standardised (mean 0, standard deviation 1 on the training rows) before the
//! fit, so the penalty treats them alike and the intercept is the log-odds of an average
//! account. The objective is `Σ log-loss + (l2 / 2)·‖w‖²` over the standardised weights, the
//! intercept unpenalised — the same as scikit-learn's `LogisticRegression(C = 1 / l2)` on
//! standardised features.

use super::error::CompetitiveError;
use super::irls::newton;

/// How to fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogisticConfig {
    /// L2 penalty on the standardised weights (> 0).
    pub l2: f64,
    /// Newton iterations allowed.
    pub max_iterations: usize,
    /// Stop when no parameter moves by more than this.
    pub tolerance: f64,
}

impl Default for LogisticConfig {
    fn default() -> Self {
        Self {
            l2: 1.0,
            max_iterations: 100,
            tolerance: 1e-10,
        }
    }
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticModel {
    /// Log-odds at the training mean of every feature.
    pub intercept: f64,
    /// Weight per standardised feature.
    pub weights: Vec<f64>,
    /// Training mean per feature.
    pub means: Vec<f64>,
    /// Training standard deviation per feature (1 where the feature was constant).
    pub scales: Vec<f64>,
    /// Newton iterations used.
    pub iterations: usize,
}

/// The logistic function, computed without overflow.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        z.exp() / (1.0 + z.exp())
    }
}

impl LogisticModel {
    /// Fits the model to feature rows and outcomes (true = positive class).
    pub fn fit<R: AsRef<[f64]>>(
        rows: &[R],
        labels: &[bool],
        config: &LogisticConfig,
    ) -> Result<Self, CompetitiveError> {
        check_config(config)?;
        let x = standardised_input(rows, labels)?;
        let (means, scales) = moments(&x);
        let z: Vec<Vec<f64>> = x
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .map(|(j, v)| (v - means[j]) / scales[j])
                    .collect()
            })
            .collect();
        let (beta, iterations) = newton(&z, labels, config)?;
        Ok(Self {
            intercept: beta[0],
            weights: beta[1..].to_vec(),
            means,
            scales,
            iterations,
        })
    }

    /// Per-feature contributions to the log-odds of `row`, relative to the average account.
    pub fn contributions(&self, row: &[f64]) -> Vec<f64> {
        self.weights
            .iter()
            .enumerate()
            .map(|(j, w)| {
                w * (row.get(j).copied().unwrap_or(self.means[j]) - self.means[j]) / self.scales[j]
            })
            .collect()
    }

    /// Log-odds of `row`: the intercept plus its contributions, summed in feature order.
    pub fn log_odds(&self, row: &[f64]) -> f64 {
        self.contributions(row)
            .iter()
            .fold(self.intercept, |acc, c| acc + c)
    }

    /// Probability of the positive class.
    pub fn probability(&self, row: &[f64]) -> f64 {
        sigmoid(self.log_odds(row))
    }
}

fn check_config(config: &LogisticConfig) -> Result<(), CompetitiveError> {
    if !config.l2.is_finite() || config.l2 <= 0.0 {
        return Err(CompetitiveError::InvalidConfig(
            "l2 must be positive and finite",
        ));
    }
    if config.max_iterations == 0 || config.tolerance.is_nan() || config.tolerance <= 0.0 {
        return Err(CompetitiveError::InvalidConfig(
            "need at least one iteration and a positive tolerance",
        ));
    }
    Ok(())
}

/// Checks shapes, finiteness and both classes; returns the rows as vectors.
fn standardised_input<R: AsRef<[f64]>>(
    rows: &[R],
    labels: &[bool],
) -> Result<Vec<Vec<f64>>, CompetitiveError> {
    if rows.is_empty() {
        return Err(CompetitiveError::NoTrainingData);
    }
    if labels.len() != rows.len() {
        return Err(CompetitiveError::ShapeMismatch {
            expected: rows.len(),
            got: labels.len(),
        });
    }
    let width = rows[0].as_ref().len();
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let row = row.as_ref();
        if row.len() != width {
            return Err(CompetitiveError::ShapeMismatch {
                expected: width,
                got: row.len(),
            });
        }
        if let Some(column) = row.iter().position(|v| !v.is_finite()) {
            return Err(CompetitiveError::NonFiniteFeature { row: i, column });
        }
        out.push(row.to_vec());
    }
    let positives = labels.iter().filter(|l| **l).count();
    if positives == 0 || positives == labels.len() {
        return Err(CompetitiveError::SingleClass {
            positives,
            total: labels.len(),
        });
    }
    Ok(out)
}

/// Mean and standard deviation of each column (1 for constant columns).
fn moments(x: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    let n = x.len() as f64;
    let width = x.first().map_or(0, Vec::len);
    let means: Vec<f64> = (0..width)
        .map(|j| x.iter().map(|r| r[j]).sum::<f64>() / n)
        .collect();
    let scales = (0..width)
        .map(|j| {
            let var = x.iter().map(|r| (r[j] - means[j]).powi(2)).sum::<f64>() / n;
            if var.sqrt() > 1e-12 { var.sqrt() } else { 1.0 }
        })
        .collect();
    (means, scales)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> (Vec<[f64; 2]>, Vec<bool>) {
        let rows: Vec<[f64; 2]> = (0..40)
            .map(|i| [f64::from(i % 10), f64::from((i * 7) % 5)])
            .collect();
        let labels = rows
            .iter()
            .enumerate()
            .map(|(i, r)| r[0] + if i % 3 == 0 { 3.0 } else { 0.0 } > 5.0)
            .collect();
        (rows, labels)
    }

    #[test]
    fn the_fit_zeroes_the_penalised_gradient() {
        let (rows, labels) = toy();
        let config = LogisticConfig {
            l2: 0.5,
            ..LogisticConfig::default()
        };
        let model = LogisticModel::fit(&rows, &labels, &config).unwrap();
        // Independent check: the first-order condition, computed from the original rows.
        let mut g = [0.0; 3];
        for (row, &y) in rows.iter().zip(&labels) {
            let r = model.probability(row) - f64::from(u8::from(y));
            g[0] += r;
            for j in 0..2 {
                g[j + 1] += r * (row[j] - model.means[j]) / model.scales[j];
            }
        }
        for j in 0..2 {
            g[j + 1] += config.l2 * model.weights[j];
        }
        assert!(g.iter().all(|v| v.abs() < 1e-8), "{g:?}");
        assert!(model.weights[0] > 0.0);
    }

    #[test]
    fn contributions_sum_to_the_log_odds() {
        let (rows, labels) = toy();
        let model = LogisticModel::fit(&rows, &labels, &LogisticConfig::default()).unwrap();
        for row in &rows {
            let sum = model
                .contributions(row)
                .iter()
                .fold(model.intercept, |a, c| a + c);
            assert_eq!(sum, model.log_odds(row));
        }
    }

    #[test]
    fn a_stronger_penalty_shrinks_the_weights() {
        let (rows, labels) = toy();
        let loose = LogisticModel::fit(
            &rows,
            &labels,
            &LogisticConfig {
                l2: 0.01,
                ..LogisticConfig::default()
            },
        )
        .unwrap();
        let tight = LogisticModel::fit(
            &rows,
            &labels,
            &LogisticConfig {
                l2: 100.0,
                ..LogisticConfig::default()
            },
        )
        .unwrap();
        assert!(tight.weights[0].abs() < loose.weights[0].abs());
    }

    #[test]
    fn bad_inputs_are_refused() {
        let cfg = LogisticConfig::default();
        let none: Vec<[f64; 1]> = Vec::new();
        assert_eq!(
            LogisticModel::fit(&none, &[], &cfg),
            Err(CompetitiveError::NoTrainingData)
        );
        let one_class = LogisticModel::fit(&[[1.0], [2.0]], &[true, true], &cfg);
        assert!(matches!(
            one_class,
            Err(CompetitiveError::SingleClass {
                positives: 2,
                total: 2
            })
        ));
        let nan = LogisticModel::fit(&[[1.0], [f64::NAN]], &[true, false], &cfg);
        assert!(matches!(
            nan,
            Err(CompetitiveError::NonFiniteFeature { row: 1, column: 0 })
        ));
        let bad = LogisticConfig { l2: 0.0, ..cfg };
        assert!(matches!(
            LogisticModel::fit(&[[1.0], [2.0]], &[true, false], &bad),
            Err(CompetitiveError::InvalidConfig(_))
        ));
    }
}
