//! The demo company's funnels — opportunity stages through to won, and lead → MQL → SQL →
//! opportunity — cut by region, segment and persona, last full quarter against the four
//! quarters before it, with significance; and the by-quarter funnel per region.
//!
//! Conversion is measured within a fixed horizon (90 days per opportunity stage, 45 days per
//! lead stage): judging "converted or dropped so far" would count a recent cohort's quick
//! drops but not its slow conversions, and make every recent quarter look different from its
//! history for no reason but age.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use revpulse_analytics::forecast::funnel::{ConversionBasis, FunnelConfig, FunnelEntry};
use revpulse_analytics::forecast::funnel_compare::{
    CutComparison, PeriodCut, compare_cuts, funnel_by_period,
};
use revpulse_analytics::forecast::{Period, SalesStage};
use revpulse_graph::model::LeadStatus;
use revpulse_ingest::dataset::CompanyDataset;

use super::labels::LabelIndex;
use super::records::DealBook;

/// Opportunity funnel stages: the open stages, then won.
pub const OPPORTUNITY_STAGES: [&str; 6] = [
    "prospecting",
    "qualification",
    "discovery",
    "proposal",
    "negotiation",
    "closed_won",
];
/// Lead funnel stages.
pub const LEAD_STAGES: [&str; 4] = ["lead", "mql", "sql", "opportunity"];
/// The cuts compared.
pub const CUTS: [&str; 3] = ["region", "segment", "persona"];
/// Days an opportunity has to reach its next stage to count as converted.
pub const DEAL_HORIZON_DAYS: i64 = 90;
/// Days a lead has to reach its next stage to count as converted.
pub const LEAD_HORIZON_DAYS: i64 = 45;
/// Significance level.
const ALPHA: f64 = 0.05;

/// One funnel's comparisons per cut and its by-quarter view per region.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelView {
    /// Stage names.
    pub stages: Vec<&'static str>,
    /// Per cut dimension, every cut against its history.
    pub comparisons: Vec<CutComparison>,
    /// Per region and quarter.
    pub by_quarter: Vec<PeriodCut>,
}

/// Both funnels and the windows compared.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelReview {
    /// The current window (last full quarter).
    pub current: Period,
    /// The history window (the four quarters before it).
    pub history: Period,
    /// Opportunity stages.
    pub opportunity: FunnelView,
    /// Lead → opportunity.
    pub lead: FunnelView,
}

/// A deal's funnel entry: the first day it stood at each stage or beyond (won counts as
/// beyond every open stage; a loss reaches nothing).
pub fn deal_entry(book: &DealBook, i: usize) -> FunnelEntry {
    let mut reached: Vec<Option<NaiveDate>> = vec![None; OPPORTUNITY_STAGES.len()];
    for change in &book.records[i].stages {
        let level = match change.value {
            SalesStage::ClosedLost => continue,
            s => s.order() as usize,
        };
        for slot in reached.iter_mut().take(level + 1) {
            slot.get_or_insert(change.on);
        }
    }
    FunnelEntry {
        id: book.records[i].id.clone(),
        cuts: book.facts[i].labels.clone(),
        reached,
        exited: book.facts[i].final_stage == SalesStage::ClosedLost,
    }
}

/// Every lead's funnel entry.
pub fn lead_entries(ds: &CompanyDataset) -> Vec<FunnelEntry> {
    let labels = LabelIndex::new(ds);
    let created: BTreeMap<&str, NaiveDate> = ds
        .opportunities
        .iter()
        .map(|o| (o.id.as_str(), o.created_on))
        .collect();
    ds.leads
        .iter()
        .map(|l| {
            let (region, segment) = labels
                .account(&l.account_id)
                .unwrap_or(("unknown", "unknown"));
            let opportunity = l
                .converted_opportunity_id
                .as_deref()
                .and_then(|o| created.get(o).copied());
            FunnelEntry {
                id: l.id.clone(),
                cuts: [
                    ("region", region),
                    ("segment", segment),
                    ("persona", labels.contact_persona(&l.contact_id)),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
                reached: vec![
                    Some(l.created_at.date_naive()),
                    l.mql_at.map(|t| t.date_naive()),
                    l.sql_at.map(|t| t.date_naive()),
                    opportunity,
                ],
                exited: l.status == LeadStatus::Disqualified,
            }
        })
        .collect()
}

fn view(
    entries: &[FunnelEntry],
    stages: &[&'static str],
    windows: (Period, Period),
    config: &FunnelConfig,
    quarters: &[Period],
) -> FunnelView {
    FunnelView {
        stages: stages.to_vec(),
        comparisons: CUTS
            .iter()
            .flat_map(|d| compare_cuts(entries, stages.len(), Some(d), windows, config))
            .collect(),
        by_quarter: funnel_by_period(entries, stages.len(), Some("region"), quarters, config),
    }
}

/// Both funnels as of `today`, comparing the last full quarter with the four before it.
pub fn funnel_review(ds: &CompanyDataset, book: &DealBook, today: NaiveDate) -> FunnelReview {
    let current =
        Period::quarter_containing(Period::quarter_containing(today).start() - Duration::days(1));
    let mut quarters = vec![current];
    for _ in 0..4 {
        let earlier = quarters[quarters.len() - 1].start() - Duration::days(1);
        quarters.push(Period::quarter_containing(earlier));
    }
    quarters.reverse();
    let history = Period::quarter_containing(quarters[0].start());
    let history =
        Period::new(history.start(), current.start() - Duration::days(1)).unwrap_or(history);
    let windows = (current, history);
    let config = |stale| FunnelConfig {
        as_of: today,
        basis: ConversionBasis::Resolved {
            stale_after_days: Some(stale),
        },
        alpha: ALPHA,
    };
    let deals: Vec<FunnelEntry> = (0..book.records.len())
        .map(|i| deal_entry(book, i))
        .collect();
    FunnelReview {
        current,
        history,
        opportunity: view(
            &deals,
            &OPPORTUNITY_STAGES,
            windows,
            &config(DEAL_HORIZON_DAYS),
            &quarters,
        ),
        lead: view(
            &lead_entries(ds),
            &LEAD_STAGES,
            windows,
            &config(LEAD_HORIZON_DAYS),
            &quarters,
        ),
    }
}
