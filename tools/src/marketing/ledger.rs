//! The marketing tools' one reading of the deals "as of today": each visible deal's stage,
//! the day it entered that stage and its amount at the end of today (the latest change at or
//! before that day, ties broken by `seq` — the graph's as-of rule), its account's region, and
//! which leads converted to it. Won and lost days come from the stage history, so a question
//! asked "as of" an earlier day never sees a later win.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use revpulse_graph::model::{CompanyDataset, Lead, Opportunity, Stage};

/// One deal at the end of today.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DealOutcome<'a> {
    /// The deal's record (ids, names, creation day).
    pub deal: &'a Opportunity,
    /// Stage at the end of today.
    pub stage: Stage,
    /// The day it entered that stage.
    pub stage_since: NaiveDate,
    /// Amount at the end of today, in whole dollars (never negative).
    pub amount: i64,
    /// The region of the deal's account (empty when the account is not visible).
    pub region_id: &'a str,
}

impl DealOutcome<'_> {
    /// The day it was won, when it stands closed-won.
    pub fn won_on(&self) -> Option<NaiveDate> {
        (self.stage == Stage::ClosedWon).then_some(self.stage_since)
    }

    /// The day it closed (won or lost), when it stands closed.
    pub fn closed_on(&self) -> Option<NaiveDate> {
        (!self.stage.is_open()).then_some(self.stage_since)
    }

    /// Days from creation to close, when closed.
    pub fn cycle_days(&self) -> Option<i64> {
        self.closed_on()
            .map(|closed| (closed - self.deal.created_on).num_days())
    }
}

/// Every deal that existed by today, with the leads behind each.
#[derive(Debug, Clone)]
pub(crate) struct DealLedger<'a> {
    today: NaiveDate,
    deals: BTreeMap<&'a str, DealOutcome<'a>>,
    leads_of: BTreeMap<&'a str, Vec<&'a Lead>>,
}

impl<'a> DealLedger<'a> {
    /// Reads every deal of `company` as of the end of `today`.
    pub fn new(company: &'a CompanyDataset, today: NaiveDate) -> Self {
        let stages = latest_by_deal(
            company
                .stage_changes
                .iter()
                .map(|c| (c.opportunity_id.as_str(), c.at, c.seq, c.to)),
            today,
        );
        let amounts = latest_by_deal(
            company
                .amount_changes
                .iter()
                .map(|c| (c.opportunity_id.as_str(), c.at, c.seq, c.to)),
            today,
        );
        let regions: BTreeMap<&str, &str> = company
            .accounts
            .iter()
            .map(|a| (a.id.as_str(), a.region_id.as_str()))
            .collect();
        let deals = company
            .opportunities
            .iter()
            .filter(|deal| deal.created_on <= today)
            .filter_map(|deal| {
                let (at, stage) = stages.get(deal.id.as_str())?;
                Some((
                    deal.id.as_str(),
                    DealOutcome {
                        deal,
                        stage: *stage,
                        stage_since: at.date_naive(),
                        amount: amounts.get(deal.id.as_str()).map_or(0, |(_, a)| *a).max(0),
                        region_id: regions.get(deal.account_id.as_str()).copied().unwrap_or(""),
                    },
                ))
            })
            .collect();
        let mut leads_of: BTreeMap<&str, Vec<&Lead>> = BTreeMap::new();
        for lead in &company.leads {
            if let Some(deal) = lead.converted_opportunity_id.as_deref() {
                leads_of.entry(deal).or_default().push(lead);
            }
        }
        Self {
            today,
            deals,
            leads_of,
        }
    }

    /// The day the ledger is read at.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// A deal that existed by today.
    pub fn deal(&self, id: &str) -> Option<&DealOutcome<'a>> {
        self.deals.get(id)
    }

    /// Every deal that existed by today, in id order.
    pub fn deals(&self) -> impl Iterator<Item = &DealOutcome<'a>> {
        self.deals.values()
    }

    /// The leads that converted to `deal_id`, in dataset order.
    pub fn leads_of(&self, deal_id: &str) -> &[&'a Lead] {
        self.leads_of.get(deal_id).map_or(&[], Vec::as_slice)
    }
}

/// The last instant of `day` (touches and milestones up to it count for that day).
pub(crate) fn end_of_day(day: NaiveDate) -> DateTime<Utc> {
    let last = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
    day.and_time(last).and_utc()
}

/// Per deal, the value of its latest change recorded by the end of `today`, with its instant.
fn latest_by_deal<'a, V: Copy>(
    changes: impl Iterator<Item = (&'a str, DateTime<Utc>, u32, V)>,
    today: NaiveDate,
) -> BTreeMap<&'a str, (DateTime<Utc>, V)> {
    let mut latest: BTreeMap<&str, (DateTime<Utc>, u32, V)> = BTreeMap::new();
    for (deal, at, seq, value) in changes.filter(|c| c.1.date_naive() <= today) {
        let newer = latest
            .get(deal)
            .is_none_or(|(was_at, was_seq, _)| (at, seq) >= (*was_at, *was_seq));
        if newer {
            latest.insert(deal, (at, seq, value));
        }
    }
    latest
        .into_iter()
        .map(|(deal, (at, _, value))| (deal, (at, value)))
        .collect()
}
