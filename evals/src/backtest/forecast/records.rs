//! The demo company's deals in the analytics' terms, built straight from the records (not the
//! graph): each new-business or expansion deal's time-stamped history, buying committee and
//! touchpoints as a [`DealRecord`], beside what the forecast needs that analytics does not keep
//! in a record — forecast-category history, grouping labels, and how the deal ended.
//!
//! Renewals are left out: quotas are set on new-business and expansion bookings, and renewals
//! follow the customer-success motion with its own risk signals.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use revpulse_analytics::forecast::record::{BuyerContact, BuyerRole, Dated, Touchpoint};
use revpulse_analytics::forecast::{DealRecord, ForecastCategory, SalesStage};
use revpulse_graph::model::{self as graph, Activity, Opportunity};
use revpulse_ingest::dataset::CompanyDataset;

use super::text::mentions_pricing;

/// What the forecast needs about a deal beyond its [`DealRecord`].
#[derive(Debug, Clone, PartialEq)]
pub struct DealFacts {
    /// Forecast-category history, in time order.
    pub categories: Vec<Dated<ForecastCategory>>,
    /// Grouping labels: region, team, owner, product_line, segment, persona.
    pub labels: BTreeMap<String, String>,
    /// Stage today.
    pub final_stage: SalesStage,
    /// Amount today.
    pub final_amount: i64,
    /// The day it closed (won or lost), if it has.
    pub closed_on: Option<NaiveDate>,
}

impl DealFacts {
    /// Won by today.
    pub fn won(&self) -> bool {
        self.final_stage == SalesStage::ClosedWon
    }
}

/// Every in-scope deal of the company, records and facts at the same index.
#[derive(Debug, Clone, PartialEq)]
pub struct DealBook {
    /// Deal histories.
    pub records: Vec<DealRecord>,
    /// Facts, same order.
    pub facts: Vec<DealFacts>,
}

/// The analytics' name for a CRM stage.
pub fn stage(s: graph::Stage) -> SalesStage {
    match s {
        graph::Stage::Prospecting => SalesStage::Prospecting,
        graph::Stage::Qualification => SalesStage::Qualification,
        graph::Stage::Discovery => SalesStage::Discovery,
        graph::Stage::Proposal => SalesStage::Proposal,
        graph::Stage::Negotiation => SalesStage::Negotiation,
        graph::Stage::ClosedWon => SalesStage::ClosedWon,
        graph::Stage::ClosedLost => SalesStage::ClosedLost,
    }
}

fn category(c: graph::ForecastCategory) -> ForecastCategory {
    match c {
        graph::ForecastCategory::Pipeline => ForecastCategory::Pipeline,
        graph::ForecastCategory::BestCase => ForecastCategory::BestCase,
        graph::ForecastCategory::Commit => ForecastCategory::Commit,
        graph::ForecastCategory::Closed => ForecastCategory::Closed,
        graph::ForecastCategory::Omitted => ForecastCategory::Omitted,
    }
}

fn role(r: graph::BuyingRole) -> BuyerRole {
    match r {
        graph::BuyingRole::EconomicBuyer => BuyerRole::EconomicBuyer,
        graph::BuyingRole::Champion => BuyerRole::Champion,
        graph::BuyingRole::ExecSponsor => BuyerRole::ExecSponsor,
        graph::BuyingRole::TechnicalEvaluator => BuyerRole::TechnicalEvaluator,
        graph::BuyingRole::Procurement => BuyerRole::Procurement,
        graph::BuyingRole::EndUser => BuyerRole::EndUser,
    }
}

/// Whether a deal counts toward bookings (and quota).
pub fn in_scope(o: &Opportunity) -> bool {
    o.deal_type != "renewal"
}

/// Groups items by deal id, keeping their order.
fn by_deal<'a, T>(items: &'a [T], id: impl Fn(&T) -> Option<&str>) -> BTreeMap<&'a str, Vec<&'a T>>
where
    T: 'a,
{
    let mut map: BTreeMap<&str, Vec<&T>> = BTreeMap::new();
    for item in items {
        if let Some(key) = id(item) {
            map.entry(key).or_default().push(item);
        }
    }
    map
}

/// Sorts changes by (instant, seq) and dates them.
fn dated<C, T>(
    changes: Option<&Vec<&C>>,
    key: impl Fn(&C) -> (chrono::DateTime<chrono::Utc>, u32, T),
) -> Vec<Dated<T>> {
    let mut rows: Vec<_> = changes.into_iter().flatten().map(|c| key(c)).collect();
    rows.sort_by_key(|(at, seq, _)| (*at, *seq));
    rows.into_iter()
        .map(|(at, _, value)| Dated {
            on: at.date_naive(),
            value,
        })
        .collect()
}

/// The lookups one pass over the dataset builds.
struct Index<'a> {
    ds: &'a CompanyDataset,
    stages: BTreeMap<&'a str, Vec<&'a graph::StageChange>>,
    closes: BTreeMap<&'a str, Vec<&'a graph::CloseDateChange>>,
    amounts: BTreeMap<&'a str, Vec<&'a graph::AmountChange>>,
    forecasts: BTreeMap<&'a str, Vec<&'a graph::ForecastCategoryChange>>,
    roles: BTreeMap<&'a str, Vec<&'a graph::OpportunityContact>>,
    activities: BTreeMap<&'a str, Vec<&'a Activity>>,
    transcripts: BTreeMap<&'a str, &'a graph::Transcript>,
    labels: super::labels::LabelIndex<'a>,
}

impl<'a> Index<'a> {
    fn new(ds: &'a CompanyDataset) -> Self {
        Self {
            ds,
            stages: by_deal(&ds.stage_changes, |c| Some(&c.opportunity_id)),
            closes: by_deal(&ds.close_date_changes, |c| Some(&c.opportunity_id)),
            amounts: by_deal(&ds.amount_changes, |c| Some(&c.opportunity_id)),
            forecasts: by_deal(&ds.forecast_category_changes, |c| Some(&c.opportunity_id)),
            roles: by_deal(&ds.opportunity_contacts, |c| Some(&c.opportunity_id)),
            activities: by_deal(&ds.activities, |a| a.opportunity_id.as_deref()),
            transcripts: ds
                .transcripts
                .iter()
                .map(|t| (t.activity_id.as_str(), t))
                .collect(),
            labels: super::labels::LabelIndex::new(ds),
        }
    }

    fn touchpoints(&self, id: &str) -> Vec<Touchpoint> {
        let mut acts: Vec<&Activity> = self.activities.get(id).cloned().unwrap_or_default();
        acts.sort_by_key(|a| (a.at, a.id.as_str()));
        acts.iter()
            .map(|a| Touchpoint {
                on: a.at.date_naive(),
                contact_ids: a.contact_ids.clone(),
                mentions_pricing: mentions_pricing(a, self.transcripts.get(a.id.as_str()).copied()),
            })
            .collect()
    }

    fn record(&self, o: &Opportunity) -> DealRecord {
        let id = o.id.as_str();
        DealRecord {
            id: o.id.clone(),
            created_on: o.created_on,
            stages: dated(self.stages.get(id), |c| (c.at, c.seq, stage(c.to))),
            close_dates: dated(self.closes.get(id), |c| (c.at, c.seq, c.to)),
            amounts: dated(self.amounts.get(id), |c| (c.at, c.seq, c.to)),
            contacts: self
                .roles
                .get(id)
                .into_iter()
                .flatten()
                .map(|r| BuyerContact {
                    contact_id: r.contact_id.clone(),
                    role: Some(role(r.role)),
                })
                .collect(),
            touchpoints: self.touchpoints(id),
        }
    }

    fn facts(&self, o: &Opportunity, record: &DealRecord) -> DealFacts {
        let final_stage = stage(o.stage);
        DealFacts {
            categories: dated(self.forecasts.get(o.id.as_str()), |c| {
                (c.at, c.seq, category(c.to))
            }),
            labels: self.labels.labels(o),
            final_stage,
            final_amount: o.amount,
            closed_on: (!final_stage.is_open())
                .then(|| record.stages.last().map(|s| s.on))
                .flatten(),
        }
    }
}

impl DealBook {
    /// Builds every in-scope deal of the dataset, in id order.
    pub fn from_dataset(ds: &CompanyDataset) -> Self {
        let index = Index::new(ds);
        let mut records = Vec::new();
        let mut facts = Vec::new();
        for o in index.ds.opportunities.iter().filter(|o| in_scope(o)) {
            let record = index.record(o);
            facts.push(index.facts(o, &record));
            records.push(record);
        }
        Self { records, facts }
    }

    /// The forecast category of deal `i` at the end of `day`.
    pub fn category_on(&self, i: usize, day: NaiveDate) -> Option<ForecastCategory> {
        let history = &self.facts[i].categories;
        let seen = history.partition_point(|c| c.on <= day);
        seen.checked_sub(1).map(|k| history[k].value)
    }
}
