//! The entry points: run every model (or the ones asked for) over a journey book at one
//! level and gather the report.

use super::apportion::CreditSheet;
use super::keys::KeySpace;
use super::markov::markov_run;
use super::positional::{FULL_PATH, Heuristic, U_SHAPED, W_SHAPED, heuristic_sheet};
use super::report::{
    MarkovSummary, RemovalEffect, disagreement, influence, journey_counts, model_credits,
};
use super::shapley::shapley_sheet;
use super::{
    AttributionConfig, AttributionError, AttributionModel, AttributionReport, JourneyBook,
};

/// Runs every model of [`AttributionModel::ALL`].
pub fn attribute(
    book: &JourneyBook,
    config: &AttributionConfig,
) -> Result<AttributionReport, AttributionError> {
    attribute_models(book, config, &AttributionModel::ALL)
}

/// Runs the given models (each once, in the order given).
pub fn attribute_models(
    book: &JourneyBook,
    config: &AttributionConfig,
    models: &[AttributionModel],
) -> Result<AttributionReport, AttributionError> {
    config.validate()?;
    let keys = KeySpace::new(book, config.level);
    let mut credits = Vec::with_capacity(models.len());
    let mut markov = None;
    for (i, &model) in models.iter().enumerate() {
        if models[..i].contains(&model) {
            continue;
        }
        let sheet = model_sheet(book, &keys, config, model, &mut markov)?;
        credits.push(model_credits(model, &sheet, &keys, book.won_revenue()));
    }
    Ok(AttributionReport {
        level: config.level,
        keys: keys.names.clone(),
        journeys: journey_counts(book),
        disagreement: disagreement(&credits, &keys),
        models: credits,
        influence: influence(book, &keys),
        markov,
    })
}

fn model_sheet(
    book: &JourneyBook,
    keys: &KeySpace,
    config: &AttributionConfig,
    model: AttributionModel,
    markov: &mut Option<MarkovSummary>,
) -> Result<CreditSheet, AttributionError> {
    let rule = match model {
        AttributionModel::FirstTouch => Heuristic::First,
        AttributionModel::LastTouch => Heuristic::Last,
        AttributionModel::Linear => Heuristic::Linear,
        AttributionModel::UShaped => Heuristic::Slots(U_SHAPED),
        AttributionModel::WShaped => Heuristic::Slots(W_SHAPED),
        AttributionModel::FullPath => Heuristic::Slots(FULL_PATH),
        AttributionModel::TimeDecay => Heuristic::TimeDecay(config.half_life_days),
        AttributionModel::Shapley => return Ok(shapley_sheet(book, keys, &config.shapley)),
        AttributionModel::Markov => {
            let run = markov_run(book, keys, &config.markov)?;
            *markov = Some(MarkovSummary {
                conversion_probability: run.conversion_probability,
                removal_effects: keys
                    .names
                    .iter()
                    .zip(&run.removal_effects)
                    .map(|(key, e)| RemovalEffect {
                        key: key.clone(),
                        conversions: e[0],
                        revenue: e[1],
                    })
                    .collect(),
            });
            return Ok(run.sheet);
        }
    };
    Ok(heuristic_sheet(book, keys, rule))
}
