//! Backtest of competitive intelligence, sentiment, churn and expansion on the demo company:
//! the inputs are built from the records alone (texts, usage, tickets, contracts, deals) and
//! the results are measured against the generator's ground truth.

pub mod churn;
pub mod corpus;
pub mod expansion;
pub mod export;
pub mod extraction;
pub mod recovery;
pub mod sentiment;
pub mod signals;
pub mod win_rates;

#[cfg(test)]
mod leakage_tests;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use revpulse_analytics::competitive::CompetitiveError;
use revpulse_analytics::competitive::heatmap::{
    Heatmap, MentionFact, PeriodGrain, heatmap, period_key,
};
use revpulse_analytics::competitive::matcher::CompetitorMatcher;
use revpulse_analytics::competitive::mentions::{CompetitorMention, extract_mentions};
use revpulse_ingest::dataset::CompanyDataset;
use revpulse_ingest::demo::DemoCompany;
use serde::Serialize;
use thiserror::Error;

use corpus::CorpusPassage;

/// Why the backtest could not run.
#[derive(Debug, Error)]
pub enum CompetitiveBacktestError {
    /// An analytics computation refused its input; the company is probably too small — use
    /// more accounts.
    #[error(transparent)]
    Analytics(#[from] CompetitiveError),
    /// Nothing of this kind to evaluate; use a larger company or a longer history.
    #[error("no {0} to evaluate")]
    Empty(&'static str),
}

/// Every measured figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetitiveReport {
    /// Passages of text searched.
    pub passages: usize,
    /// Their total size in bytes.
    pub text_bytes: usize,
    /// Mentions found.
    pub mentions: usize,
    /// Extraction against the passage labels.
    pub extraction: extraction::ExtractionReport,
    /// Mentions per competitor × region.
    pub by_region: Heatmap,
    /// Mentions per competitor × industry.
    pub by_industry: Heatmap,
    /// Mentions per competitor × quarter.
    pub by_quarter: Heatmap,
    /// Win rates with and without each competitor.
    pub win_rates: win_rates::WinRateBacktest,
    /// Churn.
    pub churn: churn::ChurnBacktest,
    /// Expansion.
    pub expansion: expansion::ExpansionBacktest,
    /// Sentiment.
    pub sentiment: sentiment::SentimentBacktest,
}

/// Finds the mentions of every passage, each paired with the index of its passage. The
/// company's own account names are protected from the misspelling rule.
pub fn mentions_in(
    ds: &CompanyDataset,
    corpus: &[CorpusPassage<'_>],
) -> Result<Vec<(usize, CompetitorMention)>, CompetitiveBacktestError> {
    let matcher = CompetitorMatcher::new(&corpus::catalogue(ds))?
        .protecting(ds.accounts.iter().map(|a| a.name.as_str()));
    Ok(corpus
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            extract_mentions(&matcher, &p.passage)
                .into_iter()
                .map(move |m| (i, m))
        })
        .collect())
}

/// The three heatmaps.
fn heatmaps(
    ds: &CompanyDataset,
    corpus: &[CorpusPassage<'_>],
    found: &[(usize, CompetitorMention)],
) -> [Heatmap; 3] {
    let accounts: HashMap<&str, &revpulse_graph::model::Account> =
        ds.accounts.iter().map(|a| (a.id.as_str(), a)).collect();
    let quarters: Vec<String> = found
        .iter()
        .map(|(p, _)| period_key(corpus[*p].at.date_naive(), PeriodGrain::Quarter))
        .collect();
    let cut = |pick: &dyn Fn(usize, &revpulse_graph::model::Account) -> String| -> Heatmap {
        let cuts: Vec<(String, &CompetitorMention)> = found
            .iter()
            .enumerate()
            .filter_map(|(i, (p, m))| Some((pick(i, accounts.get(corpus[*p].account_id)?), m)))
            .collect();
        heatmap(cuts.iter().map(|(c, m)| MentionFact {
            competitor: &m.competitor,
            kind: m.kind,
            cut: c,
        }))
    };
    [
        cut(&|_, a| a.region_id.clone()),
        cut(&|_, a| a.industry.clone()),
        cut(&|i, _| quarters[i].clone()),
    ]
}

/// Runs every competitive, sentiment, churn and expansion backtest on a demo company.
pub fn run(company: &DemoCompany) -> Result<CompetitiveReport, CompetitiveBacktestError> {
    Ok(run_keeping_facts(company)?.0)
}

/// [`run`], also returning the per-account signal index it built.
fn run_keeping_facts(
    company: &DemoCompany,
) -> Result<(CompetitiveReport, signals::AccountFacts), CompetitiveBacktestError> {
    let ds = &company.dataset;
    let truth = &company.truth;
    let corpus = corpus::build(ds);
    let found = mentions_in(ds, &corpus)?;
    let only: Vec<CompetitorMention> = found.iter().map(|(_, m)| m.clone()).collect();
    let deal_competitors =
        win_rates::from_mentions(found.iter().map(|(p, m)| (m, corpus[*p].opportunity_id)));
    let facts = signals::AccountFacts::build(ds, &corpus, &found);
    let [by_region, by_industry, by_quarter] = heatmaps(ds, &corpus, &found);
    let report = CompetitiveReport {
        passages: corpus.len(),
        text_bytes: corpus::text_bytes(&corpus),
        mentions: found.len(),
        extraction: extraction::evaluate(&only, truth),
        by_region,
        by_industry,
        by_quarter,
        win_rates: win_rates::backtest(ds, truth, &deal_competitors),
        churn: churn::backtest(ds, truth, &facts, &churn::ChurnBacktestConfig::default())?,
        expansion: expansion::backtest(ds, truth, &facts),
        sentiment: sentiment::backtest(ds),
    };
    Ok((report, facts))
}
