//! Small statistics every model here is measured with: AUC, Brier score, calibration error,
//! rank correlation, quantiles. Pure functions over slices.

/// Area under the ROC curve of `scores` against `labels` (true = positive), with ties
/// counted as half (the Mann–Whitney form). `None` when either class is absent.
pub fn auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let n = scores.len().min(labels.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let ranks = average_ranks_sorted(&order, scores);
    let positives = labels[..n].iter().filter(|&&l| l).count();
    let negatives = n - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let rank_sum: f64 = (0..n).filter(|&i| labels[i]).map(|i| ranks[i]).sum();
    let p = positives as f64;
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * negatives as f64))
}

/// Mean squared error of probabilities against outcomes. `None` for empty input.
pub fn brier(probabilities: &[f64], labels: &[bool]) -> Option<f64> {
    let n = probabilities.len().min(labels.len());
    if n == 0 {
        return None;
    }
    let sum: f64 = (0..n)
        .map(|i| (probabilities[i] - f64::from(u8::from(labels[i]))).powi(2))
        .sum();
    Some(sum / n as f64)
}

/// Expected calibration error over `bins` equal-width probability bins: the weighted mean
/// gap between predicted and observed rates. `None` for empty input or zero bins.
pub fn expected_calibration_error(
    probabilities: &[f64],
    labels: &[bool],
    bins: usize,
) -> Option<f64> {
    let n = probabilities.len().min(labels.len());
    if n == 0 || bins == 0 {
        return None;
    }
    let mut predicted = vec![0.0; bins];
    let mut observed = vec![0.0; bins];
    let mut counts = vec![0usize; bins];
    for i in 0..n {
        let p = probabilities[i].clamp(0.0, 1.0);
        let bin = ((p * bins as f64) as usize).min(bins - 1);
        predicted[bin] += p;
        observed[bin] += f64::from(u8::from(labels[i]));
        counts[bin] += 1;
    }
    let gap: f64 = (0..bins)
        .filter(|&b| counts[b] > 0)
        .map(|b| (predicted[b] - observed[b]).abs())
        .sum();
    Some(gap / n as f64)
}

/// Spearman rank correlation of two equally long series (ties get average ranks).
/// `None` when shorter than two or when either series is constant.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n < 2 {
        return None;
    }
    let ra = average_ranks(&a[..n]);
    let rb = average_ranks(&b[..n]);
    pearson(&ra, &rb)
}

/// Pearson correlation; `None` when shorter than two or either series is constant.
pub fn pearson(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n < 2 {
        return None;
    }
    let (ma, mb) = (mean(&a[..n])?, mean(&b[..n])?);
    let (mut cov, mut va, mut vb) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (da, db) = (a[i] - ma, b[i] - mb);
        cov += da * db;
        va += da * da;
        vb += db * db;
    }
    if va == 0.0 || vb == 0.0 {
        return None;
    }
    Some(cov / (va.sqrt() * vb.sqrt()))
}

/// Arithmetic mean; `None` for empty input.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// The `q`-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics;
/// `None` for empty input.
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let position = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lower = position.floor() as usize;
    let upper = position.ceil() as usize;
    let weight = position - lower as f64;
    Some(sorted[lower] * (1.0 - weight) + sorted[upper] * weight)
}

/// One-based ranks with ties sharing their average rank.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    average_ranks_sorted(&order, values)
}

fn average_ranks_sorted(order: &[usize], values: &[f64]) -> Vec<f64> {
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start;
        while end + 1 < order.len() && values[order[end + 1]] == values[order[start]] {
            end += 1;
        }
        let rank = (start + end) as f64 / 2.0 + 1.0;
        for &i in &order[start..=end] {
            ranks[i] = rank;
        }
        start = end + 1;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn auc_of_a_perfect_and_an_inverted_ranking() {
        let labels = [false, false, true, true];
        assert_eq!(auc(&[0.1, 0.2, 0.8, 0.9], &labels), Some(1.0));
        assert_eq!(auc(&[0.9, 0.8, 0.2, 0.1], &labels), Some(0.0));
        assert_eq!(auc(&[0.5, 0.5, 0.5, 0.5], &labels), Some(0.5));
        assert_eq!(auc(&[0.5, 0.5], &[true, true]), None);
    }

    #[test]
    fn spearman_is_one_for_monotone_series() {
        let a = [1.0, 2.0, 3.0, 4.0];
        assert!((spearman(&a, &[10.0, 20.0, 25.0, 100.0]).unwrap() - 1.0).abs() < 1e-12);
        assert!((spearman(&a, &[4.0, 3.0, 2.0, 1.0]).unwrap() + 1.0).abs() < 1e-12);
    }

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert_eq!(quantile(&v, 0.25), Some(2.0));
        assert_eq!(quantile(&v, 0.1), Some(1.4));
    }

    proptest! {
        #[test]
        fn auc_is_a_probability_and_flips_with_the_scores(
            pairs in proptest::collection::vec((0.0f64..1.0, any::<bool>()), 2..60)
        ) {
            let scores: Vec<f64> = pairs.iter().map(|p| p.0).collect();
            let labels: Vec<bool> = pairs.iter().map(|p| p.1).collect();
            if let Some(a) = auc(&scores, &labels) {
                prop_assert!((0.0..=1.0).contains(&a));
                let flipped: Vec<f64> = scores.iter().map(|s| -s).collect();
                let b = auc(&flipped, &labels).unwrap();
                prop_assert!((a + b - 1.0).abs() < 1e-9);
            }
        }

        #[test]
        fn brier_and_ece_stay_in_the_unit_interval(
            pairs in proptest::collection::vec((0.0f64..=1.0, any::<bool>()), 1..60)
        ) {
            let p: Vec<f64> = pairs.iter().map(|x| x.0).collect();
            let l: Vec<bool> = pairs.iter().map(|x| x.1).collect();
            let b = brier(&p, &l).unwrap();
            let e = expected_calibration_error(&p, &l, 10).unwrap();
            prop_assert!((0.0..=1.0).contains(&b));
            prop_assert!((0.0..=1.0).contains(&e));
        }
    }
}
