//! Assembling each deal's entry of the [`super::deal_book::DealBook`] from the scoped dataset: its histories
//! grouped and sorted in time, its activities with their price signals, how it ended, and the
//! same history in the analytics' [`DealRecord`] terms (days, buyer roles, touchpoints).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use revpulse_analytics::forecast::record::{BuyerContact, BuyerRole, Dated, Touchpoint};
use revpulse_analytics::forecast::{DealRecord, SalesStage};
use revpulse_analytics::win_probability::Segment;
use revpulse_graph::model::{
    self as graph, Account, Activity, BuyingRole, CompanyDataset, Opportunity, Stage,
};

use super::deal_book::{DealActivity, DealEntry};
use super::text_cues;

/// Every visible deal's entry, by id.
pub(super) fn deal_entries(ds: &CompanyDataset) -> BTreeMap<String, DealEntry> {
    let accounts: BTreeMap<&str, &Account> =
        ds.accounts.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut deals: BTreeMap<String, DealEntry> = ds
        .opportunities
        .iter()
        .map(|o| {
            let account = accounts.get(o.account_id.as_str()).copied();
            (o.id.clone(), empty_entry(account, o))
        })
        .collect();
    fill_histories(ds, &mut deals);
    let transcripts: BTreeMap<&str, &graph::Transcript> = ds
        .transcripts
        .iter()
        .map(|t| (t.activity_id.as_str(), t))
        .collect();
    for a in &ds.activities {
        if let Some(d) = a.opportunity_id.as_ref().and_then(|id| deals.get_mut(id)) {
            d.activities
                .push(read_activity(a, transcripts.get(a.id.as_str()).copied()));
        }
    }
    for d in deals.values_mut() {
        finish(d);
    }
    deals
}

fn empty_entry(account: Option<&Account>, o: &Opportunity) -> DealEntry {
    DealEntry {
        opportunity: o.clone(),
        segment: account.map_or(Segment::Smb, |a| segment(a.segment)),
        region_id: account.map(|a| a.region_id.clone()).unwrap_or_default(),
        stages: Vec::new(),
        amounts: Vec::new(),
        closes: Vec::new(),
        categories: Vec::new(),
        activities: Vec::new(),
        committee: Vec::new(),
        record: DealRecord {
            id: o.id.clone(),
            created_on: o.created_on,
            stages: Vec::new(),
            close_dates: Vec::new(),
            amounts: Vec::new(),
            contacts: Vec::new(),
            touchpoints: Vec::new(),
        },
        closed: None,
    }
}

fn fill_histories(ds: &CompanyDataset, deals: &mut BTreeMap<String, DealEntry>) {
    for c in &ds.stage_changes {
        if let Some(d) = deals.get_mut(&c.opportunity_id) {
            d.stages.push(c.clone());
        }
    }
    for c in &ds.amount_changes {
        if let Some(d) = deals.get_mut(&c.opportunity_id) {
            d.amounts.push(c.clone());
        }
    }
    for c in &ds.close_date_changes {
        if let Some(d) = deals.get_mut(&c.opportunity_id) {
            d.closes.push(c.clone());
        }
    }
    for c in &ds.forecast_category_changes {
        if let Some(d) = deals.get_mut(&c.opportunity_id) {
            d.categories.push(c.clone());
        }
    }
    for r in &ds.opportunity_contacts {
        if let Some(d) = deals.get_mut(&r.opportunity_id) {
            d.committee.push(r.clone());
        }
    }
}

fn read_activity(a: &Activity, transcript: Option<&graph::Transcript>) -> DealActivity {
    let signals = text_cues::read(a, transcript);
    DealActivity {
        id: a.id.clone(),
        kind: a.kind,
        at: a.at,
        contact_ids: a.contact_ids.clone(),
        subject: a.subject.clone(),
        competitors: a.competitors_mentioned.clone(),
        pricing_pressure: signals.pricing_pressure,
        pricing_discussed: signals.pricing_discussed,
    }
}

/// Sorts the histories, notes how the deal ended and builds its analytics record.
fn finish(d: &mut DealEntry) {
    d.stages.sort_by_key(|c| (c.at, c.seq));
    d.amounts.sort_by_key(|c| (c.at, c.seq));
    d.closes.sort_by_key(|c| (c.at, c.seq));
    d.categories.sort_by_key(|c| (c.at, c.seq));
    d.activities
        .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    d.committee.sort_by(|a, b| a.contact_id.cmp(&b.contact_id));
    d.closed = d.stages.iter().find_map(|c| match c.to {
        Stage::ClosedWon => Some((c.at, true)),
        Stage::ClosedLost => Some((c.at, false)),
        _ => None,
    });
    let r = &mut d.record;
    r.stages = d
        .stages
        .iter()
        .map(|c| dated(c.at, sales_stage(c.to)))
        .collect();
    r.close_dates = d.closes.iter().map(|c| dated(c.at, c.to)).collect();
    r.amounts = d.amounts.iter().map(|c| dated(c.at, c.to)).collect();
    r.contacts = d
        .committee
        .iter()
        .map(|c| BuyerContact {
            contact_id: c.contact_id.clone(),
            role: Some(buyer_role(c.role)),
        })
        .collect();
    r.touchpoints = d
        .activities
        .iter()
        .map(|a| Touchpoint {
            on: a.at.date_naive(),
            contact_ids: a.contact_ids.clone(),
            mentions_pricing: a.pricing_discussed,
        })
        .collect();
}

fn dated<T>(at: DateTime<Utc>, value: T) -> Dated<T> {
    Dated {
        on: at.date_naive(),
        value,
    }
}

pub(super) fn owner_closes(
    deals: &BTreeMap<String, DealEntry>,
) -> BTreeMap<String, Vec<(DateTime<Utc>, bool)>> {
    let mut out: BTreeMap<String, Vec<(DateTime<Utc>, bool)>> = BTreeMap::new();
    for d in deals.values() {
        if let Some(closed) = d.closed {
            out.entry(d.opportunity.owner_id.clone())
                .or_default()
                .push(closed);
        }
    }
    out.values_mut().for_each(|v| v.sort());
    out
}

pub(super) fn touches_by_account(ds: &CompanyDataset) -> BTreeMap<String, Vec<DateTime<Utc>>> {
    let lead_account: BTreeMap<&str, &str> = ds
        .leads
        .iter()
        .map(|l| (l.id.as_str(), l.account_id.as_str()))
        .collect();
    let mut out: BTreeMap<String, Vec<DateTime<Utc>>> = BTreeMap::new();
    for t in &ds.touches {
        if let Some(account) = lead_account.get(t.lead_id.as_str()) {
            out.entry((*account).to_owned()).or_default().push(t.at);
        }
    }
    out.values_mut().for_each(|v| v.sort());
    out
}

/// The analytics' name for a CRM stage.
pub(crate) fn sales_stage(s: Stage) -> SalesStage {
    match s {
        Stage::Prospecting => SalesStage::Prospecting,
        Stage::Qualification => SalesStage::Qualification,
        Stage::Discovery => SalesStage::Discovery,
        Stage::Proposal => SalesStage::Proposal,
        Stage::Negotiation => SalesStage::Negotiation,
        Stage::ClosedWon => SalesStage::ClosedWon,
        Stage::ClosedLost => SalesStage::ClosedLost,
    }
}

fn buyer_role(r: BuyingRole) -> BuyerRole {
    match r {
        BuyingRole::EconomicBuyer => BuyerRole::EconomicBuyer,
        BuyingRole::Champion => BuyerRole::Champion,
        BuyingRole::ExecSponsor => BuyerRole::ExecSponsor,
        BuyingRole::TechnicalEvaluator => BuyerRole::TechnicalEvaluator,
        BuyingRole::Procurement => BuyerRole::Procurement,
        BuyingRole::EndUser => BuyerRole::EndUser,
    }
}

fn segment(s: graph::Segment) -> Segment {
    match s {
        graph::Segment::Smb => Segment::Smb,
        graph::Segment::MidMarket => Segment::MidMarket,
        graph::Segment::Enterprise => Segment::Enterprise,
    }
}
