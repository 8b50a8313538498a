//! The two funnels as the analytics reads them, cut by region: leads (lead → MQL → SQL →
//! opportunity, the opportunity reached on the converted deal's creation day) and
//! opportunities (prospecting → … → negotiation → closed won, a stage counting as reached on
//! the first day the deal stood at it or beyond; a loss reaches nothing). Both are read as of
//! today: later dates are ignored by the analytics, and "left the funnel" is a disqualified
//! lead or a deal lost by today.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_analytics::forecast::FunnelEntry;
use revpulse_graph::model::{CompanyDataset, LeadStatus, Stage};

use super::ledger::DealLedger;

/// The cut dimension of every entry.
pub(crate) const REGION: &str = "region";

/// Which funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Funnel {
    /// Lead → MQL → SQL → opportunity.
    Lead,
    /// Opportunity stages through to closed won.
    Opportunity,
}

impl Funnel {
    /// Both funnels, the lead funnel first (it feeds the other).
    pub const BOTH: [Self; 2] = [Self::Lead, Self::Opportunity];

    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lead => "lead",
            Self::Opportunity => "opportunity",
        }
    }

    /// Stage names in funnel order.
    pub fn stages(self) -> &'static [&'static str] {
        match self {
            Self::Lead => &["lead", "mql", "sql", "opportunity"],
            Self::Opportunity => &[
                "prospecting",
                "qualification",
                "discovery",
                "proposal",
                "negotiation",
                "closed_won",
            ],
        }
    }

    /// Days a judged-pending entry may wait before it counts as dropped (the horizons the
    /// backtests use: 45 days per lead stage, 90 per deal stage).
    pub fn stale_after_days(self) -> i64 {
        match self {
            Self::Lead => 45,
            Self::Opportunity => 90,
        }
    }

    /// The funnel's entries.
    pub fn entries(self, company: &CompanyDataset, ledger: &DealLedger<'_>) -> Vec<FunnelEntry> {
        match self {
            Self::Lead => lead_entries(company, ledger),
            Self::Opportunity => deal_entries(company, ledger),
        }
    }
}

/// Every visible lead's entry.
fn lead_entries(company: &CompanyDataset, ledger: &DealLedger<'_>) -> Vec<FunnelEntry> {
    let regions = account_regions(company);
    let day = |at: Option<DateTime<Utc>>| at.map(|t| t.date_naive());
    company
        .leads
        .iter()
        .map(|lead| {
            let opened = lead
                .converted_opportunity_id
                .as_deref()
                .and_then(|d| ledger.deal(d))
                .map(|d| d.deal.created_on);
            FunnelEntry {
                id: lead.id.clone(),
                cuts: region_cut(&regions, &lead.account_id),
                reached: vec![
                    day(Some(lead.created_at)),
                    day(lead.mql_at),
                    day(lead.sql_at),
                    opened,
                ],
                exited: lead.status == LeadStatus::Disqualified,
            }
        })
        .collect()
}

/// One stage change: when, its sequence number, the stage entered.
type StageMove = (DateTime<Utc>, u32, Stage);

/// Every deal created by today, its stages from its history.
fn deal_entries(company: &CompanyDataset, ledger: &DealLedger<'_>) -> Vec<FunnelEntry> {
    let regions = account_regions(company);
    let mut histories: BTreeMap<&str, Vec<StageMove>> = BTreeMap::new();
    for change in &company.stage_changes {
        histories
            .entry(change.opportunity_id.as_str())
            .or_default()
            .push((change.at, change.seq, change.to));
    }
    ledger
        .deals()
        .map(|deal| {
            let mut history = histories.remove(deal.deal.id.as_str()).unwrap_or_default();
            history.sort_unstable();
            FunnelEntry {
                id: deal.deal.id.clone(),
                cuts: region_cut(&regions, &deal.deal.account_id),
                reached: reached_stages(&history),
                exited: deal.stage == Stage::ClosedLost,
            }
        })
        .collect()
}

/// The first day a deal stood at each funnel stage or beyond (won is beyond every open stage).
fn reached_stages(history: &[StageMove]) -> Vec<Option<NaiveDate>> {
    let mut reached: Vec<Option<NaiveDate>> = vec![None; Funnel::Opportunity.stages().len()];
    for (at, _, stage) in history {
        if *stage == Stage::ClosedLost {
            continue;
        }
        let level = usize::from(stage.order());
        for slot in reached.iter_mut().take(level + 1) {
            slot.get_or_insert(at.date_naive());
        }
    }
    reached
}

fn account_regions(company: &CompanyDataset) -> BTreeMap<&str, &str> {
    company
        .accounts
        .iter()
        .map(|a| (a.id.as_str(), a.region_id.as_str()))
        .collect()
}

fn region_cut(regions: &BTreeMap<&str, &str>, account_id: &str) -> BTreeMap<String, String> {
    let region = regions.get(account_id).copied().unwrap_or("");
    [(REGION.to_owned(), region.to_owned())].into()
}
