//! Similar past deals: the training deals nearest to a scored deal in a standardised feature
//! space (each feature as a z-score, weighted by the square root of its share of the model's
//! split gain, so deals are "similar" in what matters to the model; a missing value sits at
//! the feature's mean, and being missing adds one weighted standard deviation on an extra
//! axis). Also measures how much history surrounds a deal — the support and
//! out-of-distribution parts of its confidence.

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// Neighbours counted for support and for the neighbourhood radius.
pub(crate) const SUPPORT_K: usize = 10;
/// Training rows sampled to calibrate the radius and the distance reference.
const REFERENCE_SAMPLE: usize = 300;

/// The standardised training rows with their deals and outcomes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct NeighbourIndex {
    /// Coordinates per row: one per feature, plus one per feature with missing values.
    width: usize,
    centre: Vec<f64>,
    scale: Vec<f64>,
    weight: Vec<f64>,
    /// Features that had missing values in training (each gets a missingness axis).
    optional: Vec<usize>,
    /// Row-major coordinates.
    points: Vec<f64>,
    /// Deal of each row (index into `deal_ids`).
    deal_of_row: Vec<u32>,
    deal_ids: Vec<String>,
    won: Vec<bool>,
    /// Median distance from a training row to its `SUPPORT_K`-th nearest other-deal row.
    radius: f64,
    /// Sorted distances from sampled training rows to their nearest other-deal row.
    reference: Vec<f64>,
}

/// What surrounds one scored deal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Neighbourhood {
    /// Nearest distinct deals: (deal id index, distance, won), nearest first.
    pub similar: Vec<(u32, f64, bool)>,
    /// Training rows (of other deals) within the radius.
    pub within_radius: usize,
    /// Distance to the nearest row of another deal.
    pub nearest: f64,
}

impl NeighbourIndex {
    /// Indexes `rows` with per-feature `weights` (non-negative; 0 ignores a feature).
    pub fn build(
        rows: &[&[f64]],
        deal_ids: &[&str],
        won: &[bool],
        weights: &[f64],
        rng: &mut ChaCha8Rng,
    ) -> Self {
        let features = weights.len();
        let (centre, scale) = moments(rows, features);
        let optional: Vec<usize> = (0..features)
            .filter(|&f| rows.iter().any(|r| r[f].is_nan()))
            .collect();
        let width = features + optional.len();
        let unique: std::collections::BTreeSet<&str> = deal_ids.iter().copied().collect();
        let ids: Vec<String> = unique.into_iter().map(str::to_string).collect();
        let deal_of_row = deal_ids
            .iter()
            .map(|id| ids.binary_search_by(|d| d.as_str().cmp(id)).unwrap_or(0) as u32)
            .collect();
        let mut index = Self {
            width,
            centre,
            scale,
            weight: weights.to_vec(),
            optional,
            points: Vec::with_capacity(rows.len() * width),
            deal_of_row,
            deal_ids: ids,
            won: won.to_vec(),
            radius: 0.0,
            reference: Vec::new(),
        };
        for row in rows {
            let z = index.standardise(row);
            index.points.extend(z);
        }
        index.calibrate_distances(rng);
        index
    }

    /// The id of an interned deal.
    pub fn deal_id(&self, deal: u32) -> &str {
        &self.deal_ids[deal as usize]
    }

    /// Sorted reference distances (training rows to their nearest other deal).
    pub fn reference(&self) -> &[f64] {
        &self.reference
    }

    /// The coordinates of a row.
    fn standardise(&self, row: &[f64]) -> Vec<f64> {
        let mut z: Vec<f64> = (0..self.weight.len())
            .map(|f| {
                if row[f].is_nan() {
                    0.0
                } else {
                    (row[f] - self.centre[f]) / self.scale[f] * self.weight[f]
                }
            })
            .collect();
        z.extend(
            self.optional
                .iter()
                .map(|&f| if row[f].is_nan() { self.weight[f] } else { 0.0 }),
        );
        z
    }

    /// Squared Euclidean distance of two coordinate rows.
    fn distance_squared(a: &[f64], b: &[f64]) -> f64 {
        a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
    }

    fn point(&self, row: usize) -> &[f64] {
        &self.points[row * self.width..(row + 1) * self.width]
    }

    /// Squared distances from `z` to every row of a deal other than `skip`, as
    /// (squared distance, row).
    fn distances(&self, z: &[f64], skip: Option<u32>) -> Vec<(f64, u32)> {
        (0..self.deal_of_row.len())
            .filter(|&r| Some(self.deal_of_row[r]) != skip)
            .map(|r| (Self::distance_squared(z, self.point(r)), r as u32))
            .collect()
    }

    /// Sets the radius and the reference distances from a seeded sample of training rows.
    fn calibrate_distances(&mut self, rng: &mut ChaCha8Rng) {
        let mut sample: Vec<usize> = (0..self.deal_of_row.len()).collect();
        sample.shuffle(rng);
        sample.truncate(REFERENCE_SAMPLE);
        sample.sort_unstable();
        let mut kth = Vec::with_capacity(sample.len());
        for &r in &sample {
            let z = self.point(r).to_vec();
            let mut d = self.distances(&z, Some(self.deal_of_row[r]));
            if d.is_empty() {
                continue;
            }
            let k = SUPPORT_K.min(d.len()) - 1;
            d.select_nth_unstable_by(k, |a, b| a.0.total_cmp(&b.0));
            kth.push(d[k].0.sqrt());
            let nearest = d[..=k].iter().map(|x| x.0).fold(f64::INFINITY, f64::min);
            self.reference.push(nearest.sqrt());
        }
        self.reference.sort_by(f64::total_cmp);
        kth.sort_by(f64::total_cmp);
        self.radius = kth.get(kth.len() / 2).copied().unwrap_or(0.0);
    }

    /// The neighbourhood of a row; rows of the deal `skip_deal` (the scored deal itself, when
    /// it is in the history) are ignored.
    pub fn query(&self, row: &[f64], skip_deal: Option<&str>, k: usize) -> Neighbourhood {
        let skip = skip_deal.and_then(|id| {
            self.deal_ids
                .binary_search_by(|d| d.as_str().cmp(id))
                .ok()
                .map(|i| i as u32)
        });
        let z = self.standardise(row);
        let mut d = self.distances(&z, skip);
        let radius_squared = self.radius * self.radius;
        let within_radius = d.iter().filter(|x| x.0 <= radius_squared).count();
        let nearest = d.iter().map(|x| x.0).fold(f64::INFINITY, f64::min).sqrt();
        Neighbourhood {
            similar: self.nearest_deals(&mut d, k),
            within_radius,
            nearest,
        }
    }

    /// The `k` nearest distinct deals among the squared distances, with their distances.
    fn nearest_deals(&self, d: &mut [(f64, u32)], k: usize) -> Vec<(u32, f64, bool)> {
        let order = |a: &(f64, u32), b: &(f64, u32)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        let mut window = (k * 16).max(64).min(d.len());
        loop {
            if window < d.len() && window > 0 {
                d.select_nth_unstable_by(window - 1, order);
            }
            let head = &mut d[..window];
            head.sort_by(order);
            let mut out: Vec<(u32, f64, bool)> = Vec::with_capacity(k);
            for &(dist, r) in head.iter() {
                let deal = self.deal_of_row[r as usize];
                if out.len() < k && !out.iter().any(|o| o.0 == deal) {
                    out.push((deal, dist.sqrt(), self.won[r as usize]));
                }
            }
            if out.len() >= k || window == d.len() {
                return out;
            }
            window = d.len();
        }
    }
}

/// Mean and standard deviation of each feature over the rows (missing values ignored; a
/// constant or empty feature gets scale 1).
fn moments(rows: &[&[f64]], width: usize) -> (Vec<f64>, Vec<f64>) {
    let mut centre = vec![0.0; width];
    let mut scale = vec![1.0; width];
    for f in 0..width {
        let values: Vec<f64> = rows.iter().map(|r| r[f]).filter(|v| !v.is_nan()).collect();
        if values.is_empty() {
            continue;
        }
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        centre[f] = mean;
        if var > 1e-12 {
            scale[f] = var.sqrt();
        }
    }
    (centre, scale)
}
