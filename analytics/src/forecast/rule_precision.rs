//! Each risk rule's track record: of the deals it flagged at past snapshots, the share that then
//! slipped or were lost (its precision), next to the share of all snapshotted deals that did
//! (the base rate) — a rule is only informative when its precision beats the base rate, i.e.
//! its lift is above 1.
//!
//! The caller supplies the snapshots (a deal seen as of a past day) and what happened next.
//! Stage norms for stall rules are re-learnt as of each snapshot day from the population, so a
//! past snapshot is judged only with what was known that day.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::record::{DealAsOf, DealRecord};
use super::risk_rules::{RiskRule, RiskRuleSet, RuleContext, check_rule};
use super::stage_time::StageDurations;

/// What happened to a deal after a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotOutcome {
    /// Won by the close date it had at the snapshot.
    OnTrack,
    /// Not won by that close date (pushed, or still open after it).
    Slipped,
    /// Lost.
    Lost,
}

impl SnapshotOutcome {
    /// Slipped or lost.
    pub fn is_adverse(self) -> bool {
        match self {
            Self::OnTrack => false,
            Self::Slipped | Self::Lost => true,
        }
    }
}

/// A deal at a past snapshot and what happened next.
#[derive(Debug, Clone, Copy)]
pub struct RuleObservation<'a> {
    /// The deal as of the snapshot day.
    pub deal: DealAsOf<'a>,
    /// What happened next.
    pub outcome: SnapshotOutcome,
}

/// One rule's track record.
#[derive(Debug, Clone, PartialEq)]
pub struct RulePrecision {
    /// The rule.
    pub rule_id: String,
    /// Whether the rule is enabled in the set.
    pub enabled: bool,
    /// Open deals judged.
    pub observations: usize,
    /// Of them, flagged by the rule.
    pub flagged: usize,
    /// Flagged, then slipped.
    pub flagged_slipped: usize,
    /// Flagged, then lost.
    pub flagged_lost: usize,
    /// (slipped + lost) / flagged; `None` when nothing was flagged.
    pub precision: Option<f64>,
    /// Share of all judged deals that slipped or were lost.
    pub base_rate: Option<f64>,
    /// Precision / base rate.
    pub lift: Option<f64>,
    /// Share of the deals that slipped or were lost that the rule flagged.
    pub recall: Option<f64>,
}

#[derive(Default)]
struct Tally {
    observations: usize,
    adverse: usize,
    flagged: usize,
    slipped: usize,
    lost: usize,
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl Tally {
    fn count(&mut self, outcome: SnapshotOutcome, flagged: bool) {
        self.observations += 1;
        self.adverse += usize::from(outcome.is_adverse());
        if flagged {
            self.flagged += 1;
            self.slipped += usize::from(outcome == SnapshotOutcome::Slipped);
            self.lost += usize::from(outcome == SnapshotOutcome::Lost);
        }
    }

    fn finish(self, rule: &RiskRule) -> RulePrecision {
        let precision = ratio(self.slipped + self.lost, self.flagged);
        let base_rate = ratio(self.adverse, self.observations);
        RulePrecision {
            rule_id: rule.id.clone(),
            enabled: rule.enabled,
            observations: self.observations,
            flagged: self.flagged,
            flagged_slipped: self.slipped,
            flagged_lost: self.lost,
            precision,
            base_rate,
            lift: precision
                .zip(base_rate)
                .filter(|(_, b)| *b > 0.0)
                .map(|(p, b)| p / b),
            recall: ratio(self.slipped + self.lost, self.adverse),
        }
    }
}

/// The track record of every rule of the set (enabled or not) over the observations; only
/// deals open at their snapshot count.
pub fn historical_precision(
    rules: &RiskRuleSet,
    observations: &[RuleObservation<'_>],
    population: &[DealRecord],
) -> Vec<RulePrecision> {
    let mut by_day: BTreeMap<NaiveDate, Vec<&RuleObservation<'_>>> = BTreeMap::new();
    for o in observations.iter().filter(|o| o.deal.is_open()) {
        by_day.entry(o.deal.as_of()).or_default().push(o);
    }
    let mut tallies: Vec<Tally> = rules.rules.iter().map(|_| Tally::default()).collect();
    for (day, group) in by_day {
        let durations = StageDurations::fit(population, day);
        let context = RuleContext::new(rules, &durations);
        for o in group {
            for (rule, tally) in rules.rules.iter().zip(tallies.iter_mut()) {
                tally.count(o.outcome, check_rule(rule, &o.deal, &context).is_some());
            }
        }
    }
    rules
        .rules
        .iter()
        .zip(tallies)
        .map(|(rule, t)| t.finish(rule))
        .collect()
}

/// The (rule id, precision) pairs of the rules that flagged anything, for
/// [`RuleContext::with_precision`].
pub fn precision_by_rule(records: &[RulePrecision]) -> Vec<(String, f64)> {
    records
        .iter()
        .filter_map(|r| r.precision.map(|p| (r.rule_id.clone(), p)))
        .collect()
}
