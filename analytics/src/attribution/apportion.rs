//! Exact money: fractional credits become whole dollars that sum exactly to the revenue
//! attributed, by the largest-remainder method (ties to the lower key index), so every
//! model's total equals the input revenue to the dollar.

/// Fractional credit gathered by a model before rounding.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CreditSheet {
    /// Conversions credited per key.
    pub conversions: Vec<f64>,
    /// Revenue credited per key, in fractional dollars.
    pub revenue: Vec<f64>,
}

impl CreditSheet {
    /// An empty sheet for `keys` keys.
    pub fn new(keys: usize) -> Self {
        Self {
            conversions: vec![0.0; keys],
            revenue: vec![0.0; keys],
        }
    }

    /// Credits `share` of one conversion worth `revenue` dollars to `key`.
    pub fn add(&mut self, key: u32, share: f64, revenue: f64) {
        self.conversions[key as usize] += share;
        self.revenue[key as usize] += share * revenue;
    }
}

/// Whole-dollar credits proportional to `weights` that sum exactly to `total`. Negative,
/// non-finite or all-zero weights give nothing (all zeros when nothing is positive).
pub(crate) fn apportion(total: i64, weights: &[f64]) -> Vec<i64> {
    let usable = |w: f64| if w.is_finite() && w > 0.0 { w } else { 0.0 };
    let sum: f64 = weights.iter().map(|w| usable(*w)).sum();
    if total <= 0 || sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let scale = total as f64 / sum;
    let exact: Vec<f64> = weights.iter().map(|w| usable(*w) * scale).collect();
    let mut whole: Vec<i64> = exact.iter().map(|x| x.floor() as i64).collect();
    let mut order: Vec<usize> = (0..exact.len()).filter(|i| exact[*i] > 0.0).collect();
    let fraction = |i: usize| exact[i] - exact[i].floor();
    order.sort_by(|a, b| fraction(*b).total_cmp(&fraction(*a)).then(a.cmp(b)));
    let mut left = total - whole.iter().sum::<i64>();
    if order.is_empty() {
        return whole;
    }
    while left > 0 {
        for i in &order {
            if left == 0 {
                break;
            }
            whole[*i] += 1;
            left -= 1;
        }
    }
    while left < 0 {
        let before = left;
        for i in order.iter().rev() {
            if left < 0 && whole[*i] > 0 {
                whole[*i] -= 1;
                left += 1;
            }
        }
        if left == before {
            break;
        }
    }
    whole
}
