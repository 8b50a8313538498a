//! A deal's win-model features computed *as of* a snapshot instant from the demo company's
//! records — only records stamped strictly before the instant count — plus the deliberate
//! leak the tripwire test uses to prove it can fire.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use revpulse_analytics::win_probability::{
    DealFeatures, DealType, ForecastCall, OpenStage, Segment,
};
use revpulse_graph::model::{self, ForecastCategory, Stage};

use super::records::{CompanyRecords, DealRecords};

/// Calls whose sentiment makes up "recent call sentiment".
const RECENT_CALLS: usize = 3;
/// Campaign touches this long before creation count as marketing having warmed the deal.
const CAMPAIGN_WINDOW_DAYS: i64 = 180;

/// Information from after the snapshot deliberately let in (for the leakage tripwire only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Leak {
    /// Honest features: nothing after the snapshot.
    #[default]
    None,
    /// The rep's forecast call read from the *current* opportunity record instead of its
    /// history — the classic bug of joining today's CRM row to a past snapshot. For closed
    /// deals it reads "closed" or "omitted", i.e. the outcome.
    CurrentForecastCall,
}

/// What every deal's features at one snapshot share: the instant, segment norms and the
/// owners' closed records.
pub(crate) struct Snapshot<'r> {
    /// Records stamped strictly before this instant are visible.
    pub at: DateTime<Utc>,
    /// Median initial amount of the deals created before `at`, per segment.
    pub norms: BTreeMap<model::Segment, f64>,
    /// Owners' closed deals: (closed at, won), sorted.
    pub owners: &'r BTreeMap<&'r str, Vec<(DateTime<Utc>, bool)>>,
    /// What leaks in.
    pub leak: Leak,
}

/// Every owner's closed deals, sorted by close time.
pub(crate) fn owner_records<'a>(
    records: &CompanyRecords<'a>,
) -> BTreeMap<&'a str, Vec<(DateTime<Utc>, bool)>> {
    let mut out: BTreeMap<&str, Vec<(DateTime<Utc>, bool)>> = BTreeMap::new();
    for d in records.deals.values() {
        if let Some(closed) = d.closed {
            out.entry(d.opportunity.owner_id.as_str())
                .or_default()
                .push(closed);
        }
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

/// Median initial amount per segment of the deals created before `at`.
pub(crate) fn segment_norms(
    records: &CompanyRecords<'_>,
    at: DateTime<Utc>,
) -> BTreeMap<model::Segment, f64> {
    let mut amounts: BTreeMap<model::Segment, Vec<f64>> = BTreeMap::new();
    for d in records.deals.values() {
        if let Some(first) = d.amounts.first().filter(|c| c.at < at) {
            amounts.entry(d.segment).or_default().push(first.to as f64);
        }
    }
    amounts
        .into_iter()
        .filter_map(|(s, v)| revpulse_analytics::stats::quantile(&v, 0.5).map(|m| (s, m)))
        .collect()
}

fn days(d: Duration) -> f64 {
    d.num_seconds() as f64 / 86_400.0
}

/// The deal's features as of the snapshot; `None` when it was not open then.
pub(crate) fn features_as_of(
    deal: &DealRecords<'_>,
    records: &CompanyRecords<'_>,
    snapshot: &Snapshot<'_>,
) -> Option<DealFeatures> {
    let at = snapshot.at;
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
    let activity = ActivityView::new(deal, at);
    Some(DealFeatures {
        stage: open_stage(current.to)?,
        deal_type: deal_type(&deal.opportunity.deal_type)?,
        segment: segment(deal.segment),
        forecast_call: forecast_call(deal, at, snapshot.leak),
        age_days: days(at - created),
        days_in_stage: days(at - current.at),
        days_to_expected_close: closes
            .last()
            .map(|c| (c.to - at.date_naive()).num_days() as f64),
        amount_vs_segment_norm: amount
            .zip(snapshot.norms.get(&deal.segment))
            .filter(|(_, norm)| **norm > 0.0)
            .map(|(a, norm)| a / norm),
        amount_vs_initial: amount
            .zip(initial)
            .filter(|(_, first)| *first > 0.0)
            .map(|(a, first)| a / first),
        close_date_pushes: closes
            .iter()
            .filter(|c| c.from.is_some_and(|f| c.to > f))
            .count() as u32,
        stage_regressions: stages
            .iter()
            .filter(|c| c.from.is_some_and(|f| c.to.order() < f.order()))
            .count() as u32,
        days_since_last_activity: activity.last_at().map(|t| days(at - t)),
        days_since_exec_sponsor_engaged: activity.last_exec_at(deal).map(|t| days(at - t)),
        engaged_contacts: activity.engaged_contacts(),
        competitor_present: activity.competitor_present(),
        pricing_pressure_mentions: activity.pricing_mentions(),
        campaign_sourced: campaign_sourced(deal, records, created.min(at)),
        owner_win_rate: owner_win_rate(snapshot, &deal.opportunity.owner_id),
        recent_call_sentiment: activity.recent_call_sentiment(),
    })
}

/// The prefix of a time-sorted history stamped strictly before `at`.
fn before<T>(items: &[T], at: DateTime<Utc>, time: impl Fn(&T) -> DateTime<Utc>) -> &[T] {
    &items[..items.partition_point(|i| time(i) < at)]
}

/// The deal's activities before the snapshot, with their text signals.
struct ActivityView<'d, 'a> {
    activities: &'d [&'a model::Activity],
    signals: &'d [super::records::ActivitySignals],
}

impl<'d, 'a> ActivityView<'d, 'a> {
    fn new(deal: &'d DealRecords<'a>, at: DateTime<Utc>) -> Self {
        let activities = before(&deal.activities, at, |a| a.at);
        Self {
            activities,
            signals: &deal.signals[..activities.len()],
        }
    }

    fn last_at(&self) -> Option<DateTime<Utc>> {
        self.activities.last().map(|a| a.at)
    }

    fn last_exec_at(&self, deal: &DealRecords<'_>) -> Option<DateTime<Utc>> {
        self.activities
            .iter()
            .rev()
            .find(|a| {
                a.contact_ids
                    .iter()
                    .any(|c| deal.exec_sponsors.contains(&c.as_str()))
            })
            .map(|a| a.at)
    }

    fn engaged_contacts(&self) -> u32 {
        let contacts: BTreeSet<&str> = self
            .activities
            .iter()
            .flat_map(|a| a.contact_ids.iter().map(String::as_str))
            .collect();
        contacts.len() as u32
    }

    fn competitor_present(&self) -> bool {
        self.activities
            .iter()
            .any(|a| !a.competitors_mentioned.is_empty())
    }

    fn pricing_mentions(&self) -> u32 {
        self.signals.iter().map(|s| s.pricing_mentions).sum()
    }

    fn recent_call_sentiment(&self) -> Option<f64> {
        let recent: Vec<f64> = self
            .signals
            .iter()
            .rev()
            .filter_map(|s| s.call_sentiment)
            .take(RECENT_CALLS)
            .collect();
        revpulse_analytics::stats::mean(&recent)
    }
}

fn forecast_call(deal: &DealRecords<'_>, at: DateTime<Utc>, leak: Leak) -> ForecastCall {
    let category = match leak {
        Leak::None => before(&deal.forecasts, at, |c| c.at)
            .last()
            .map_or(ForecastCategory::Pipeline, |c| c.to),
        Leak::CurrentForecastCall => deal.opportunity.forecast_category,
    };
    match category {
        ForecastCategory::Pipeline => ForecastCall::Pipeline,
        ForecastCategory::BestCase => ForecastCall::BestCase,
        ForecastCategory::Commit => ForecastCall::Commit,
        ForecastCategory::Closed => ForecastCall::Closed,
        ForecastCategory::Omitted => ForecastCall::Omitted,
    }
}

/// Converted from a lead, or a campaign touched the account's leads in the window before the
/// deal was created (and before the snapshot).
fn campaign_sourced(
    deal: &DealRecords<'_>,
    records: &CompanyRecords<'_>,
    until: DateTime<Utc>,
) -> bool {
    let from = until - Duration::days(CAMPAIGN_WINDOW_DAYS);
    deal.opportunity.lead_id.is_some()
        || records
            .touches_by_account
            .get(deal.opportunity.account_id.as_str())
            .is_some_and(|t| {
                let i = t.partition_point(|x| *x < from);
                t.get(i).is_some_and(|x| *x < until)
            })
}

/// Laplace-smoothed win rate of the owner's deals closed before the snapshot.
fn owner_win_rate(snapshot: &Snapshot<'_>, owner: &str) -> Option<f64> {
    let closed = snapshot.owners.get(owner)?;
    let n = closed.partition_point(|c| c.0 < snapshot.at);
    if n == 0 {
        return None;
    }
    let won = closed[..n].iter().filter(|c| c.1).count();
    Some((won as f64 + 1.0) / (n as f64 + 2.0))
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

fn deal_type(name: &str) -> Option<DealType> {
    DealType::ALL.into_iter().find(|t| t.as_str() == name)
}

fn segment(s: model::Segment) -> Segment {
    match s {
        model::Segment::Smb => Segment::Smb,
        model::Segment::MidMarket => Segment::MidMarket,
        model::Segment::Enterprise => Segment::Enterprise,
    }
}
