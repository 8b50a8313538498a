//! The renewal outcome model: the latent health of a customer over one contract term (usage
//! trajectory, seat utilisation, ticket sentiment, executive engagement, a courting competitor)
//! and the logit that turns it into a churn probability at the renewal date.
//!
//! The same latent health drives the observable signals — weekly usage, ticket volume and
//! sentiment, QBR attendance, competitor mentions — so churn models can recover it.

use rand::Rng;
use revpulse_graph::model::Segment;

use super::catalog::{RIVALS, rival_weights};
use super::rng::{DemoRng, chance, sigmoid, weighted_index};
use super::truth::{Cause, HealthDriversTruth, RankedCause, UsageTrend};
use super::win_model::{Term, rank};

/// Human-readable form of the model, for the ground truth's model card.
pub(crate) const CHURN_FORMULA: &str = "logit(churn) = -1.9 + 1.8*(usage_decline - 0.2) \
    - 0.9*(usage_growth - 0.25) + 0.8*(low_seat_utilisation - 0.15) \
    + 1.0*(negative_ticket_sentiment - 0.3) + 0.9*(no_exec_engagement - 0.4) \
    + (competitor_pull - 0.1)";

/// The latent health of one customer term and the renewal outcome it led to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermHealth {
    pub trend: UsageTrend,
    pub util_start: f64,
    pub util_end: f64,
    pub negative_tickets: bool,
    pub exec_engaged: bool,
    pub competitor: Option<usize>,
    pub churn_probability: f64,
    pub churns: bool,
}

/// Draws the health of a term for a customer of `segment` buying product line `line`.
pub(crate) fn sample_health(rng: &mut DemoRng, segment: Segment, line: usize) -> TermHealth {
    let roll: f64 = rng.random();
    let trend = if roll < 0.2 {
        UsageTrend::Decline
    } else if roll < 0.45 {
        UsageTrend::Growth
    } else {
        UsageTrend::Stable
    };
    let low_start = chance(rng, 0.15);
    let util_start: f64 = if low_start {
        rng.random_range(0.28..0.48)
    } else {
        rng.random_range(0.55..0.85)
    };
    let util_end = match trend {
        UsageTrend::Decline => (util_start * rng.random_range(0.35..0.6)).max(0.1),
        UsageTrend::Stable => (util_start + rng.random_range(-0.05..0.05)).clamp(0.2, 0.95),
        UsageTrend::Growth => rng.random_range(0.92..1.0),
    };
    let decline = trend == UsageTrend::Decline;
    let negative_tickets = chance(rng, 0.18 + if decline { 0.4 } else { 0.0 });
    let seg = super::org::segment_index(segment);
    let exec_engaged = chance(
        rng,
        [0.45, 0.6, 0.72][seg] - if decline { 0.15 } else { 0.0 },
    );
    let competitor = if chance(rng, 0.08 + if decline { 0.2 } else { 0.0 }) {
        Some(weighted_index(rng, &rival_weights(segment, line)))
    } else {
        None
    };
    let mut health = TermHealth {
        trend,
        util_start,
        util_end,
        negative_tickets,
        exec_engaged,
        competitor,
        churn_probability: 0.0,
        churns: false,
    };
    health.churn_probability = churn_probability(&health);
    health.churns = chance(rng, health.churn_probability);
    health
}

fn flag(b: bool) -> f64 {
    f64::from(u8::from(b))
}

/// Every centred term of the churn logit (positive = toward churn).
pub(crate) fn terms(h: &TermHealth) -> Vec<Term> {
    let t = |cause, value, explanation: &str| Term {
        cause: Some(cause),
        value,
        explanation: explanation.to_string(),
    };
    let mut out = Vec::new();
    let decline = 1.8 * (flag(h.trend == UsageTrend::Decline) - 0.2);
    out.push(if h.trend == UsageTrend::Decline {
        t(
            Cause::UsageDecline,
            decline,
            "active users fell through the term",
        )
    } else {
        Term {
            cause: None,
            value: decline,
            explanation: String::new(),
        }
    });
    let growth = -0.9 * (flag(h.trend == UsageTrend::Growth) - 0.25);
    out.push(if h.trend == UsageTrend::Growth {
        t(
            Cause::UsageGrowth,
            growth,
            "usage grew toward the seat limit",
        )
    } else {
        Term {
            cause: None,
            value: growth,
            explanation: String::new(),
        }
    });
    let low = h.util_start < 0.5;
    let low_value = 0.8 * (flag(low) - 0.15);
    out.push(if low {
        t(
            Cause::LowSeatUtilisation,
            low_value,
            "most licensed seats were never used",
        )
    } else {
        Term {
            cause: None,
            value: low_value,
            explanation: String::new(),
        }
    });
    let tickets = 1.0 * (flag(h.negative_tickets) - 0.3);
    out.push(if h.negative_tickets {
        t(
            Cause::NegativeTicketSentiment,
            tickets,
            "support tickets were frequent and negative",
        )
    } else {
        Term {
            cause: None,
            value: tickets,
            explanation: String::new(),
        }
    });
    let exec = 0.9 * (flag(!h.exec_engaged) - 0.4);
    out.push(if h.exec_engaged {
        t(
            Cause::ExecEngagement,
            exec,
            "customer executives stayed engaged",
        )
    } else {
        t(
            Cause::NoExecEngagement,
            exec,
            "no executive engagement with the customer",
        )
    });
    out.push(match h.competitor {
        Some(c) => Term {
            cause: Some(Cause::CompetitorDisplacement {
                competitor: RIVALS[c].name.to_string(),
            }),
            value: RIVALS[c].churn_pull - 0.1,
            explanation: format!("{} courted the customer", RIVALS[c].name),
        },
        None => Term {
            cause: None,
            value: -0.1,
            explanation: String::new(),
        },
    });
    out
}

/// The true churn probability of a term.
pub(crate) fn churn_probability(h: &TermHealth) -> f64 {
    sigmoid(-1.9 + terms(h).iter().map(|t| t.value).sum::<f64>())
}

/// Causes of the renewal outcome (toward churn when it churned or for pending risk; toward
/// renewal when it renewed).
pub(crate) fn ranked_causes(h: &TermHealth, toward_churn: bool) -> Vec<RankedCause> {
    rank(terms(h), if toward_churn { 1.0 } else { -1.0 })
}

/// The health as ground truth.
pub(crate) fn health_truth(h: &TermHealth) -> HealthDriversTruth {
    HealthDriversTruth {
        usage_trend: h.trend,
        seat_utilisation_start: (h.util_start * 1000.0).round() / 1000.0,
        seat_utilisation_end: (h.util_end * 1000.0).round() / 1000.0,
        negative_ticket_sentiment: h.negative_tickets,
        exec_engaged: h.exec_engaged,
        competitor: h.competitor.map(|c| RIVALS[c].name.to_string()),
    }
}
