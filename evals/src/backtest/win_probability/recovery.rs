//! Do the model's explanations find the real reasons deals were lost? The generator records
//! each lost deal's latent causes with their weight; this compares them with the model's
//! drivers on the same deals.
//!
//! Matching, precisely:
//! - Deals: the lost new-business and expansion deals of the test split (renewals follow the
//!   churn model and carry no deal causes), each scored at its last test snapshot.
//! - Each truth cause maps to the features that observe it: no exec sponsor → exec-sponsor
//!   engagement; single-threaded → engaged contacts; weak champion → recent call sentiment;
//!   competitor → competitor present; pricing pressure → pricing-pressure mentions, amount vs
//!   initial amount or amount vs segment norm; procurement delay → close-date pushes; weak
//!   rep → owner's win rate. Causes toward winning never appear on lost deals.
//! - Truth's top causes: cause kinds ranked by their summed contribution over the deals.
//! - Model's top drivers: the *buying-situation* features ranked by their summed downward
//!   log-odds over the deals. The pipeline-position features (stage, deal type, segment, the
//!   rep's call, age, time in stage, time to expected close) are left out of this ranking:
//!   they say where a deal stands — a deal about to be lost has stalled early — and are
//!   strong predictors for that reason, but no truth cause can be matched with them. The full
//!   ranking is reported beside.
//! - A truth cause is recovered when one of its features is among the model's top drivers.
//! - Per deal: the deal's strongest mapped cause is hit when one of its features is among
//!   that deal's strongest downward buying-situation drivers.

use std::collections::BTreeMap;

use revpulse_analytics::win_probability::FeatureId;
use revpulse_ingest::demo::GroundTruth;
use revpulse_ingest::demo::truth::{Cause, DealOutcome};
use serde::Serialize;

use super::backtest::WinBacktest;
use super::snapshots::SnapshotRow;

/// Truth causes compared.
pub const TRUTH_TOP: usize = 3;
/// Model drivers they must appear among.
pub const MODEL_TOP: usize = 5;
/// Downward drivers per deal searched for the deal's strongest cause.
pub const DEAL_TOP: usize = 3;

/// Features that say where a deal stands rather than why it is won or lost.
pub const POSITION_FEATURES: [FeatureId; 7] = [
    FeatureId::Stage,
    FeatureId::DealType,
    FeatureId::Segment,
    FeatureId::ForecastCall,
    FeatureId::AgeDays,
    FeatureId::DaysInStage,
    FeatureId::DaysToExpectedClose,
];

fn situational(feature: FeatureId) -> bool {
    !POSITION_FEATURES.contains(&feature)
}

/// A truth cause kind with its total weight over the lost deals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CauseTotal {
    /// Cause kind.
    pub cause: &'static str,
    /// Summed contribution toward losing.
    pub total: f64,
    /// Features observing it.
    pub features: Vec<FeatureId>,
    /// One of them is among the model's top drivers.
    pub recovered: bool,
}

/// A feature with its total downward log-odds over the lost deals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DriverTotal {
    /// Feature.
    pub feature: FeatureId,
    /// Summed downward log-odds (positive number).
    pub total: f64,
}

/// The recovery result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriverRecovery {
    /// Lost deals compared.
    pub lost_deals: usize,
    /// Truth's top causes, strongest first.
    pub truth_top_causes: Vec<CauseTotal>,
    /// Model's top buying-situation drivers, strongest first.
    pub model_top_drivers: Vec<DriverTotal>,
    /// Every feature's total, strongest first (position features included).
    pub all_drivers: Vec<DriverTotal>,
    /// Share of deals whose strongest mapped cause is among their top downward drivers.
    pub per_deal_hit_rate: f64,
    /// The expected share if each deal's top drivers were random features.
    pub per_deal_chance_rate: f64,
}

/// The features observing a truth cause; `None` for causes that never explain a lost deal.
pub fn cause_features(cause: &Cause) -> Option<(&'static str, &'static [FeatureId])> {
    match cause {
        Cause::NoExecSponsor => {
            Some(("no_exec_sponsor", &[FeatureId::DaysSinceExecSponsorEngaged]))
        }
        Cause::SingleThreaded { .. } => Some(("single_threaded", &[FeatureId::EngagedContacts])),
        Cause::WeakChampion => Some(("weak_champion", &[FeatureId::RecentCallSentiment])),
        Cause::CompetitorDisplaced { .. } => Some(("competitor", &[FeatureId::CompetitorPresent])),
        Cause::PricingPressure => Some((
            "pricing_pressure",
            &[
                FeatureId::PricingPressureMentions,
                FeatureId::AmountVsInitial,
                FeatureId::AmountVsSegmentNorm,
            ],
        )),
        Cause::ProcurementDelay => Some(("procurement_delay", &[FeatureId::CloseDatePushes])),
        Cause::WeakRep => Some(("weak_rep", &[FeatureId::OwnerWinRate])),
        Cause::ExecSponsorEngaged
        | Cause::MultiThreaded { .. }
        | Cause::StrongChampion
        | Cause::NoCompetitor
        | Cause::CampaignInfluence { .. }
        | Cause::StrongRep
        | Cause::UsageDecline
        | Cause::UsageGrowth
        | Cause::LowSeatUtilisation
        | Cause::NegativeTicketSentiment
        | Cause::NoExecEngagement
        | Cause::ExecEngagement
        | Cause::CompetitorDisplacement { .. } => None,
    }
}

/// Each lost new-business or expansion deal's last test row.
fn last_lost_rows(backtest: &WinBacktest) -> BTreeMap<&str, &SnapshotRow> {
    let mut out: BTreeMap<&str, &SnapshotRow> = BTreeMap::new();
    for row in backtest
        .test
        .iter()
        .filter(|r| !r.won && r.deal_type != "renewal")
    {
        out.insert(row.deal_id.as_str(), row);
    }
    out
}

/// Compares the model's drivers with the truth on the test split's lost deals.
pub fn driver_recovery(backtest: &WinBacktest, truth: &GroundTruth) -> DriverRecovery {
    let causes: BTreeMap<&str, &[_]> = truth
        .deals
        .iter()
        .filter(|d| d.outcome == DealOutcome::Lost)
        .map(|d| (d.opportunity_id.as_str(), d.causes.as_slice()))
        .collect();
    let mut cause_totals: BTreeMap<&'static str, (f64, &'static [FeatureId])> = BTreeMap::new();
    let mut driver_totals: BTreeMap<FeatureId, f64> = BTreeMap::new();
    let mut tally = HitTally::default();
    for (id, row) in last_lost_rows(backtest) {
        let Some(deal_causes) = causes.get(id) else {
            continue;
        };
        let mapped: Vec<(&'static str, &'static [FeatureId], f64)> = deal_causes
            .iter()
            .filter_map(|c| cause_features(&c.cause).map(|(k, f)| (k, f, c.contribution)))
            .collect();
        let score = backtest.model.score(id, &row.features);
        for d in &score.drivers_down {
            *driver_totals.entry(d.feature).or_default() -= d.log_odds;
        }
        for (kind, features, weight) in &mapped {
            cause_totals.entry(kind).or_insert((0.0, features)).0 += weight;
        }
        tally.deals += 1;
        if let Some((_, features, _)) = mapped.first() {
            let top: Vec<FeatureId> = score
                .drivers_down
                .iter()
                .map(|d| d.feature)
                .filter(|f| situational(*f))
                .take(DEAL_TOP)
                .collect();
            tally.add(features.iter().any(|f| top.contains(f)), features.len());
        }
    }
    summarise(cause_totals, driver_totals, &tally)
}

/// Per-deal hits of the strongest cause, with the hits chance alone would give.
#[derive(Debug, Default)]
struct HitTally {
    deals: usize,
    judged: usize,
    hits: usize,
    chance: f64,
}

impl HitTally {
    fn add(&mut self, hit: bool, features: usize) {
        self.judged += 1;
        self.hits += usize::from(hit);
        self.chance += chance_of_hit(features);
    }
}

/// Probability that `DEAL_TOP` buying-situation features drawn at random include one of `m`
/// given features.
fn chance_of_hit(m: usize) -> f64 {
    let n = FeatureId::ALL.len() - POSITION_FEATURES.len();
    let miss: f64 = (0..DEAL_TOP)
        .map(|i| (n - m - i) as f64 / (n - i) as f64)
        .product();
    1.0 - miss
}

fn summarise(
    cause_totals: BTreeMap<&'static str, (f64, &'static [FeatureId])>,
    driver_totals: BTreeMap<FeatureId, f64>,
    tally: &HitTally,
) -> DriverRecovery {
    let mut drivers: Vec<DriverTotal> = driver_totals
        .into_iter()
        .map(|(feature, total)| DriverTotal { feature, total })
        .collect();
    drivers.sort_by(|a, b| b.total.total_cmp(&a.total).then(a.feature.cmp(&b.feature)));
    let all_drivers = drivers.clone();
    drivers.retain(|d| situational(d.feature));
    drivers.truncate(MODEL_TOP);
    let mut causes: Vec<CauseTotal> = cause_totals
        .into_iter()
        .map(|(cause, (total, features))| CauseTotal {
            cause,
            total,
            features: features.to_vec(),
            recovered: features
                .iter()
                .any(|f| drivers.iter().any(|d| d.feature == *f)),
        })
        .collect();
    causes.sort_by(|a, b| b.total.total_cmp(&a.total).then(a.cause.cmp(b.cause)));
    causes.truncate(TRUTH_TOP);
    DriverRecovery {
        lost_deals: tally.deals,
        truth_top_causes: causes,
        model_top_drivers: drivers,
        all_drivers,
        per_deal_hit_rate: tally.hits as f64 / tally.judged.max(1) as f64,
        per_deal_chance_rate: tally.chance / tally.judged.max(1) as f64,
    }
}
