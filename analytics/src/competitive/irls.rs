//! The fitting engine of [`super::logistic`]: Newton's method (iteratively reweighted least
//! squares) on the L2-penalised log-loss, with step halving whenever a full step would raise
//! the objective, and a Cholesky solve of the small normal equations. Deterministic: no
//! randomness, a fixed order of every sum.

use super::error::CompetitiveError;
use super::logistic::{LogisticConfig, sigmoid};

/// `ln(1 + e^z)` without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

/// Penalised negative log-likelihood at `beta` (intercept first).
fn objective(z: &[Vec<f64>], labels: &[bool], beta: &[f64], l2: f64) -> f64 {
    let loss: f64 = z
        .iter()
        .zip(labels)
        .map(|(row, &y)| {
            let eta = linear(row, beta);
            softplus(eta) - if y { eta } else { 0.0 }
        })
        .sum();
    loss + 0.5 * l2 * beta[1..].iter().map(|b| b * b).sum::<f64>()
}

fn linear(row: &[f64], beta: &[f64]) -> f64 {
    row.iter()
        .zip(&beta[1..])
        .fold(beta[0], |acc, (x, b)| acc + x * b)
}

/// Newton iterations with step halving; returns the parameters and the iterations used.
pub(super) fn newton(
    z: &[Vec<f64>],
    labels: &[bool],
    config: &LogisticConfig,
) -> Result<(Vec<f64>, usize), CompetitiveError> {
    let d = z[0].len() + 1;
    let mut beta = vec![0.0; d];
    let mut current = objective(z, labels, &beta, config.l2);
    for iteration in 1..=config.max_iterations {
        let (gradient, hessian) = derivatives(z, labels, &beta, config.l2);
        let step = solve_cholesky(hessian, &gradient).ok_or(CompetitiveError::NotConverged)?;
        let mut t = 1.0;
        let (next, value) = loop {
            let candidate: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b - t * s).collect();
            let value = objective(z, labels, &candidate, config.l2);
            if value <= current || t < 1e-10 {
                break (candidate, value);
            }
            t /= 2.0;
        };
        let moved = beta
            .iter()
            .zip(&next)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        beta = next;
        current = value;
        if moved < config.tolerance {
            return Ok((beta, iteration));
        }
    }
    Err(CompetitiveError::NotConverged)
}

/// Gradient and Hessian of the objective at `beta`.
fn derivatives(
    z: &[Vec<f64>],
    labels: &[bool],
    beta: &[f64],
    l2: f64,
) -> (Vec<f64>, Vec<Vec<f64>>) {
    let d = beta.len();
    let mut g = vec![0.0; d];
    let mut h = vec![vec![0.0; d]; d];
    let mut x = vec![1.0; d];
    for (row, &y) in z.iter().zip(labels) {
        x[1..].copy_from_slice(row);
        let p = sigmoid(linear(row, beta));
        let w = p * (1.0 - p);
        let r = p - f64::from(u8::from(y));
        for (a, (ga, ha)) in g.iter_mut().zip(h.iter_mut()).enumerate() {
            *ga += r * x[a];
            for (hab, xb) in ha.iter_mut().zip(&x) {
                *hab += w * x[a] * xb;
            }
        }
    }
    for a in 1..d {
        g[a] += l2 * beta[a];
        h[a][a] += l2;
    }
    (g, h)
}

/// Solves `a·x = b` for a symmetric positive-definite `a`; `None` when it is not.
fn solve_cholesky(mut a: Vec<Vec<f64>>, b: &[f64]) -> Option<Vec<f64>> {
    let n = b.len();
    for j in 0..n {
        let diag = a[j][j] - (0..j).map(|k| a[j][k] * a[j][k]).sum::<f64>();
        if diag.is_nan() || diag <= 0.0 {
            return None;
        }
        a[j][j] = diag.sqrt();
        for i in j + 1..n {
            a[i][j] = (a[i][j] - (0..j).map(|k| a[i][k] * a[j][k]).sum::<f64>()) / a[j][j];
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        y[i] = (b[i] - (0..i).map(|k| a[i][k] * y[k]).sum::<f64>()) / a[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        x[i] = (y[i] - (i + 1..n).map(|k| a[k][i] * x[k]).sum::<f64>()) / a[i][i];
    }
    Some(x)
}
