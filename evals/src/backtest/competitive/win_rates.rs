//! Win rate with and without each competitor on the demo company's closed new-business and
//! expansion deals, three ways: from the mentions the analytics extracted from the deals' calls,
//! emails and meetings; from the records' own `competitors_mentioned` field; and from the
//! generator's truth about which competitor was really in each deal.

use std::collections::{BTreeMap, BTreeSet};

use revpulse_analytics::competitive::mentions::CompetitorMention;
use revpulse_analytics::competitive::win_rates::{ClosedDeal, WinRateReport, Z_95, win_rates};
use revpulse_graph::model::{Opportunity, Stage};
use revpulse_ingest::dataset::CompanyDataset;
use revpulse_ingest::demo::GroundTruth;
use serde::Serialize;

/// Competitors per deal id.
pub type DealCompetitors = BTreeMap<String, BTreeSet<String>>;

/// Wins and deals with and without one competitor, counted directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DirectCounts {
    /// Deals won with the competitor in them.
    pub wins_with: u32,
    /// Deals closed with the competitor in them.
    pub deals_with: u32,
    /// Deals won without it.
    pub wins_without: u32,
    /// Deals closed without it.
    pub deals_without: u32,
}

/// The three views side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WinRateBacktest {
    /// From extracted mentions.
    pub extracted: WinRateReport,
    /// From the records' `competitors_mentioned`.
    pub recorded: WinRateReport,
    /// From the generator's truth.
    pub truth: WinRateReport,
    /// Largest gap, over competitors, between the extracted and recorded with-competitor rates.
    pub max_rate_gap_extracted_vs_recorded: f64,
}

/// Closed new-business and expansion deals.
pub fn closed_deals(ds: &CompanyDataset) -> Vec<&Opportunity> {
    ds.opportunities
        .iter()
        .filter(|o| {
            matches!(o.stage, Stage::ClosedWon | Stage::ClosedLost) && o.deal_type != "renewal"
        })
        .collect()
}

/// Competitors per deal from extracted mentions, given each mention's deal.
pub fn from_mentions<'m>(
    mentions: impl IntoIterator<Item = (&'m CompetitorMention, Option<&'m str>)>,
) -> DealCompetitors {
    let mut out = DealCompetitors::new();
    for (m, deal) in mentions {
        if let Some(deal) = deal {
            out.entry(deal.to_string())
                .or_default()
                .insert(m.competitor.clone());
        }
    }
    out
}

/// Competitors per deal from the activity records.
pub fn from_records(ds: &CompanyDataset) -> DealCompetitors {
    let mut out = DealCompetitors::new();
    for a in &ds.activities {
        if let Some(deal) = &a.opportunity_id {
            out.entry(deal.clone())
                .or_default()
                .extend(a.competitors_mentioned.iter().cloned());
        }
    }
    out
}

/// Competitors per deal from the generator's truth.
pub fn from_truth(truth: &GroundTruth) -> DealCompetitors {
    truth
        .deals
        .iter()
        .filter_map(|d| {
            let c = d.drivers.as_ref()?.competitor.clone()?;
            Some((d.opportunity_id.clone(), BTreeSet::from([c])))
        })
        .collect()
}

/// The analytics' win-rate report for the closed deals under one view of who competed.
pub fn report(deals: &[&Opportunity], competitors: &DealCompetitors) -> WinRateReport {
    let lists: Vec<Vec<String>> = deals
        .iter()
        .map(|o| {
            competitors
                .get(&o.id)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default()
        })
        .collect();
    let closed: Vec<ClosedDeal<'_>> = deals
        .iter()
        .zip(&lists)
        .map(|(o, c)| ClosedDeal {
            won: o.stage == Stage::ClosedWon,
            competitors: c,
        })
        .collect();
    win_rates(&closed, Z_95)
}

/// An independent count, straight from the records: for every competitor named in any deal,
/// wins and deals with and without it.
pub fn direct_counts(
    deals: &[&Opportunity],
    competitors: &DealCompetitors,
) -> BTreeMap<String, DirectCounts> {
    let names: BTreeSet<&String> = deals
        .iter()
        .filter_map(|o| competitors.get(&o.id))
        .flatten()
        .collect();
    let mut out = BTreeMap::new();
    for name in names {
        let mut c = DirectCounts::default();
        for o in deals {
            let won = u32::from(o.stage == Stage::ClosedWon);
            if competitors.get(&o.id).is_some_and(|s| s.contains(name)) {
                c.wins_with += won;
                c.deals_with += 1;
            } else {
                c.wins_without += won;
                c.deals_without += 1;
            }
        }
        out.insert(name.clone(), c);
    }
    out
}

/// The three views and their largest gap.
pub fn backtest(
    ds: &CompanyDataset,
    truth: &GroundTruth,
    extracted: &DealCompetitors,
) -> WinRateBacktest {
    let deals = closed_deals(ds);
    let extracted = report(&deals, extracted);
    let recorded = report(&deals, &from_records(ds));
    let gap = extracted
        .by_competitor
        .iter()
        .filter_map(|e| {
            let r = recorded
                .by_competitor
                .iter()
                .find(|r| r.competitor == e.competitor)?;
            Some((e.with.rate? - r.with.rate?).abs())
        })
        .fold(0.0, f64::max);
    WinRateBacktest {
        truth: report(&deals, &from_truth(truth)),
        extracted,
        recorded,
        max_rate_gap_extracted_vs_recorded: gap,
    }
}
