//! Deal risk rules as data: a versioned rule set (shipped as `analytics/config/risk_rules.json`,
//! parsed by the caller with serde) whose thresholds a revenue team can edit, and their
//! evaluation on a deal as of a day. Each hit carries its evidence and, when the caller supplies
//! it, the rule's historical precision (see [`super::rule_precision`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Deserialize;

use super::ForecastError;
use super::deal::SalesStage;
use super::flags::ClosePush;
use super::record::DealAsOf;
use super::slippage::close_date_pushes;
use super::stage_time::{StageAge, StageDurations, StageNorm, stage_age};

/// A versioned set of rules.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskRuleSet {
    /// Version of the rule set; bump it whenever a rule or threshold changes.
    pub version: String,
    /// The rules, in report order.
    pub rules: Vec<RiskRule>,
}

/// One rule: an id, a description for humans, a switch, and its check with thresholds.
/// Unknown kinds and unknown threshold names are refused; other extra keys on a rule are
/// ignored (serde cannot refuse them next to a flattened field).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RiskRule {
    /// Stable id, unique in the set.
    pub id: String,
    /// What the rule means, for humans.
    pub description: String,
    /// Disabled rules are not evaluated on live deals (their precision is still measured).
    pub enabled: bool,
    /// What is checked (`kind`) and its `thresholds`.
    #[serde(flatten)]
    pub check: RiskCheck,
}

/// The checks a rule can run, with their thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(
    tag = "kind",
    content = "thresholds",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum RiskCheck {
    /// No touchpoint in more than `days` days.
    NoActivity {
        /// Days of silence allowed.
        days: i64,
    },
    /// At most `max_contacts` distinct buyer contacts engaged in the last `window_days`.
    SingleThreaded {
        /// Largest contact count that still counts as single-threaded.
        max_contacts: usize,
        /// Look-back window in days.
        window_days: i64,
    },
    /// No exec sponsor or economic buyer in any touchpoint of the last `days` days.
    NoExecutiveEngagement {
        /// Look-back window in days.
        days: i64,
    },
    /// Close date pushed at least `min_pushes` times.
    ClosePushed {
        /// Pushes that trigger the rule.
        min_pushes: usize,
    },
    /// In the current stage longer than the `quantile` of that stage's past stays.
    StalledInStage {
        /// Quantile of past stays (0.75 = P75).
        quantile: f64,
        /// Past stays a stage needs before it is judged.
        min_samples: usize,
    },
    /// At or beyond `from_stage` and pricing never came up in a touchpoint.
    PricingNotDiscussed {
        /// First stage at which pricing should have come up.
        from_stage: SalesStage,
    },
}

impl RiskRuleSet {
    /// Checks ids are unique and thresholds are in range.
    pub fn validate(&self) -> Result<(), ForecastError> {
        let mut seen = BTreeSet::new();
        for rule in &self.rules {
            if !seen.insert(rule.id.as_str()) {
                return Err(ForecastError::DuplicateRuleId(rule.id.clone()));
            }
            if let Some(reason) = threshold_problem(&rule.check) {
                return Err(ForecastError::InvalidThreshold {
                    rule_id: rule.id.clone(),
                    reason: reason.to_string(),
                });
            }
        }
        Ok(())
    }
}

fn threshold_problem(check: &RiskCheck) -> Option<&'static str> {
    match *check {
        RiskCheck::NoActivity { days } | RiskCheck::NoExecutiveEngagement { days } => {
            (days < 0).then_some("days must not be negative")
        }
        RiskCheck::SingleThreaded { window_days, .. } => {
            (window_days <= 0).then_some("window_days must be positive")
        }
        RiskCheck::ClosePushed { min_pushes } => {
            (min_pushes == 0).then_some("min_pushes must be at least 1")
        }
        RiskCheck::StalledInStage { quantile, .. } => {
            let inside = quantile > 0.0 && quantile < 1.0;
            (!inside).then_some("quantile must be inside (0, 1)")
        }
        RiskCheck::PricingNotDiscussed { from_stage } => {
            (!from_stage.is_open()).then_some("from_stage must be an open stage")
        }
    }
}

/// Why a rule fired, with the numbers behind it.
#[derive(Debug, Clone, PartialEq)]
pub enum RiskEvidence {
    /// Silent too long.
    NoActivity {
        /// Last touchpoint, if any.
        last_touch_on: Option<NaiveDate>,
        /// Days since it (since creation when there was none).
        days_silent: i64,
    },
    /// Too few people engaged.
    SingleThreaded {
        /// The contacts engaged in the window, sorted.
        engaged_contacts: Vec<String>,
    },
    /// No executive in the room lately.
    NoExecutiveEngagement {
        /// Last touchpoint with an exec sponsor or economic buyer, if any.
        last_engaged_on: Option<NaiveDate>,
        /// Exec sponsors and economic buyers named on the deal.
        executives_named: usize,
    },
    /// Pushed too often.
    ClosePushed {
        /// Every push so far.
        pushes: Vec<ClosePush>,
    },
    /// Stuck in the stage.
    Stalled(StageAge),
    /// Late stage without a pricing conversation.
    PricingNotDiscussed {
        /// The stage.
        stage: SalesStage,
    },
}

/// A rule that fired on a deal.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskHit {
    /// The rule.
    pub rule_id: String,
    /// Evidence.
    pub evidence: RiskEvidence,
    /// Share of past deals the rule flagged that then slipped or were lost, when known.
    pub historical_precision: Option<f64>,
}

/// What rule evaluation needs besides the deal: stage norms and, optionally, each rule's
/// historical precision.
#[derive(Debug, Clone)]
pub struct RuleContext<'a> {
    durations: &'a StageDurations,
    norms: BTreeMap<String, StageNorm>,
    precision: BTreeMap<String, f64>,
}

impl<'a> RuleContext<'a> {
    /// Prepares the stage norms each stall rule needs from `durations`.
    pub fn new(rules: &RiskRuleSet, durations: &'a StageDurations) -> Self {
        let norms = rules
            .rules
            .iter()
            .filter_map(|r| match r.check {
                RiskCheck::StalledInStage {
                    quantile,
                    min_samples,
                } => Some((
                    r.id.clone(),
                    StageNorm::new(durations, quantile, min_samples),
                )),
                _ => None,
            })
            .collect();
        Self {
            durations,
            norms,
            precision: BTreeMap::new(),
        }
    }

    /// Attaches historical precision per rule id to future hits.
    pub fn with_precision(mut self, precision: impl IntoIterator<Item = (String, f64)>) -> Self {
        self.precision = precision.into_iter().collect();
        self
    }
}

/// Runs one rule on a deal (open deals only); `Some` with the evidence when it fires.
pub fn check_rule(
    rule: &RiskRule,
    deal: &DealAsOf<'_>,
    context: &RuleContext<'_>,
) -> Option<RiskEvidence> {
    let stage = deal.stage().filter(|s| s.is_open())?;
    match rule.check {
        RiskCheck::NoActivity { days } => super::rule_checks::no_activity(deal, days),
        RiskCheck::SingleThreaded {
            max_contacts,
            window_days,
        } => super::rule_checks::single_threaded(deal, max_contacts, window_days),
        RiskCheck::NoExecutiveEngagement { days } => super::rule_checks::no_executive(deal, days),
        RiskCheck::ClosePushed { min_pushes } => {
            let pushes = close_date_pushes(deal);
            (pushes.len() >= min_pushes).then_some(RiskEvidence::ClosePushed { pushes })
        }
        RiskCheck::StalledInStage { .. } => {
            let norm = context.norms.get(&rule.id)?;
            let age = stage_age(deal, context.durations, norm)?;
            age.beyond_norm().then_some(RiskEvidence::Stalled(age))
        }
        RiskCheck::PricingNotDiscussed { from_stage } => {
            let late = stage.order() >= from_stage.order();
            let discussed = deal.touchpoints().iter().any(|t| t.mentions_pricing);
            (late && !discussed).then_some(RiskEvidence::PricingNotDiscussed { stage })
        }
    }
}

/// Runs every enabled rule on a deal, in rule-set order.
pub fn evaluate(
    rules: &RiskRuleSet,
    deal: &DealAsOf<'_>,
    context: &RuleContext<'_>,
) -> Vec<RiskHit> {
    rules
        .rules
        .iter()
        .filter(|r| r.enabled)
        .filter_map(|r| {
            check_rule(r, deal, context).map(|evidence| RiskHit {
                rule_id: r.id.clone(),
                evidence,
                historical_precision: context.precision.get(&r.id).copied(),
            })
        })
        .collect()
}
