//! Runs the analytics' attribution models over a window's journeys at campaign level and
//! reads the result back as whole-dollar credits per campaign and model (the analytics
//! apportions each model's credit by largest remainder, so a model's credits sum exactly to
//! the touched revenue won).

use revpulse_analytics::attribution::{
    AttributionConfig, AttributionLevel, AttributionModel, AttributionReport, attribute_models,
};

use super::journeys::WindowJourneys;
use super::model_name::AttributionModelName;
use crate::ToolError;

/// Whole-dollar credit of every visible campaign under every model run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CampaignCredits {
    /// The models, in the order asked.
    pub models: Vec<AttributionModelName>,
    /// Per campaign (id order), the credit under each model (model order).
    pub dollars: Vec<Vec<i64>>,
    /// The analytics' report, for influence and disagreement.
    pub report: AttributionReport,
}

impl CampaignCredits {
    /// Runs `models` over `journeys`.
    pub fn run(
        journeys: &WindowJourneys<'_>,
        models: &[AttributionModel],
    ) -> Result<Self, ToolError> {
        let config = AttributionConfig::new(AttributionLevel::Campaign);
        let report = attribute_models(&journeys.book, &config, models)
            .map_err(|e| ToolError::analytics("attribution", e))?;
        let campaigns = journeys.book.campaigns().len();
        let dollars = (0..campaigns)
            .map(|k| {
                report
                    .models
                    .iter()
                    .map(|m| m.credits.get(k).map_or(0, |c| c.revenue))
                    .collect()
            })
            .collect();
        Ok(Self {
            models: report
                .models
                .iter()
                .map(|m| AttributionModelName::of(m.model))
                .collect(),
            dollars,
            report,
        })
    }

    /// Credit of campaign `k` under each model.
    pub fn of_campaign(&self, k: usize) -> &[i64] {
        self.dollars.get(k).map_or(&[], Vec::as_slice)
    }

    /// Total credit given by model `m` (over every campaign).
    pub fn model_total(&self, m: usize) -> i64 {
        self.dollars.iter().filter_map(|row| row.get(m)).sum()
    }

    /// Campaign indices with any credit, by total credit across models (largest first, then
    /// campaign order) — the same order as by mean credit.
    pub fn ranked(&self) -> Vec<usize> {
        let mut ranked: Vec<(i64, usize)> = self
            .dollars
            .iter()
            .enumerate()
            .map(|(k, row)| (row.iter().sum::<i64>(), k))
            .filter(|(total, _)| *total > 0)
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.into_iter().map(|(_, k)| k).collect()
    }

    /// For campaign `k`, the models giving the most and the least credit (first in model
    /// order on ties) and the dollars between them.
    pub fn spread(&self, k: usize) -> Option<(AttributionModelName, AttributionModelName, i64)> {
        let row = self.of_campaign(k);
        let best = (0..row.len()).reduce(|a, b| if row[b] > row[a] { b } else { a })?;
        let worst = (0..row.len()).reduce(|a, b| if row[b] < row[a] { b } else { a })?;
        Some((
            self.models[best],
            self.models[worst],
            row[best] - row[worst],
        ))
    }
}
