//! The events of one account's history, read from its visible records: deals created and
//! their stage, close-date and amount changes, calls, emails and meetings, tickets opened and
//! closed, contracts started and renewals — the same kinds as the graph's account timeline,
//! each summarised in a few words from the record's own fields.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_graph::model::{ActivityKind, CompanyDataset, ContractStatus, Opportunity};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::book::CustomerRecords;

/// What happened.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// A contract's term began.
    ContractStart,
    /// A deal was opened.
    DealCreated,
    /// A deal moved stage.
    StageChange,
    /// A deal's expected close date moved.
    CloseDateChange,
    /// A deal's amount was revised.
    AmountChange,
    /// A call.
    Call,
    /// An email.
    Email,
    /// A meeting.
    Meeting,
    /// A support ticket was opened.
    TicketOpened,
    /// A support ticket was closed.
    TicketClosed,
    /// A contract reached (or will reach) its renewal date.
    Renewal,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TimelineEvent {
    /// When (RFC 3339, UTC); day-only events (contract dates) are at midnight.
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: TimelineKind,
    /// A short summary from the record's fields.
    pub summary: String,
    /// The record behind it: deal, activity, ticket or contract id.
    pub record_id: String,
    /// The deal it concerns, if any.
    pub deal_id: Option<String>,
}

impl TimelineEvent {
    /// The graph label of the record behind the event.
    pub fn record_kind(&self) -> &'static str {
        match self.kind {
            TimelineKind::ContractStart | TimelineKind::Renewal => "Contract",
            TimelineKind::DealCreated
            | TimelineKind::StageChange
            | TimelineKind::CloseDateChange
            | TimelineKind::AmountChange => "Opportunity",
            TimelineKind::Call | TimelineKind::Email | TimelineKind::Meeting => "Activity",
            TimelineKind::TicketOpened | TimelineKind::TicketClosed => "Ticket",
        }
    }
}

/// Whole dollars with thousands separators: `$1,250,000`.
pub(crate) fn dollars(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}${out}", if amount < 0 { "-" } else { "" })
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}

fn event(at: DateTime<Utc>, kind: TimelineKind, summary: String, id: &str) -> TimelineEvent {
    TimelineEvent {
        at,
        kind,
        summary,
        record_id: id.to_owned(),
        deal_id: None,
    }
}

/// Every event of the account, in time order (ties by kind, then record id).
pub(crate) fn events(
    company: &CompanyDataset,
    records: &CustomerRecords<'_>,
) -> Vec<TimelineEvent> {
    let mut out = deal_events(company, records);
    for a in &records.activities {
        let kind = match a.kind {
            ActivityKind::Call => TimelineKind::Call,
            ActivityKind::Email => TimelineKind::Email,
            ActivityKind::Meeting => TimelineKind::Meeting,
        };
        let mut e = event(a.at, kind, a.subject.clone(), &a.id);
        e.deal_id = a.opportunity_id.clone();
        out.push(e);
    }
    for t in &records.tickets {
        let opened = format!(
            "{} ticket opened: {} (sentiment {:+.2})",
            t.priority.as_str(),
            t.subject,
            t.sentiment
        );
        out.push(event(
            t.opened_at,
            TimelineKind::TicketOpened,
            opened,
            &t.id,
        ));
        if let Some(closed) = t.closed_at {
            let days = (closed - t.opened_at).num_days();
            let summary = format!("ticket closed after {days} days: {}", t.subject);
            out.push(event(closed, TimelineKind::TicketClosed, summary, &t.id));
        }
    }
    let lines: BTreeMap<&str, &str> = company
        .product_lines
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    for c in &records.contracts {
        let line = lines
            .get(c.product_line_id.as_str())
            .copied()
            .unwrap_or(c.product_line_id.as_str());
        let terms = format!("{line}, ARR {}, {} seats", dollars(c.arr), c.seats);
        let start = format!("contract started: {terms}, renewal {}", c.renewal_date);
        let renewal = match c.status {
            ContractStatus::Renewed => format!("contract renewed: {terms}"),
            ContractStatus::Churned => format!("contract ended without renewal: {terms}"),
            ContractStatus::Active => format!("renewal due: {terms}"),
        };
        for (day, kind, summary) in [
            (c.start_date, TimelineKind::ContractStart, start),
            (c.renewal_date, TimelineKind::Renewal, renewal),
        ] {
            let mut e = event(midnight(day), kind, summary, &c.id);
            e.deal_id = c.opportunity_id.clone();
            out.push(e);
        }
    }
    out.sort_by(|a, b| (a.at, a.kind, &a.record_id).cmp(&(b.at, b.kind, &b.record_id)));
    out
}

/// Deal creations and changes, from the change records of the account's visible deals.
fn deal_events(company: &CompanyDataset, records: &CustomerRecords<'_>) -> Vec<TimelineEvent> {
    let deals: BTreeMap<&str, &Opportunity> =
        records.deals.iter().map(|d| (d.id.as_str(), *d)).collect();
    let mut out = Vec::new();
    let mut push = |deal: &Opportunity, at, kind, summary: String| {
        let mut e = event(at, kind, format!("{}: {summary}", deal.name), &deal.id);
        e.deal_id = Some(deal.id.clone());
        out.push(e);
    };
    for c in &company.stage_changes {
        let Some(deal) = deals.get(c.opportunity_id.as_str()) else {
            continue;
        };
        match c.from {
            None => push(
                deal,
                c.at,
                TimelineKind::DealCreated,
                format!("{} deal created in {}", deal.deal_type, c.to.as_str()),
            ),
            Some(from) => push(
                deal,
                c.at,
                TimelineKind::StageChange,
                format!("{} -> {}", from.as_str(), c.to.as_str()),
            ),
        }
    }
    for c in &company.close_date_changes {
        if let (Some(deal), Some(from)) = (deals.get(c.opportunity_id.as_str()), c.from) {
            let moved = (c.to - from).num_days();
            let how = if moved > 0 { "pushed" } else { "pulled in" };
            let words = format!("close date {from} -> {} ({how} {} days)", c.to, moved.abs());
            push(deal, c.at, TimelineKind::CloseDateChange, words);
        }
    }
    for c in &company.amount_changes {
        if let (Some(deal), Some(from)) = (deals.get(c.opportunity_id.as_str()), c.from) {
            let words = format!("amount {} -> {}", dollars(from), dollars(c.to));
            push(deal, c.at, TimelineKind::AmountChange, words);
        }
    }
    out
}
