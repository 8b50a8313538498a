//! A deal's win-model features *as of* an instant, computed from its records stamped strictly
//! before that instant — the same function serves today's scores, the training snapshots and
//! the weekly backtest, which is what keeps the backtest free of leakage.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use revpulse_analytics::stats;
use revpulse_analytics::win_probability::{
    DealFeatures, DealType, ForecastCall, OpenStage, Segment,
};
use revpulse_graph::model::{ForecastCategory, Stage};

use super::deal_book::{DealActivity, DealBook, DealEntry};

/// Campaign touches this long before creation count as marketing having warmed the deal.
const CAMPAIGN_WINDOW_DAYS: i64 = 180;
/// Seconds in a day, for fractional day counts.
const SECONDS_PER_DAY: f64 = 86_400.0;

/// The instant that ends `day`: records stamped before it were known by the end of that day.
pub(crate) fn end_of(day: NaiveDate) -> DateTime<Utc> {
    (day + Duration::days(1)).and_time(NaiveTime::MIN).and_utc()
}

/// What every deal's features at one instant share: the instant and the segment norms then.
pub(crate) struct Snapshot<'b> {
    /// Records stamped strictly before this instant are visible.
    pub at: DateTime<Utc>,
    norms: BTreeMap<Segment, f64>,
    book: &'b DealBook,
}

impl<'b> Snapshot<'b> {
    /// The snapshot of `book` at `at`, with the median initial amount per segment of the deals
    /// created before it.
    pub fn new(book: &'b DealBook, at: DateTime<Utc>) -> Self {
        let mut amounts: BTreeMap<Segment, Vec<f64>> = BTreeMap::new();
        for d in book.deals.values() {
            if let Some(first) = d.amounts.first().filter(|c| c.at < at) {
                amounts.entry(d.segment).or_default().push(first.to as f64);
            }
        }
        let norms = amounts
            .into_iter()
            .filter_map(|(s, v)| stats::quantile(&v, 0.5).map(|m| (s, m)))
            .collect();
        Self { at, norms, book }
    }

    /// The deal's features then; `None` when it was not open then.
    pub fn features(&self, deal: &DealEntry) -> Option<DealFeatures> {
        let at = self.at;
        if !deal.open_at(at) {
            return None;
        }
        let created = deal.created_at()?;
        let stages = before(&deal.stages, at, |c| c.at);
        let current = stages.last()?;
        let closes = before(&deal.closes, at, |c| c.at);
        let amounts = before(&deal.amounts, at, |c| c.at);
        let amount = amounts.last().map(|c| c.to as f64);
        let initial = amounts.first().map(|c| c.to as f64);
        let activities = before(&deal.activities, at, |a| a.at);
        Some(DealFeatures {
            stage: open_stage(current.to)?,
            deal_type: deal_type(&deal.opportunity.deal_type),
            segment: deal.segment,
            forecast_call: forecast_call(deal, at),
            age_days: days(at - created),
            days_in_stage: days(at - current.at),
            days_to_expected_close: closes
                .last()
                .map(|c| (c.to - at.date_naive()).num_days() as f64),
            amount_vs_segment_norm: ratio(amount, self.norms.get(&deal.segment).copied()),
            amount_vs_initial: ratio(amount, initial),
            close_date_pushes: closes
                .iter()
                .filter(|c| c.from.is_some_and(|f| c.to > f))
                .count() as u32,
            stage_regressions: stages
                .iter()
                .filter(|c| c.from.is_some_and(|f| c.to.order() < f.order()))
                .count() as u32,
            days_since_last_activity: activities.last().map(|a| days(at - a.at)),
            days_since_exec_sponsor_engaged: last_exec_sponsor_at(deal, activities)
                .map(|t| days(at - t)),
            engaged_contacts: engaged_contacts(activities),
            competitor_present: activities.iter().any(|a| !a.competitors.is_empty()),
            pricing_pressure_mentions: activities.iter().map(|a| a.pricing_pressure).sum(),
            campaign_sourced: self.campaign_sourced(deal, created.min(at)),
            owner_win_rate: self.owner_win_rate(&deal.opportunity.owner_id),
            // No tone lexicon here, and a graph read-back carries no transcript turns: left
            // missing, which the model learns from rather than imputes.
            recent_call_sentiment: None,
        })
    }

    /// Converted from a lead, or a campaign touched the account's leads in the window before
    /// the deal was created.
    fn campaign_sourced(&self, deal: &DealEntry, until: DateTime<Utc>) -> bool {
        let from = until - Duration::days(CAMPAIGN_WINDOW_DAYS);
        deal.opportunity.lead_id.is_some()
            || self
                .book
                .touches_by_account
                .get(&deal.opportunity.account_id)
                .is_some_and(|t| {
                    let i = t.partition_point(|x| *x < from);
                    t.get(i).is_some_and(|x| *x < until)
                })
    }

    /// Laplace-smoothed win rate of the owner's deals closed before the snapshot.
    fn owner_win_rate(&self, owner: &str) -> Option<f64> {
        let closed = self.book.owner_closes.get(owner)?;
        let n = closed.partition_point(|c| c.0 < self.at);
        let won = closed[..n].iter().filter(|c| c.1).count();
        (n > 0).then(|| (won as f64 + 1.0) / (n as f64 + 2.0))
    }
}

/// The prefix of a time-sorted history stamped strictly before `at`.
pub(crate) fn before<T>(
    items: &[T],
    at: DateTime<Utc>,
    time: impl Fn(&T) -> DateTime<Utc>,
) -> &[T] {
    &items[..items.partition_point(|i| time(i) < at)]
}

/// The last activity before the snapshot in which an exec sponsor of the deal took part.
pub(crate) fn last_exec_sponsor_at(
    deal: &DealEntry,
    activities: &[DealActivity],
) -> Option<DateTime<Utc>> {
    let sponsors: BTreeSet<&str> = deal.exec_sponsors().collect();
    activities
        .iter()
        .rev()
        .find(|a| a.contact_ids.iter().any(|c| sponsors.contains(c.as_str())))
        .map(|a| a.at)
}

fn engaged_contacts(activities: &[DealActivity]) -> u32 {
    let contacts: BTreeSet<&str> = activities
        .iter()
        .flat_map(|a| a.contact_ids.iter().map(String::as_str))
        .collect();
    contacts.len() as u32
}

/// Whole and fractional days of a duration.
pub(crate) fn days(d: Duration) -> f64 {
    d.num_seconds() as f64 / SECONDS_PER_DAY
}

fn ratio(value: Option<f64>, base: Option<f64>) -> Option<f64> {
    value
        .zip(base)
        .filter(|(_, b)| *b > 0.0)
        .map(|(v, b)| v / b)
}

fn forecast_call(deal: &DealEntry, at: DateTime<Utc>) -> ForecastCall {
    let category = before(&deal.categories, at, |c| c.at)
        .last()
        .map_or(ForecastCategory::Pipeline, |c| c.to);
    match category {
        ForecastCategory::Pipeline => ForecastCall::Pipeline,
        ForecastCategory::BestCase => ForecastCall::BestCase,
        ForecastCategory::Commit => ForecastCall::Commit,
        ForecastCategory::Closed => ForecastCall::Closed,
        ForecastCategory::Omitted => ForecastCall::Omitted,
    }
}

fn open_stage(stage: Stage) -> Option<OpenStage> {
    match stage {
        Stage::Prospecting => Some(OpenStage::Prospecting),
        Stage::Qualification => Some(OpenStage::Qualification),
        Stage::Discovery => Some(OpenStage::Discovery),
        Stage::Proposal => Some(OpenStage::Proposal),
        Stage::Negotiation => Some(OpenStage::Negotiation),
        Stage::ClosedWon | Stage::ClosedLost => None,
    }
}

/// The deal type; an unknown CRM value reads as new business.
fn deal_type(name: &str) -> DealType {
    DealType::ALL
        .into_iter()
        .find(|t| t.as_str() == name)
        .unwrap_or(DealType::NewBusiness)
}
