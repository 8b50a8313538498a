//! Support tickets of every customer: volume, priority and sentiment follow the term's latent
//! health (negative terms raise more, angrier tickets, later in the term), and their topics
//! carry the frustration, usage decline, renewal risk and competitor talk that churn models
//! should pick up.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use revpulse_graph::model::{Contact, Segment, TicketPriority};

use super::account_plan::AccountPlan;
use super::accounts::AccountProfile;
use super::calendar::{Calendar, at_minute, days_between, work_minute};
use super::rng::{
    DemoRng, Stream, chance, key, lognormal, normal, poisson, stream, weighted_index,
};
use super::text::Topic;
use super::truth::UsageTrend;

/// One planned ticket, before its text is written.
#[derive(Debug, Clone)]
pub(crate) struct TicketPlan {
    pub account: usize,
    pub contact: usize,
    pub agent: usize,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub priority: TicketPriority,
    pub sentiment: f64,
    pub topics: Vec<Topic>,
    pub competitor: Option<usize>,
    pub comment_count: usize,
    pub line: usize,
    pub text_key: u64,
}

fn per_year(segment: Segment) -> f64 {
    match segment {
        Segment::Smb => 2.5,
        Segment::MidMarket => 4.5,
        Segment::Enterprise => 7.0,
    }
}

const NEUTRAL: [Topic; 2] = [Topic::Integration, Topic::Implementation];

/// Plans the tickets of one account up to today.
pub(crate) fn plan_tickets(
    seed: u64,
    calendar: &Calendar,
    account: &AccountProfile,
    plan: &AccountPlan,
    contacts: &[Contact],
    out: &mut Vec<TicketPlan>,
) {
    let mut rng = stream(seed, Stream::Customer, (2u64 << 40) | account.index as u64);
    let raisers: Vec<usize> = account
        .contacts
        .clone()
        .filter(|c| {
            !matches!(
                contacts[*c].persona.as_str(),
                "executive" | "procurement" | "finance"
            )
        })
        .collect();
    let raisers = if raisers.is_empty() {
        account.contacts.clone().collect()
    } else {
        raisers
    };
    let end_of_today = at_minute(calendar.today, 1439);
    let mut n = 0u64;
    for term in &plan.terms {
        let from = term.start.max(calendar.start);
        let to = term.end.min(calendar.today);
        if to <= from {
            continue;
        }
        let h = &term.health;
        let years = days_between(from, to) as f64 / 365.0;
        let factor = if h.negative_tickets { 2.0 } else { 1.0 }
            * if h.trend == UsageTrend::Decline {
                1.3
            } else {
                1.0
            };
        let count = poisson(&mut rng, per_year(account.segment) * factor * years);
        let line = term
            .contracts
            .first()
            .map_or(0, |c| plan.contracts[*c].line);
        let term_days = days_between(term.start, term.end).max(1) as f64;
        for _ in 0..count {
            // Negative terms get more tickets late in the term.
            let u: f64 = rng.random();
            let u = if h.negative_tickets { u.powf(0.6) } else { u };
            let start_offset = days_between(term.start, from) as f64;
            let end_offset = days_between(term.start, to) as f64;
            let offset = start_offset + u * (end_offset - start_offset);
            let day = super::calendar::add_days(term.start, offset as i64);
            let opened_at = at_minute(day, work_minute(&mut rng));
            let progress = offset / term_days;
            let negative = h.negative_tickets && chance(&mut rng, 0.75);
            let sentiment = if negative {
                -0.45 + 0.25 * normal(&mut rng)
            } else {
                0.1 + 0.3 * normal(&mut rng)
            };
            let priority = if negative {
                [
                    TicketPriority::Low,
                    TicketPriority::Normal,
                    TicketPriority::High,
                    TicketPriority::Urgent,
                ][weighted_index(&mut rng, &[0.1, 0.4, 0.35, 0.15])]
            } else {
                [
                    TicketPriority::Low,
                    TicketPriority::Normal,
                    TicketPriority::High,
                    TicketPriority::Urgent,
                ][weighted_index(&mut rng, &[0.3, 0.5, 0.15, 0.05])]
            };
            let mut topics = Vec::new();
            if negative {
                topics.push(Topic::SupportFrustration);
                if h.trend == UsageTrend::Decline && progress > 0.4 && chance(&mut rng, 0.6) {
                    topics.push(Topic::UsageDecline);
                }
                if progress > 0.6 && h.churn_probability > 0.35 && chance(&mut rng, 0.5) {
                    topics.push(Topic::RenewalRisk);
                }
            } else {
                topics.push(NEUTRAL[rng.random_range(0..NEUTRAL.len())]);
                if h.trend == UsageTrend::Growth && chance(&mut rng, 0.2) {
                    topics.push(Topic::ExpansionInterest);
                }
            }
            let competitor = h
                .competitor
                .filter(|_| progress > 0.5 && chance(&mut rng, 0.35));
            if competitor.is_some() {
                topics.push(Topic::Displacement);
            }
            let hours = lognormal(&mut rng, 20.0, 1.0)
                * match priority {
                    TicketPriority::Urgent => 0.2,
                    TicketPriority::High => 0.5,
                    TicketPriority::Normal => 1.0,
                    TicketPriority::Low => 2.0,
                };
            let closed = opened_at + Duration::minutes((hours * 60.0) as i64 + 10);
            n += 1;
            out.push(TicketPlan {
                account: account.index,
                contact: raisers[rng.random_range(0..raisers.len())],
                agent: account.csm,
                opened_at,
                closed_at: (closed <= end_of_today).then_some(closed),
                priority,
                sentiment: (sentiment.clamp(-1.0, 1.0) * 100.0).round() / 100.0,
                topics,
                competitor,
                comment_count: rng.random_range(2..=6),
                line,
                text_key: key(&[account.index as u64, 3, n]),
            });
        }
    }
}

/// Comment instants spread between opening and closing (or now, for open tickets).
pub(crate) fn comment_times(
    rng: &mut DemoRng,
    plan: &TicketPlan,
    count: usize,
    end_of_today: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let until = plan.closed_at.unwrap_or(end_of_today).max(plan.opened_at);
    let span = (until - plan.opened_at).num_seconds().max(0) as f64;
    let mut offsets: Vec<f64> = (1..count).map(|_| rng.random::<f64>()).collect();
    offsets.sort_by(f64::total_cmp);
    let mut times = vec![plan.opened_at];
    times.extend(
        offsets
            .into_iter()
            .map(|u| plan.opened_at + Duration::seconds((span * u) as i64)),
    );
    times
}
