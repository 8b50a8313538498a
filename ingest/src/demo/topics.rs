//! Which topics a conversation covers, chosen from the deal's stage and its latent state — the
//! bridge that makes hidden causes (pricing pressure, a competitor, procurement delay, usage
//! decline…) show up in what buyers actually say.

use rand::Rng;
use revpulse_graph::model::{Segment, Stage};

use super::catalog::RIVALS;
use super::churn_model::TermHealth;
use super::rng::{DemoRng, chance};
use super::text::Topic;
use super::truth::UsageTrend;
use super::win_model::DealDrivers;

/// What the topic chooser knows about the moment of the conversation.
pub(crate) struct TopicContext<'a> {
    pub stage: Stage,
    pub segment: Segment,
    pub drivers: &'a DealDrivers,
    /// The competitor is in play at this moment.
    pub competitor_active: bool,
    /// The exec sponsor takes part.
    pub exec_present: bool,
    pub expansion: bool,
    /// Renewal deals and customer-success conversations: the term's health.
    pub health: Option<&'a TermHealth>,
    /// Days left to the renewal date (customer conversations).
    pub days_to_renewal: Option<i64>,
    /// The deal will be lost (buyers cool down before a loss).
    pub heading_to_loss: bool,
}

fn add(out: &mut Vec<Topic>, topic: Topic) {
    if !out.contains(&topic) {
        out.push(topic);
    }
}

/// Topics of a call or meeting (2–6), in conversational order.
pub(crate) fn conversation_topics(rng: &mut DemoRng, c: &TopicContext<'_>) -> Vec<Topic> {
    let d = c.drivers;
    let mut out = Vec::new();
    match c.stage {
        Stage::Prospecting | Stage::Qualification => {
            add(
                &mut out,
                if chance(rng, 0.5) {
                    Topic::Timeline
                } else {
                    Topic::Integration
                },
            );
            if d.champion_strength > 0.6 && chance(rng, 0.6) {
                add(&mut out, Topic::ValueConfirmation);
            }
        }
        Stage::Discovery => {
            add(&mut out, Topic::Integration);
            if c.segment != Segment::Smb && chance(rng, 0.4) {
                add(&mut out, Topic::SecurityReview);
            }
            if chance(rng, 0.3) {
                add(&mut out, Topic::Timeline);
            }
        }
        Stage::Proposal => {
            add(
                &mut out,
                if chance(rng, 0.5) {
                    Topic::Implementation
                } else {
                    Topic::Timeline
                },
            );
            if chance(rng, if d.pricing_pressure { 0.75 } else { 0.1 }) {
                add(&mut out, Topic::PricingObjection);
            }
        }
        // Customer-success conversations: adoption and rollout; health topics come below.
        Stage::ClosedWon => {
            if chance(rng, 0.35) {
                add(
                    &mut out,
                    if chance(rng, 0.5) {
                        Topic::Implementation
                    } else {
                        Topic::Integration
                    },
                );
            }
        }
        Stage::Negotiation | Stage::ClosedLost => {
            if d.procurement_delay && chance(rng, 0.75) {
                add(&mut out, Topic::ProcurementDelay);
            }
            if chance(rng, 0.35) {
                add(&mut out, Topic::LegalReview);
            }
            if chance(rng, if d.pricing_pressure { 0.6 } else { 0.08 }) {
                add(&mut out, Topic::PricingObjection);
            }
            if c.heading_to_loss && chance(rng, 0.25) {
                add(&mut out, Topic::BudgetFreeze);
            }
        }
    }
    if c.competitor_active
        && let Some(rival) = d.competitor.map(|r| &RIVALS[r])
    {
        if chance(rng, 0.8) {
            add(&mut out, Topic::CompetitorMention);
        }
        if d.pricing_pressure && chance(rng, 0.6) {
            add(&mut out, Topic::PricingComparison);
        }
        if rival.positioning == "features" && chance(rng, 0.55) {
            add(&mut out, Topic::FeatureGap);
        }
        if rival.positioning == "incumbent" && chance(rng, 0.5) {
            add(&mut out, Topic::Displacement);
        }
        if !out.iter().any(|t| super::activities::competitor_topic(*t)) {
            add(&mut out, Topic::CompetitorMention);
        }
    }
    if c.exec_present {
        add(&mut out, Topic::ExecAlignment);
    }
    if c.expansion && chance(rng, 0.7) {
        add(&mut out, Topic::ExpansionInterest);
    }
    if let Some(h) = c.health {
        health_topics(rng, &mut out, h, c.days_to_renewal);
    }
    if out.len() < 4 && chance(rng, 0.8) {
        add(&mut out, Topic::NextSteps);
    }
    if out.is_empty() {
        add(&mut out, Topic::NextSteps);
    }
    out.truncate(6);
    out
}

/// Topics that come from a customer's health.
fn health_topics(
    rng: &mut DemoRng,
    out: &mut Vec<Topic>,
    h: &TermHealth,
    days_to_renewal: Option<i64>,
) {
    let late = days_to_renewal.is_some_and(|d| d <= 150);
    match h.trend {
        UsageTrend::Decline if late && chance(rng, 0.75) => add(out, Topic::UsageDecline),
        UsageTrend::Growth if chance(rng, 0.6) => add(out, Topic::ExpansionInterest),
        UsageTrend::Stable | UsageTrend::Growth if chance(rng, 0.5) => {
            add(out, Topic::ValueConfirmation)
        }
        _ => {}
    }
    if h.negative_tickets && chance(rng, 0.55) {
        add(out, Topic::SupportFrustration);
    }
    if late && h.churn_probability > 0.35 && chance(rng, 0.6) {
        add(out, Topic::RenewalRisk);
    }
    if late && h.competitor.is_some() && chance(rng, 0.5) {
        add(out, Topic::Displacement);
    }
}

/// Topics of an email (1–2): the most pressing of the conversation topics.
pub(crate) fn email_topics(rng: &mut DemoRng, c: &TopicContext<'_>) -> Vec<Topic> {
    let all = conversation_topics(rng, c);
    let mut out: Vec<Topic> = all
        .iter()
        .copied()
        .filter(|t| *t != Topic::NextSteps && *t != Topic::ExecAlignment)
        .collect();
    // Emails carry competitor talk less often than calls.
    if chance(rng, 0.55) {
        out.retain(|t| {
            !matches!(
                t,
                Topic::CompetitorMention
                    | Topic::PricingComparison
                    | Topic::FeatureGap
                    | Topic::Displacement
            )
        });
    }
    let keep = rng.random_range(1..=2usize);
    out.truncate(keep);
    if out.is_empty() || chance(rng, 0.3) {
        let customer = c.stage == Stage::ClosedWon;
        add(
            &mut out,
            if customer || chance(rng, 0.5) {
                Topic::NextSteps
            } else {
                Topic::Timeline
            },
        );
    }
    out
}

/// The tone of a conversation in [-1, 1].
pub(crate) fn sentiment(rng: &mut DemoRng, c: &TopicContext<'_>) -> f64 {
    let d = c.drivers;
    let mut s = 0.15 + 0.6 * (d.champion_strength - 0.5) + 0.2 * super::rng::normal(rng);
    if c.exec_present {
        s += 0.1;
    }
    if d.pricing_pressure {
        s -= 0.15;
    }
    if c.heading_to_loss {
        s -= 0.15;
    }
    if let Some(h) = c.health {
        if h.negative_tickets {
            s -= 0.3;
        }
        if h.trend == UsageTrend::Decline {
            s -= 0.2;
        }
        if h.trend == UsageTrend::Growth {
            s += 0.2;
        }
    }
    (s.clamp(-1.0, 1.0) * 100.0).round() / 100.0
}
