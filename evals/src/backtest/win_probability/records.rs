//! The demo company's records regrouped per deal, each history sorted in time, so a deal can
//! be read *as of* any instant: only records stamped strictly before it count.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use revpulse_graph::model::{
    Activity, AmountChange, BuyingRole, CloseDateChange, ForecastCategoryChange, Opportunity,
    Segment, Speaker, Stage, StageChange, Transcript,
};
use revpulse_ingest::dataset::CompanyDataset;

use super::text_signals;

/// Everything recorded about one deal, in time order.
#[derive(Debug, Clone)]
pub(crate) struct DealRecords<'a> {
    /// The current record (only its static fields may be used as of a past date).
    pub opportunity: &'a Opportunity,
    /// Segment of the buying account.
    pub segment: Segment,
    /// Stage history.
    pub stages: Vec<&'a StageChange>,
    /// Amount history.
    pub amounts: Vec<&'a AmountChange>,
    /// Close-date history.
    pub closes: Vec<&'a CloseDateChange>,
    /// Forecast-call history.
    pub forecasts: Vec<&'a ForecastCategoryChange>,
    /// Calls, emails and meetings about the deal.
    pub activities: Vec<&'a Activity>,
    /// Text signals of each activity (same order as `activities`).
    pub signals: Vec<ActivitySignals>,
    /// Contacts with the exec-sponsor role on the deal.
    pub exec_sponsors: Vec<&'a str>,
    /// When it closed and whether it was won; `None` while open.
    pub closed: Option<(DateTime<Utc>, bool)>,
}

/// What the text of one activity says, read once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ActivitySignals {
    /// Passages showing pricing pressure: the email or notes body (0 or 1), or the buyer
    /// turns of a call's transcript.
    pub pricing_mentions: u32,
    /// Lexicon sentiment of a call's buyer turns; `None` for emails, meetings and calls
    /// without a transcript.
    pub call_sentiment: Option<f64>,
}

impl ActivitySignals {
    fn read(activity: &Activity, transcript: Option<&Transcript>) -> Self {
        let body_mentions = u32::from(
            !activity.body.is_empty() && text_signals::mentions_pricing_pressure(&activity.body),
        );
        let Some(t) = transcript else {
            return Self {
                pricing_mentions: body_mentions,
                call_sentiment: None,
            };
        };
        let buyer: Vec<&str> = t
            .turns
            .iter()
            .filter(|turn| turn.speaker == Speaker::Buyer)
            .map(|turn| turn.text.as_str())
            .collect();
        let turns = buyer
            .iter()
            .filter(|text| text_signals::mentions_pricing_pressure(text))
            .count() as u32;
        Self {
            pricing_mentions: body_mentions + turns,
            call_sentiment: Some(text_signals::sentiment(&buyer.join(" "))),
        }
    }
}

/// The company's records indexed for as-of reads.
#[derive(Debug, Clone)]
pub(crate) struct CompanyRecords<'a> {
    /// Deals by id.
    pub deals: BTreeMap<&'a str, DealRecords<'a>>,
    /// Campaign-touch times on each account's leads, sorted.
    pub touches_by_account: BTreeMap<&'a str, Vec<DateTime<Utc>>>,
}

impl<'a> CompanyRecords<'a> {
    /// Indexes a dataset.
    pub fn new(ds: &'a CompanyDataset) -> Self {
        let segments: BTreeMap<&str, Segment> = ds
            .accounts
            .iter()
            .map(|a| (a.id.as_str(), a.segment))
            .collect();
        let mut deals: BTreeMap<&str, DealRecords<'a>> = ds
            .opportunities
            .iter()
            .map(|o| {
                let segment = segments.get(o.account_id.as_str()).copied();
                (o.id.as_str(), empty(o, segment.unwrap_or(Segment::Smb)))
            })
            .collect();
        for c in &ds.stage_changes {
            if let Some(d) = deals.get_mut(c.opportunity_id.as_str()) {
                d.stages.push(c);
            }
        }
        for c in &ds.amount_changes {
            if let Some(d) = deals.get_mut(c.opportunity_id.as_str()) {
                d.amounts.push(c);
            }
        }
        for c in &ds.close_date_changes {
            if let Some(d) = deals.get_mut(c.opportunity_id.as_str()) {
                d.closes.push(c);
            }
        }
        for c in &ds.forecast_category_changes {
            if let Some(d) = deals.get_mut(c.opportunity_id.as_str()) {
                d.forecasts.push(c);
            }
        }
        for a in &ds.activities {
            if let Some(d) = a.opportunity_id.as_deref().and_then(|id| deals.get_mut(id)) {
                d.activities.push(a);
            }
        }
        for r in ds
            .opportunity_contacts
            .iter()
            .filter(|r| r.role == BuyingRole::ExecSponsor)
        {
            if let Some(d) = deals.get_mut(r.opportunity_id.as_str()) {
                d.exec_sponsors.push(&r.contact_id);
            }
        }
        let transcripts: BTreeMap<&str, &Transcript> = ds
            .transcripts
            .iter()
            .map(|t| (t.activity_id.as_str(), t))
            .collect();
        for d in deals.values_mut() {
            d.sort_and_close();
            d.signals = d
                .activities
                .iter()
                .map(|a| ActivitySignals::read(a, transcripts.get(a.id.as_str()).copied()))
                .collect();
        }
        Self {
            deals,
            touches_by_account: touches_by_account(ds),
        }
    }
}

fn empty(opportunity: &Opportunity, segment: Segment) -> DealRecords<'_> {
    DealRecords {
        opportunity,
        segment,
        stages: Vec::new(),
        amounts: Vec::new(),
        closes: Vec::new(),
        forecasts: Vec::new(),
        activities: Vec::new(),
        signals: Vec::new(),
        exec_sponsors: Vec::new(),
        closed: None,
    }
}

impl DealRecords<'_> {
    fn sort_and_close(&mut self) {
        self.stages.sort_by_key(|c| (c.at, c.seq));
        self.amounts.sort_by_key(|c| (c.at, c.seq));
        self.closes.sort_by_key(|c| (c.at, c.seq));
        self.forecasts.sort_by_key(|c| (c.at, c.seq));
        self.activities
            .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        self.closed = self.stages.iter().find_map(|c| match c.to {
            Stage::ClosedWon => Some((c.at, true)),
            Stage::ClosedLost => Some((c.at, false)),
            _ => None,
        });
    }

    /// When the deal was created (its first stage record).
    pub fn created_at(&self) -> Option<DateTime<Utc>> {
        self.stages.first().map(|c| c.at)
    }

    /// Whether the deal was open at `at`: created before it and not closed before it.
    pub fn open_at(&self, at: DateTime<Utc>) -> bool {
        self.created_at().is_some_and(|c| c < at) && self.closed.is_none_or(|(t, _)| t >= at)
    }
}

/// Campaign touches per account (through the account's leads), sorted by time.
fn touches_by_account(ds: &CompanyDataset) -> BTreeMap<&str, Vec<DateTime<Utc>>> {
    let lead_account: BTreeMap<&str, &str> = ds
        .leads
        .iter()
        .map(|l| (l.id.as_str(), l.account_id.as_str()))
        .collect();
    let mut out: BTreeMap<&str, Vec<DateTime<Utc>>> = BTreeMap::new();
    for t in &ds.touches {
        if let Some(account) = lead_account.get(t.lead_id.as_str()) {
            out.entry(account).or_default().push(t.at);
        }
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}
