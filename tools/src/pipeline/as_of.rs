//! The one reading of a deal's history "as of" a day that every pipeline tool shares: a deal's
//! stage, amount, close date and forecast call at the end of a day are the latest change
//! recorded at or before that day's end (UTC), ties broken by `seq` — the semantics of the
//! graph's pipeline Cypher. The histories are kept as analytics [`DealRecord`]s, so the same
//! reading feeds the slippage and stage-time analytics.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_analytics::forecast::DealRecord;
use revpulse_analytics::forecast::SalesStage;
use revpulse_analytics::forecast::record::{Dated, DealAsOf};
use revpulse_graph::model::{CompanyDataset, ForecastCategory, Opportunity, Stage};

/// A deal as it stood at the end of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DealState {
    /// Stage then.
    pub stage: Stage,
    /// Amount then (0 when no amount had been recorded, as the graph's sum treats it).
    pub amount: i64,
    /// Expected close date then, if one had been recorded.
    pub close_date: Option<NaiveDate>,
    /// The day it entered that stage.
    pub stage_entered_on: NaiveDate,
}

impl DealState {
    /// Whether it was in the open pipeline then, with its close date inside `window` if given.
    pub fn in_pipeline(&self, window: Option<crate::DateRange>) -> bool {
        self.stage.is_open()
            && window.is_none_or(|w| self.close_date.is_some_and(|c| w.contains(c)))
    }
}

/// One deal and its time-ordered histories.
#[derive(Debug, Clone)]
pub(crate) struct DealHistory<'a> {
    /// The deal's current record (ids, names, owner, type).
    pub deal: &'a Opportunity,
    /// Stage, close-date and amount histories in (instant, seq) order.
    pub record: DealRecord,
    categories: Vec<Dated<ForecastCategory>>,
}

impl DealHistory<'_> {
    /// The analytics' view of the deal at the end of `day`.
    pub fn view(&self, day: NaiveDate) -> DealAsOf<'_> {
        self.record.as_of(day)
    }

    /// The deal at the end of `day`; `None` before it was created or before its first stage.
    pub fn on(&self, day: NaiveDate) -> Option<DealState> {
        let view = self.view(day);
        if !view.exists() {
            return None;
        }
        Some(DealState {
            stage: crm_stage(view.stage()?),
            amount: view.amount().unwrap_or(0),
            close_date: view.close_date(),
            stage_entered_on: view.stage_entered_on()?,
        })
    }

    /// The rep's forecast call at the end of `day`, if one had been recorded.
    pub fn category_on(&self, day: NaiveDate) -> Option<ForecastCategory> {
        let seen = self.categories.partition_point(|c| c.on <= day);
        seen.checked_sub(1).map(|i| self.categories[i].value)
    }

    /// The day the deal was won, when it stood closed-won at the end of `day`.
    pub fn won_on(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.on(day)
            .filter(|s| s.stage == Stage::ClosedWon)
            .map(|s| s.stage_entered_on)
    }

    /// Whether the deal counts toward bookings and quota (renewals do not: they keep ARR).
    pub fn is_new_bookings(&self) -> bool {
        self.deal.deal_type != "renewal"
    }
}

/// Every visible deal with its history, in id order.
#[derive(Debug, Clone)]
pub(crate) struct DealBook<'a> {
    deals: Vec<DealHistory<'a>>,
}

impl<'a> DealBook<'a> {
    /// Indexes the histories of every deal in `company`.
    pub fn new(company: &'a CompanyDataset) -> Self {
        let stages = by_deal(&company.stage_changes, |c| {
            (c.opportunity_id.as_str(), c.at, c.seq, sales_stage(c.to))
        });
        let amounts = by_deal(&company.amount_changes, |c| {
            (c.opportunity_id.as_str(), c.at, c.seq, c.to)
        });
        let closes = by_deal(&company.close_date_changes, |c| {
            (c.opportunity_id.as_str(), c.at, c.seq, c.to)
        });
        let categories = by_deal(&company.forecast_category_changes, |c| {
            (c.opportunity_id.as_str(), c.at, c.seq, c.to)
        });
        let mut deals: Vec<DealHistory<'a>> = company
            .opportunities
            .iter()
            .map(|deal| {
                let id = deal.id.as_str();
                DealHistory {
                    deal,
                    record: DealRecord {
                        id: deal.id.clone(),
                        created_on: deal.created_on,
                        stages: taken(&stages, id),
                        close_dates: taken(&closes, id),
                        amounts: taken(&amounts, id),
                        contacts: Vec::new(),
                        touchpoints: Vec::new(),
                    },
                    categories: taken(&categories, id),
                }
            })
            .collect();
        deals.sort_by(|a, b| a.deal.id.cmp(&b.deal.id));
        Self { deals }
    }

    /// Every deal, in id order.
    pub fn deals(&self) -> &[DealHistory<'a>] {
        &self.deals
    }

    /// The analytics records of every deal, in id order.
    pub fn records(&self) -> Vec<DealRecord> {
        self.deals.iter().map(|d| d.record.clone()).collect()
    }
}

/// One history kind grouped by deal, each deal's changes sorted by (instant, seq).
type Histories<'a, V> = BTreeMap<&'a str, Vec<(DateTime<Utc>, u32, V)>>;

fn by_deal<'a, C, V>(
    changes: &'a [C],
    fields: impl Fn(&'a C) -> (&'a str, DateTime<Utc>, u32, V),
) -> Histories<'a, V> {
    let mut out: Histories<'a, V> = BTreeMap::new();
    for change in changes {
        let (id, at, seq, value) = fields(change);
        out.entry(id).or_default().push((at, seq, value));
    }
    for rows in out.values_mut() {
        rows.sort_by_key(|(at, seq, _)| (*at, *seq));
    }
    out
}

/// The dated history of one deal (a change at instant `at` counts from its UTC day on).
fn taken<V: Copy>(histories: &Histories<'_, V>, id: &str) -> Vec<Dated<V>> {
    histories
        .get(id)
        .into_iter()
        .flatten()
        .map(|(at, _, value)| Dated {
            on: at.date_naive(),
            value: *value,
        })
        .collect()
}

/// The analytics' name for a CRM stage.
pub(crate) fn sales_stage(stage: Stage) -> SalesStage {
    match stage {
        Stage::Prospecting => SalesStage::Prospecting,
        Stage::Qualification => SalesStage::Qualification,
        Stage::Discovery => SalesStage::Discovery,
        Stage::Proposal => SalesStage::Proposal,
        Stage::Negotiation => SalesStage::Negotiation,
        Stage::ClosedWon => SalesStage::ClosedWon,
        Stage::ClosedLost => SalesStage::ClosedLost,
    }
}

/// The CRM's name for an analytics stage.
pub(crate) fn crm_stage(stage: SalesStage) -> Stage {
    match stage {
        SalesStage::Prospecting => Stage::Prospecting,
        SalesStage::Qualification => Stage::Qualification,
        SalesStage::Discovery => Stage::Discovery,
        SalesStage::Proposal => Stage::Proposal,
        SalesStage::Negotiation => Stage::Negotiation,
        SalesStage::ClosedWon => Stage::ClosedWon,
        SalesStage::ClosedLost => Stage::ClosedLost,
    }
}
