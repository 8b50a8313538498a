//! A deal's risk reasons, merged from the two sources that explain it: the model's drivers
//! pulling its probability down (TreeSHAP, strongest first) and the risk rules that fire on it
//! (rule-set order). Actionable model drivers come first, then rule hits of kinds not yet named,
//! then the model's context (deal type, segment…); one reason per kind.

use chrono::NaiveDate;
use revpulse_analytics::forecast::risk_rules::{RiskCheck, RiskEvidence, RiskHit, RiskRuleSet};
use revpulse_analytics::win_probability::{DealFeatures, Driver, FeatureId};

use super::actions;
use super::deal_book::DealEntry;
use super::live::OpenDeal;
use super::risk_words::RiskDriver;

/// Where a reason comes from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ReasonOrigin {
    /// A model driver.
    Model(FeatureId),
    /// A risk rule, by id.
    Rule(String),
}

/// One reason a deal may not close.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RiskReason {
    /// What and how much.
    pub driver: RiskDriver,
    /// Which driver or rule said so.
    pub origin: ReasonOrigin,
}

impl RiskReason {
    /// The id of the driver or flag it stands for: the rule id, or the model feature's key.
    pub fn addresses(&self) -> String {
        match &self.origin {
            ReasonOrigin::Model(feature) => feature.key().to_owned(),
            ReasonOrigin::Rule(id) => id.clone(),
        }
    }
}

/// Everything the reasons of one deal are read from.
pub(crate) struct ReasonInputs<'a> {
    /// The deal's records.
    pub deal: &'a DealEntry,
    /// Its state today.
    pub open: &'a OpenDeal,
    /// The rule set that produced the hits.
    pub rules: &'a RiskRuleSet,
    /// Today.
    pub today: NaiveDate,
    /// The competitor's catalogue name, when one is known.
    pub competitor: Option<String>,
}

/// The deal's reasons, most important first, one per kind.
pub(crate) fn reasons(inputs: &ReasonInputs<'_>) -> Vec<RiskReason> {
    let model: Vec<RiskReason> = match (&inputs.open.score, &inputs.open.features) {
        (Some(score), Some(features)) => score
            .drivers_down
            .iter()
            .map(|d| RiskReason {
                driver: from_model(d, features, inputs),
                origin: ReasonOrigin::Model(d.feature),
            })
            .collect(),
        _ => Vec::new(),
    };
    let rules = rule_reasons(inputs);
    let (actionable, context): (Vec<_>, Vec<_>) = model
        .into_iter()
        .partition(|r| actions::action_for(&r.driver).is_some());
    let mut out: Vec<RiskReason> = Vec::new();
    for reason in actionable.into_iter().chain(rules).chain(context) {
        if !out.iter().any(|r| r.driver.same_kind(&reason.driver)) {
            out.push(reason);
        }
    }
    out
}

/// Every rule hit on the deal in words, in rule-set order (none left out).
pub(crate) fn rule_reasons(inputs: &ReasonInputs<'_>) -> Vec<RiskReason> {
    inputs
        .open
        .hits
        .iter()
        .filter_map(|h| {
            from_rule(h, inputs).map(|driver| RiskReason {
                driver,
                origin: ReasonOrigin::Rule(h.rule_id.clone()),
            })
        })
        .collect()
}

fn whole(days: f64) -> i64 {
    days.floor() as i64
}

fn executives_named(deal: &DealEntry) -> usize {
    deal.record
        .contacts
        .iter()
        .filter(|c| c.role.is_some_and(|r| r.is_executive()))
        .count()
}

/// The words for one model driver, from the deal's feature values.
fn from_model(driver: &Driver, f: &DealFeatures, inputs: &ReasonInputs<'_>) -> RiskDriver {
    let profile = || RiskDriver::Profile {
        label: driver.label,
        value: driver.value.clone(),
    };
    match driver.feature {
        FeatureId::Stage => RiskDriver::EarlyStage {
            stage: f.stage.as_str(),
        },
        FeatureId::ForecastCall => RiskDriver::ForecastCall {
            call: f.forecast_call.as_str(),
        },
        FeatureId::AgeDays => RiskDriver::LongCycle {
            days: whole(f.age_days),
        },
        FeatureId::DaysInStage => RiskDriver::StalledInStage {
            stage: f.stage.as_str(),
            days: whole(f.days_in_stage),
            norm: None,
        },
        FeatureId::DaysToExpectedClose => match f.days_to_expected_close {
            Some(d) if d < 0.0 => RiskDriver::CloseDateOverdue { days: whole(-d) },
            Some(d) => RiskDriver::CloseDateFar { days: whole(d) },
            None => profile(),
        },
        FeatureId::AmountVsSegmentNorm => {
            f.amount_vs_segment_norm
                .map_or_else(profile, |r| RiskDriver::AmountVsNorm {
                    hundredths: (r * 100.0).round() as i64,
                })
        }
        FeatureId::AmountVsInitial => {
            f.amount_vs_initial
                .map_or_else(profile, |r| RiskDriver::AmountChanged {
                    percent: ((r - 1.0) * 100.0).round() as i64,
                })
        }
        FeatureId::CloseDatePushes => RiskDriver::ClosePushed {
            pushes: f.close_date_pushes as usize,
        },
        FeatureId::StageRegressions => RiskDriver::StageRegressed {
            times: f.stage_regressions,
        },
        FeatureId::DaysSinceLastActivity => RiskDriver::NoRecentActivity {
            days: f.days_since_last_activity.map(whole),
        },
        FeatureId::DaysSinceExecSponsorEngaged => RiskDriver::NoExecutiveEngagement {
            days: f.days_since_exec_sponsor_engaged.map(whole),
            executives_named: executives_named(inputs.deal),
        },
        FeatureId::EngagedContacts => RiskDriver::SingleThreaded {
            contacts: f.engaged_contacts as usize,
            window_days: None,
        },
        FeatureId::CompetitorPresent if f.competitor_present => RiskDriver::CompetitorPresent {
            competitor: inputs.competitor.clone(),
        },
        FeatureId::PricingPressureMentions if f.pricing_pressure_mentions > 0 => {
            RiskDriver::PricingPressure {
                mentions: f.pricing_pressure_mentions,
            }
        }
        FeatureId::OwnerWinRate => RiskDriver::OwnerTrackRecord {
            win_rate_percent: f.owner_win_rate.map(|r| (r * 100.0).round() as i64),
        },
        FeatureId::DealType
        | FeatureId::Segment
        | FeatureId::CompetitorPresent
        | FeatureId::PricingPressureMentions
        | FeatureId::CampaignSourced
        | FeatureId::RecentCallSentiment => profile(),
    }
}

/// The words for one rule hit, from its evidence.
fn from_rule(hit: &RiskHit, inputs: &ReasonInputs<'_>) -> Option<RiskDriver> {
    let check = inputs
        .rules
        .rules
        .iter()
        .find(|r| r.id == hit.rule_id)?
        .check;
    Some(match &hit.evidence {
        RiskEvidence::NoActivity {
            last_touch_on,
            days_silent,
        } => RiskDriver::NoRecentActivity {
            days: last_touch_on.map(|_| *days_silent),
        },
        RiskEvidence::SingleThreaded { engaged_contacts } => RiskDriver::SingleThreaded {
            contacts: engaged_contacts.len(),
            window_days: match check {
                RiskCheck::SingleThreaded { window_days, .. } => Some(window_days),
                _ => None,
            },
        },
        RiskEvidence::NoExecutiveEngagement {
            last_engaged_on,
            executives_named,
        } => RiskDriver::NoExecutiveEngagement {
            days: last_engaged_on.map(|d| (inputs.today - d).num_days()),
            executives_named: *executives_named,
        },
        RiskEvidence::ClosePushed { pushes } => RiskDriver::ClosePushed {
            pushes: pushes.len(),
        },
        RiskEvidence::Stalled(age) => RiskDriver::StalledInStage {
            stage: age.stage.as_str(),
            days: age.days,
            norm: Some((
                (age.quantile * 100.0).round() as i64,
                age.norm_days.round() as i64,
            )),
        },
        RiskEvidence::PricingNotDiscussed { stage } => RiskDriver::PricingNotDiscussed {
            stage: stage.as_str(),
        },
    })
}
