//! Training the boosted engine from closed-deal rows: split deals three ways (fit, early
//! stopping, calibration), boost on the fit deals with early stopping, fit the Platt map on
//! that model's predictions for the calibration deals (which it never saw), then — by
//! default — refit the trees on every deal with the chosen number of rounds and keep the map
//! (as scikit-learn's `CalibratedClassifierCV(ensemble=False)` does), so no deal is wasted;
//! finally train the small bagged ensemble whose agreement feeds the confidence score.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::boosting::{BoostedTrees, LabelledRows, fit};
use super::calibration::PlattMap;
use super::config::WinModelConfig;
use super::split::{deals_of, regroup, stratified_split};

/// The trained parts of the boosted engine.
#[derive(Debug, Clone)]
pub(crate) struct BoostedParts {
    /// The model.
    pub trees: BoostedTrees,
    /// Raw → calibrated log-odds.
    pub calibration: PlattMap,
    /// The bagged ensemble.
    pub members: Vec<BoostedTrees>,
    /// Validation log-loss path of the early-stopping run.
    pub validation_loss: Vec<f64>,
}

/// Rows and labels picked by index.
struct Picked<'a> {
    rows: Vec<&'a [f64]>,
    labels: Vec<bool>,
}

impl<'a> Picked<'a> {
    fn new(matrix: &'a [Vec<f64>], labels: &[bool], indices: &[usize]) -> Self {
        Self {
            rows: indices.iter().map(|&i| matrix[i].as_slice()).collect(),
            labels: indices.iter().map(|&i| labels[i]).collect(),
        }
    }

    fn view(&self) -> LabelledRows<'_> {
        LabelledRows {
            rows: &self.rows,
            labels: &self.labels,
        }
    }
}

/// Trains the boosted engine on `matrix` rows (deal ids and labels alongside).
pub(crate) fn train_boosted(
    matrix: &[Vec<f64>],
    deal_ids: &[&str],
    labels: &[bool],
    config: &WinModelConfig,
) -> BoostedParts {
    let deals = deals_of(deal_ids.iter().copied(), labels);
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let (model_rows, calibration_rows) =
        stratified_split(&deals, config.calibration_fraction, &mut rng);
    let model_deals = regroup(&deals, &model_rows);
    let (fit_rows, valid_rows) =
        stratified_split(&model_deals, config.validation_fraction, &mut rng);
    let boosting = &config.boosting;
    let fit_set = Picked::new(matrix, labels, &fit_rows);
    let valid_set = Picked::new(matrix, labels, &valid_rows);
    let validation = (!valid_rows.is_empty()).then(|| valid_set.view());
    let first = fit(
        fit_set.view(),
        validation,
        boosting,
        boosting.max_iterations,
    );
    let rounds = first.trees.len();
    let validation_loss = first.validation_loss.clone();
    let calibration = calibrate(&first, &Picked::new(matrix, labels, &calibration_rows));
    let trees = if config.refit_on_all_deals {
        let all: Vec<usize> = (0..matrix.len()).collect();
        let everything = Picked::new(matrix, labels, &all);
        fit(everything.view(), None, boosting, rounds)
    } else {
        first
    };
    let bagging = Bagging {
        deals: &model_deals,
        rounds: rounds.max(1),
        config,
    };
    let members = (0..config.ensemble_members)
        .map(|_| bagging.member(matrix, labels, &mut rng))
        .collect();
    BoostedParts {
        trees,
        calibration,
        members,
        validation_loss,
    }
}

/// The Platt map of a model's raw scores on held-out rows.
fn calibrate(model: &BoostedTrees, held_out: &Picked<'_>) -> PlattMap {
    let raw: Vec<f64> = held_out.rows.iter().map(|r| model.raw_score(r)).collect();
    PlattMap::fit(&raw, &held_out.labels)
}

/// How the ensemble members are trained: each on a seeded sample of the deals, with the
/// model's number of rounds and no early stopping.
struct Bagging<'a> {
    deals: &'a [(Vec<usize>, bool)],
    rounds: usize,
    config: &'a WinModelConfig,
}

impl Bagging<'_> {
    fn member(&self, matrix: &[Vec<f64>], labels: &[bool], rng: &mut ChaCha8Rng) -> BoostedTrees {
        let left_out = 1.0 - self.config.ensemble_sample_fraction;
        let (sample, _) = stratified_split(self.deals, left_out, rng);
        let set = Picked::new(matrix, labels, &sample);
        fit(set.view(), None, &self.config.boosting, self.rounds)
    }
}
