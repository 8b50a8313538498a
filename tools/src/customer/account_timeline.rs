//! `account_timeline`: what happened with one account over a window — deals and their moves,
//! calls, emails and meetings, tickets, contract starts and renewals — in time order, built
//! from the caller's visible records.

use std::collections::BTreeSet;

use async_trait::async_trait;
use chrono::{Duration, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::book::{CustomerBook, CustomerRecords};
use super::region::check_limit;
use super::timeline::{TimelineEvent, events};
use crate::{DateRange, Source, Tool, ToolContext, ToolError};

/// Days the default window reaches back from today.
const DEFAULT_DAYS: i64 = 180;
/// Records cited at most.
const MAX_SOURCES: usize = 50;

fn default_limit() -> usize {
    50
}

/// Arguments of [`AccountTimelineTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountTimelineArgs {
    /// The account id, e.g. `ACC-0042`.
    pub account_id: String,
    /// First day (inclusive), `YYYY-MM-DD`; default 180 days before `to`.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day (inclusive), `YYYY-MM-DD`; default today.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Events listed at most, the most recent kept (default 50).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

/// The account's events in the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AccountTimelineOutput {
    /// The account id.
    pub account_id: String,
    /// The account name.
    pub name: String,
    /// The window (both days included).
    pub window: DateRange,
    /// The events, oldest first: the most recent `limit` of the window.
    pub events: Vec<TimelineEvent>,
    /// Events in the window before the limit.
    pub total_events: usize,
    /// The account and the records behind the listed events, most recent first.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(AccountTimelineOutput);

/// One account's history in time order.
pub struct AccountTimelineTool;

#[async_trait]
impl Tool for AccountTimelineTool {
    const NAME: &'static str = "account_timeline";
    const DESCRIPTION: &'static str = "Timeline of one account over a window (default the last \
        180 days): deals created, stage / close-date / amount changes, calls, emails, \
        meetings, tickets opened and closed, contract starts and renewals, oldest first.";
    type Args = AccountTimelineArgs;
    type Output = AccountTimelineOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: AccountTimelineArgs,
    ) -> Result<AccountTimelineOutput, ToolError> {
        check_limit(Self::NAME, args.limit)?;
        let to = args.to.unwrap_or_else(|| ctx.today());
        let from = args.from.unwrap_or_else(|| {
            to.checked_sub_signed(Duration::days(DEFAULT_DAYS))
                .unwrap_or(NaiveDate::MIN)
        });
        let window = DateRange::new(from, to, Self::NAME)?;
        let company = ctx.company().await?;
        let book = CustomerBook::new(&company);
        let records = book
            .account(&args.account_id)
            .ok_or_else(|| ToolError::NotFound {
                what: "account",
                id: args.account_id.clone(),
            })?;
        let mut listed: Vec<TimelineEvent> = events(&company, records)
            .into_iter()
            .filter(|e| window.contains(e.at.date_naive()))
            .collect();
        let total_events = listed.len();
        listed.drain(..total_events.saturating_sub(args.limit));
        let account = records.account;
        Ok(AccountTimelineOutput {
            account_id: account.id.clone(),
            name: account.name.clone(),
            window,
            sources: sources(records, &listed),
            events: listed,
            total_events,
        })
    }
}

/// The account, then each listed event's record once, most recent first.
fn sources(records: &CustomerRecords<'_>, events: &[TimelineEvent]) -> Vec<Source> {
    let account = records.account;
    let mut seen = BTreeSet::new();
    let mut out = vec![Source::record("Account", &account.id, &account.name)];
    for e in events.iter().rev() {
        if out.len() >= MAX_SOURCES {
            break;
        }
        if seen.insert((e.record_kind(), e.record_id.as_str())) {
            out.push(Source::record(
                e.record_kind(),
                &e.record_id,
                &label(records, e),
            ));
        }
    }
    out
}

/// A human label for an event's record: deal name, activity or ticket subject, contract.
fn label(records: &CustomerRecords<'_>, e: &TimelineEvent) -> String {
    let find_deal = || records.deals.iter().find(|d| d.id == e.record_id);
    let find_ticket = || records.tickets.iter().find(|t| t.id == e.record_id);
    match e.record_kind() {
        "Opportunity" => find_deal().map(|d| d.name.clone()),
        "Ticket" => find_ticket().map(|t| t.subject.clone()),
        "Contract" => Some(format!("{} contract", records.account.name)),
        _ => None,
    }
    .unwrap_or_else(|| e.summary.clone())
}
