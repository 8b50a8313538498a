//! Histogram binning: each feature's values are cut into at most `max_bins` ordered bins once,
//! before boosting, so split finding scans a few dozen bin totals instead of sorting rows.
//! Missing values (`NaN`) get their own bin, and each split learns which side they go to.

/// The bin of a missing value.
pub(crate) const MISSING_BIN: u8 = u8::MAX;

/// Largest number of value bins a feature may have (the missing bin is extra).
pub(crate) const MAX_VALUE_BINS: usize = MISSING_BIN as usize;

/// The cut points of one feature: a value `v` falls in bin `b` = the number of thresholds
/// strictly below `v`, so `v <= thresholds[b]` exactly when `bin(v) <= b`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FeatureBins {
    thresholds: Vec<f64>,
}

impl FeatureBins {
    /// Cut points from the observed values: midpoints between distinct values when there are
    /// few enough, else midpoints at evenly spaced quantiles.
    pub fn fit(values: &[f64], max_bins: usize) -> Self {
        let max_bins = max_bins.clamp(2, MAX_VALUE_BINS);
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let mut distinct = sorted.clone();
        distinct.dedup();
        let thresholds = if distinct.len() <= max_bins {
            distinct.windows(2).map(|w| midpoint(w[0], w[1])).collect()
        } else {
            quantile_cuts(&sorted, max_bins)
        };
        Self { thresholds }
    }

    /// The bin of a value.
    pub fn bin(&self, value: f64) -> u8 {
        if value.is_nan() {
            MISSING_BIN
        } else {
            self.thresholds.partition_point(|t| *t < value) as u8
        }
    }

    /// Number of value bins (the missing bin not counted).
    pub fn value_bins(&self) -> usize {
        self.thresholds.len() + 1
    }

    /// The real-valued threshold of a split after `bin`: left when `v <= threshold`.
    pub fn threshold(&self, bin: usize) -> f64 {
        self.thresholds.get(bin).copied().unwrap_or(f64::INFINITY)
    }
}

fn midpoint(a: f64, b: f64) -> f64 {
    a + (b - a) / 2.0
}

/// Midpoints between neighbouring order statistics at `k / max_bins` quantiles,
/// deduplicated. A quantile inside a run of equal values cuts right after that value (the
/// midpoint of two equal values is the value), so a heavy value still gets a bin boundary.
fn quantile_cuts(sorted: &[f64], max_bins: usize) -> Vec<f64> {
    let n = sorted.len();
    let mut cuts: Vec<f64> = (1..max_bins)
        .map(|k| k * n / max_bins)
        .filter(|&i| i > 0 && i < n)
        .map(|i| midpoint(sorted[i - 1], sorted[i]))
        .filter(|&cut| cut < sorted[n - 1])
        .collect();
    cuts.dedup();
    cuts
}

/// The training rows of every feature, binned, stored column by column.
#[derive(Debug, Clone)]
pub(crate) struct BinnedColumns {
    /// Cut points per feature.
    pub bins: Vec<FeatureBins>,
    /// `columns[f][i]`: the bin of row `i` for feature `f`.
    pub columns: Vec<Vec<u8>>,
}

impl BinnedColumns {
    /// Bins row-major `rows` (each of `width` values).
    pub fn build(rows: &[&[f64]], width: usize, max_bins: usize) -> Self {
        let mut bins = Vec::with_capacity(width);
        let mut columns = Vec::with_capacity(width);
        for f in 0..width {
            let values: Vec<f64> = rows.iter().map(|r| r[f]).collect();
            let feature_bins = FeatureBins::fit(&values, max_bins);
            columns.push(values.iter().map(|v| feature_bins.bin(*v)).collect());
            bins.push(feature_bins);
        }
        Self { bins, columns }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn few_distinct_values_get_one_bin_each() {
        let bins = FeatureBins::fit(&[3.0, 1.0, 2.0, 2.0, f64::NAN], 10);
        assert_eq!(bins.value_bins(), 3);
        assert_eq!(bins.bin(1.0), 0);
        assert_eq!(bins.bin(2.0), 1);
        assert_eq!(bins.bin(3.0), 2);
        assert_eq!(bins.bin(f64::NAN), MISSING_BIN);
    }

    proptest! {
        #[test]
        fn bins_respect_thresholds_and_order(
            values in proptest::collection::vec(-1e3f64..1e3, 1..300),
            max_bins in 2usize..40,
        ) {
            let bins = FeatureBins::fit(&values, max_bins);
            prop_assert!(bins.value_bins() <= max_bins.max(2));
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            for w in sorted.windows(2) {
                prop_assert!(bins.bin(w[0]) <= bins.bin(w[1]));
            }
            for &v in &values {
                let b = bins.bin(v) as usize;
                for cut in 0..bins.value_bins() - 1 {
                    prop_assert_eq!(v <= bins.threshold(cut), b <= cut);
                }
            }
        }
    }
}
