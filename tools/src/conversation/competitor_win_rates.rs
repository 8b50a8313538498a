//! `competitor_win_rates`: our win rate on closed deals with a competitor in them, against the
//! baseline of deals with no competitor at all, with Wilson intervals and the Newcombe
//! interval of the difference — "what is our win rate when Vantora is in the deal?".
//!
//! A competitor is in a deal when the rep recorded it as the deal's primary competitor or an
//! activity on the deal names it (`competitors_mentioned`); both are records, so the answer
//! does not depend on the text index. Renewals are left out: they are decided by the customer's
//! health, not by a competitive evaluation.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use revpulse_analytics::competitive::win_rates::{
    ClosedDeal, RateEstimate, Z_95, difference, win_rates,
};
use revpulse_graph::model::{CompanyDataset, Opportunity, Stage};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::rivals::Rivals;
use crate::{Source, Tool, ToolContext, ToolError};

/// Most deals cited.
const MAX_SOURCES: usize = 50;

/// Arguments of [`CompetitorWinRatesTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetitorWinRatesArgs {
    /// One competitor (name or alias); every competitor when absent.
    #[serde(default)]
    pub competitor: Option<String>,
}

/// A 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// Won and lost deals and the rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WinRateRow {
    /// Canonical competitor name (`none` for the baseline).
    pub competitor: String,
    /// Closed deals.
    pub deals: u32,
    /// Won.
    pub won: u32,
    /// Lost.
    pub lost: u32,
    /// `won / deals`; none without deals.
    pub win_rate: Option<f64>,
    /// Wilson score interval of the rate (95%).
    pub interval: Interval,
    /// This rate minus the baseline's, when both have deals.
    pub difference_from_baseline: Option<f64>,
    /// Newcombe interval of that difference (95%).
    pub difference_interval: Option<Interval>,
    /// Whether the difference interval excludes zero.
    pub significant: bool,
}

/// Output of [`CompetitorWinRatesTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompetitorWinRatesOutput {
    /// Per competitor, sorted by name.
    pub rows: Vec<WinRateRow>,
    /// Closed deals with no competitor recorded or mentioned.
    pub baseline: WinRateRow,
    /// The closed deals behind the rows (most recent close first).
    pub sources: Vec<Source>,
}

crate::cited_by_field!(CompetitorWinRatesOutput);

/// Win rate with a competitor in the deal versus none.
pub struct CompetitorWinRatesTool;

#[async_trait]
impl Tool for CompetitorWinRatesTool {
    const NAME: &'static str = "competitor_win_rates";
    const DESCRIPTION: &'static str = "Our win rate on closed deals where a competitor was \
        present (recorded on the deal or named in its activities) versus deals with no \
        competitor, with confidence intervals; for one competitor or all.";
    type Args = CompetitorWinRatesArgs;
    type Output = CompetitorWinRatesOutput;

    async fn call(&self, ctx: &ToolContext, args: Self::Args) -> Result<Self::Output, ToolError> {
        let company = ctx.company().await?;
        let wanted = match &args.competitor {
            Some(name) => Some(Rivals::of(&company)?.resolve_or_not_found(name)?),
            None => None,
        };
        let closed = closed_deals(&company);
        let present = competitors_by_deal(&company);
        let lists: Vec<Vec<String>> = closed
            .iter()
            .map(|o| {
                present
                    .get(o.id.as_str())
                    .map(|s| s.iter().cloned().collect())
                    .unwrap_or_default()
            })
            .collect();
        let deals: Vec<ClosedDeal<'_>> = closed
            .iter()
            .zip(&lists)
            .map(|(o, competitors)| ClosedDeal {
                won: o.stage == Stage::ClosedWon,
                competitors,
            })
            .collect();
        let report = win_rates(&deals, Z_95);
        let baseline = row("none", &report.no_competitor, None);
        let mut rows: Vec<WinRateRow> = report
            .by_competitor
            .iter()
            .filter(|c| wanted.as_ref().is_none_or(|w| *w == c.competitor))
            .map(|c| row(&c.competitor, &c.with, Some(&report.no_competitor)))
            .collect();
        if let Some(name) = &wanted
            && rows.is_empty()
        {
            let none = revpulse_analytics::competitive::win_rates::wilson(0, 0, Z_95);
            rows.push(row(name, &none, Some(&report.no_competitor)));
        }
        let sources = cite(&closed, &lists, wanted.as_deref());
        Ok(CompetitorWinRatesOutput {
            rows,
            baseline,
            sources,
        })
    }
}

/// Closed new-business and expansion deals.
fn closed_deals(company: &CompanyDataset) -> Vec<&Opportunity> {
    company
        .opportunities
        .iter()
        .filter(|o| {
            matches!(o.stage, Stage::ClosedWon | Stage::ClosedLost) && o.deal_type != "renewal"
        })
        .collect()
}

/// The competitors in each deal: its primary competitor and those its activities name.
fn competitors_by_deal(company: &CompanyDataset) -> BTreeMap<&str, BTreeSet<String>> {
    let mut out: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for o in &company.opportunities {
        if let Some(c) = &o.primary_competitor {
            out.entry(o.id.as_str()).or_default().insert(c.clone());
        }
    }
    for a in &company.activities {
        if let Some(deal) = &a.opportunity_id {
            out.entry(deal.as_str())
                .or_default()
                .extend(a.competitors_mentioned.iter().cloned());
        }
    }
    out
}

fn row(competitor: &str, rate: &RateEstimate, baseline: Option<&RateEstimate>) -> WinRateRow {
    let diff = baseline.and_then(|b| difference(rate, b));
    WinRateRow {
        competitor: competitor.to_owned(),
        deals: rate.deals,
        won: rate.wins,
        lost: rate.deals - rate.wins,
        win_rate: rate.rate,
        interval: Interval {
            low: rate.low,
            high: rate.high,
        },
        difference_from_baseline: diff.map(|d| d.difference),
        difference_interval: diff.map(|d| Interval {
            low: d.low,
            high: d.high,
        }),
        significant: diff.is_some_and(|d| d.significant),
    }
}

/// The deals with the competitor asked about (any competitor when none was), latest close
/// first.
fn cite(closed: &[&Opportunity], lists: &[Vec<String>], wanted: Option<&str>) -> Vec<Source> {
    let mut cited: Vec<&Opportunity> = closed
        .iter()
        .zip(lists)
        .filter(|(_, c)| match wanted {
            Some(w) => c.iter().any(|n| n == w),
            None => !c.is_empty(),
        })
        .map(|(o, _)| *o)
        .collect();
    cited.sort_by(|a, b| b.close_date.cmp(&a.close_date).then(a.id.cmp(&b.id)));
    cited
        .into_iter()
        .take(MAX_SOURCES)
        .map(|o| Source::record("Opportunity", &o.id, &o.name))
        .collect()
}
