//! Does a model recover the generator's true campaign influence? The truth is a per-touch
//! weight (`CampaignTruth::influence_weight`, used as is): each touch adds it to the lead's
//! funnel odds and to the win logit of the deals it warms. A campaign's credit also grows
//! with how many leads it reached, which the generator draws independently of the weight, so
//! the headline compares credit *per journey touched* with the weight (Spearman); the raw
//! credited conversions and revenue are reported beside it.

use revpulse_analytics::attribution::{
    AttributionConfig, AttributionLevel, AttributionModel, AttributionReport, JourneyBook,
    KeyCredit, ModelCredits, attribute,
};
use revpulse_analytics::stats::spearman;
use revpulse_ingest::demo::DemoCompany;

use super::{AttributionEvalError, JourneyOptions, demo_journeys};

/// How well one model's campaign credit ranks campaigns like the truth does.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelRecovery {
    /// The model.
    pub model: AttributionModel,
    /// Spearman of credited conversions per resolved journey touched against the weight.
    pub per_journey: Option<f64>,
    /// Spearman of credited conversions against the weight.
    pub conversions: Option<f64>,
    /// Spearman of credited revenue against the weight.
    pub revenue: Option<f64>,
}

/// The attribution backtest on one demo company.
#[derive(Debug, Clone)]
pub struct AttributionBacktest {
    /// Campaigns compared (those touching at least one resolved journey).
    pub campaigns_scored: usize,
    /// Recovery of each model, in [`AttributionModel::ALL`] order.
    pub models: Vec<ModelRecovery>,
    /// The campaign-level report behind it.
    pub report: AttributionReport,
}

impl AttributionBacktest {
    /// The recovery of one model.
    pub fn model(&self, model: AttributionModel) -> Option<&ModelRecovery> {
        self.models.iter().find(|m| m.model == model)
    }
}

/// Runs every model at campaign level and scores it against the truth.
pub fn attribution_backtest(
    company: &DemoCompany,
    options: &JourneyOptions,
) -> Result<AttributionBacktest, AttributionEvalError> {
    let journeys = demo_journeys(company, options)?;
    let config = AttributionConfig::new(AttributionLevel::Campaign);
    let report = attribute(&journeys.book, &config)?;
    let reach = resolved_reach(&journeys.book);
    let scored: Vec<Scored> = report
        .keys
        .iter()
        .enumerate()
        .filter(|(k, _)| reach[*k] > 0)
        .filter_map(|(key, id)| {
            let truth = company
                .truth
                .campaigns
                .iter()
                .find(|c| &c.campaign_id == id)?;
            Some(Scored {
                key,
                reach: reach[key] as f64,
                weight: truth.influence_weight,
            })
        })
        .collect();
    let models = report.models.iter().map(|m| recovery(m, &scored)).collect();
    Ok(AttributionBacktest {
        campaigns_scored: scored.len(),
        models,
        report,
    })
}

/// A campaign compared: its key, resolved journeys touched, true weight.
struct Scored {
    key: usize,
    reach: f64,
    weight: f64,
}

fn recovery(credits: &ModelCredits, scored: &[Scored]) -> ModelRecovery {
    let truth: Vec<f64> = scored.iter().map(|s| s.weight).collect();
    let rho = |f: &dyn Fn(&Scored, &KeyCredit) -> f64| {
        let values: Vec<f64> = scored
            .iter()
            .map(|s| f(s, &credits.credits[s.key]))
            .collect();
        spearman(&values, &truth)
    };
    ModelRecovery {
        model: credits.model,
        per_journey: rho(&|s, c| c.conversions / s.reach),
        conversions: rho(&|_, c| c.conversions),
        revenue: rho(&|_, c| c.revenue as f64),
    }
}

/// Resolved journeys touched by each campaign (each journey counted once).
fn resolved_reach(book: &JourneyBook) -> Vec<u64> {
    let mut reach = vec![0u64; book.campaigns().len()];
    let mut seen: Vec<u32> = Vec::new();
    for journey in book.journeys().iter().filter(|j| j.is_resolved()) {
        seen.clear();
        seen.extend(journey.touches.iter().map(|t| t.campaign));
        seen.sort_unstable();
        seen.dedup();
        for c in &seen {
            reach[*c as usize] += 1;
        }
    }
    reach
}
