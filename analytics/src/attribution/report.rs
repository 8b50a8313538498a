//! What an attribution run returns: per model the credit of every key (conversions, whole
//! dollars that sum exactly to the revenue won, share, ROI), per key its any-touch influence
//! (pipeline and revenue of every journey it touched), where the models disagree, and the
//! Markov removal effects behind the data-driven credit.

use super::apportion::{CreditSheet, apportion};
use super::keys::KeySpace;
use super::{AttributionLevel, AttributionModel, JourneyBook, JourneyOutcome};

/// One key's credit under one model.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyCredit {
    /// Campaign id or channel name.
    pub key: String,
    /// Conversions credited (fractional).
    pub conversions: f64,
    /// Revenue credited, in whole dollars (the model's keys sum exactly to the revenue won).
    pub revenue: i64,
    /// Revenue credited before rounding to dollars.
    pub fractional_revenue: f64,
    /// Share of the model's revenue (of its conversions when no revenue was won).
    pub share: f64,
    /// Spend on the key, in dollars.
    pub cost: i64,
    /// `(revenue - cost) / cost`; `None` without spend.
    pub roi: Option<f64>,
}

/// One model's credits, one entry per key in key order.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelCredits {
    /// The model.
    pub model: AttributionModel,
    /// Credit of every key.
    pub credits: Vec<KeyCredit>,
    /// Conversions credited in total (the won journeys).
    pub total_conversions: f64,
    /// Revenue credited in total: exactly the revenue won.
    pub total_revenue: i64,
}

impl ModelCredits {
    /// The credit of one key.
    pub fn credit(&self, key: &str) -> Option<&KeyCredit> {
        self.credits.iter().find(|c| c.key == key)
    }
}

/// What a key touched, whatever the model: every journey counts once per key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Influence {
    /// Campaign id or channel name.
    pub key: String,
    /// Journeys it touched.
    pub journeys: u64,
    /// Of those, won.
    pub won_journeys: u64,
    /// Influenced pipeline: amount of the opportunities those journeys created, in dollars.
    pub pipeline: i64,
    /// Influenced revenue: revenue those journeys won, in dollars.
    pub revenue: i64,
}

/// How far apart the models put one key.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// Campaign id or channel name.
    pub key: String,
    /// The model giving the smallest share.
    pub lowest_model: AttributionModel,
    /// That share.
    pub lowest_share: f64,
    /// The model giving the largest share.
    pub highest_model: AttributionModel,
    /// That share.
    pub highest_share: f64,
}

impl Disagreement {
    /// Largest minus smallest share.
    pub fn spread(&self) -> f64 {
        self.highest_share - self.lowest_share
    }
}

/// A key's Markov removal effect: the share of conversions (and of value) lost without it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovalEffect {
    /// Campaign id or channel name.
    pub key: String,
    /// On conversions.
    pub conversions: f64,
    /// On revenue.
    pub revenue: f64,
}

/// The Markov chain's view of the journeys.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkovSummary {
    /// Probability that a journey converts, from the full chain.
    pub conversion_probability: f64,
    /// Removal effect of every key, in key order.
    pub removal_effects: Vec<RemovalEffect>,
}

/// How many journeys of each outcome the book held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JourneyCounts {
    /// Won.
    pub won: u64,
    /// Ended without revenue.
    pub not_converted: u64,
    /// Still moving (influence only).
    pub in_progress: u64,
    /// Revenue won, in dollars.
    pub won_revenue: i64,
}

/// The result of an attribution run.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributionReport {
    /// What was credited.
    pub level: AttributionLevel,
    /// The keys, in key order.
    pub keys: Vec<String>,
    /// Journeys by outcome.
    pub journeys: JourneyCounts,
    /// Credits of each model run, in the order asked.
    pub models: Vec<ModelCredits>,
    /// Any-touch influence of every key, in key order.
    pub influence: Vec<Influence>,
    /// Keys by how much the models disagree on them, widest spread first.
    pub disagreement: Vec<Disagreement>,
    /// Removal effects, when the Markov model ran.
    pub markov: Option<MarkovSummary>,
}

impl AttributionReport {
    /// The credits of one model, when it ran.
    pub fn model(&self, model: AttributionModel) -> Option<&ModelCredits> {
        self.models.iter().find(|m| m.model == model)
    }
}

/// Rounds a model's sheet to whole dollars and adds shares and ROI.
pub(crate) fn model_credits(
    model: AttributionModel,
    sheet: &CreditSheet,
    keys: &KeySpace,
    total_revenue: i64,
) -> ModelCredits {
    let dollars = apportion(total_revenue, &sheet.revenue);
    let total_conversions: f64 = sheet.conversions.iter().sum();
    let share = |k: usize| match (total_revenue > 0, total_conversions > 0.0) {
        (true, _) => dollars[k] as f64 / total_revenue as f64,
        (false, true) => sheet.conversions[k] / total_conversions,
        (false, false) => 0.0,
    };
    let credits = (0..keys.len())
        .map(|k| KeyCredit {
            key: keys.names[k].clone(),
            conversions: sheet.conversions[k],
            revenue: dollars[k],
            fractional_revenue: sheet.revenue[k],
            share: share(k),
            cost: keys.costs[k],
            roi: roi(dollars[k], keys.costs[k]),
        })
        .collect();
    ModelCredits {
        model,
        credits,
        total_conversions,
        total_revenue: dollars.iter().sum(),
    }
}

fn roi(revenue: i64, cost: i64) -> Option<f64> {
    (cost > 0).then(|| (revenue - cost) as f64 / cost as f64)
}

/// Any-touch influence of every key.
pub(crate) fn influence(book: &JourneyBook, keys: &KeySpace) -> Vec<Influence> {
    let mut out: Vec<Influence> = keys
        .names
        .iter()
        .map(|key| Influence {
            key: key.clone(),
            journeys: 0,
            won_journeys: 0,
            pipeline: 0,
            revenue: 0,
        })
        .collect();
    let mut touched: Vec<u32> = Vec::new();
    for journey in book.journeys() {
        touched.clear();
        touched.extend(journey.touches.iter().map(|t| keys.key(t)));
        touched.sort_unstable();
        touched.dedup();
        let won = matches!(journey.outcome, JourneyOutcome::Won { .. });
        for key in &touched {
            let entry = &mut out[*key as usize];
            entry.journeys += 1;
            entry.won_journeys += u64::from(won);
            entry.pipeline = entry.pipeline.saturating_add(journey.pipeline);
            entry.revenue = entry.revenue.saturating_add(journey.revenue());
        }
    }
    out
}

/// Per key, the lowest and highest share across models; widest spread first.
pub(crate) fn disagreement(models: &[ModelCredits], keys: &KeySpace) -> Vec<Disagreement> {
    let mut out: Vec<Disagreement> = (0..keys.len())
        .filter_map(|k| {
            let shares = models.iter().map(|m| (m.model, m.credits[k].share));
            let lowest = shares.clone().min_by(|a, b| a.1.total_cmp(&b.1))?;
            let highest = shares.max_by(|a, b| a.1.total_cmp(&b.1))?;
            Some(Disagreement {
                key: keys.names[k].clone(),
                lowest_model: lowest.0,
                lowest_share: lowest.1,
                highest_model: highest.0,
                highest_share: highest.1,
            })
        })
        .collect();
    out.sort_by(|a, b| b.spread().total_cmp(&a.spread()).then(a.key.cmp(&b.key)));
    out
}

/// Journeys by outcome.
pub(crate) fn journey_counts(book: &JourneyBook) -> JourneyCounts {
    let mut counts = JourneyCounts {
        won_revenue: book.won_revenue(),
        ..JourneyCounts::default()
    };
    for journey in book.journeys() {
        match journey.outcome {
            JourneyOutcome::Won { .. } => counts.won += 1,
            JourneyOutcome::NotConverted => counts.not_converted += 1,
            JourneyOutcome::InProgress => counts.in_progress += 1,
        }
    }
    counts
}
