//! Weekly product usage of every customer: licensed seats from the contracts in force, active
//! users following the term's latent trajectory (steady, growing toward the seat limit, or
//! declining in the months before renewal), and product events per active user.

use chrono::{Datelike, NaiveDate};
use rand::Rng;
use revpulse_graph::model::UsageSnapshot;

use super::account_plan::{AccountPlan, TermPlan};
use super::calendar::{Calendar, add_days, days_between, week_monday};
use super::rng::{DemoRng, Stream, lognormal, normal, stream};
use super::truth::UsageTrend;

/// Seat utilisation planned for a term at `progress` (0 at start, 1 at the renewal date).
pub(crate) fn planned_utilisation(term: &TermPlan, decline_from: f64, progress: f64) -> f64 {
    let h = &term.health;
    let p = progress.clamp(0.0, 1.0);
    match h.trend {
        UsageTrend::Stable => h.util_start + (h.util_end - h.util_start) * p,
        UsageTrend::Growth => h.util_start + (h.util_end - h.util_start) * p.powf(0.8),
        UsageTrend::Decline => {
            if p < decline_from {
                h.util_start
            } else {
                let q = (p - decline_from) / (1.0 - decline_from);
                h.util_start + (h.util_end - h.util_start) * q
            }
        }
    }
}

/// Where a declining term starts to decline (share of the term), stable per term.
fn decline_start(rng: &mut DemoRng) -> f64 {
    rng.random_range(0.4..0.6)
}

/// Weekly snapshots of one account, for complete weeks up to today.
pub(crate) fn account_usage(
    seed: u64,
    calendar: &Calendar,
    account_id: &str,
    account_index: usize,
    plan: &AccountPlan,
) -> Vec<UsageSnapshot> {
    let mut rng = stream(seed, Stream::Customer, (1u64 << 40) | account_index as u64);
    let mut out = Vec::new();
    let Some(first) = plan.contracts.iter().map(|c| c.start).min() else {
        return out;
    };
    let decline: Vec<f64> = plan.terms.iter().map(|_| decline_start(&mut rng)).collect();
    let per_user = lognormal(&mut rng, 35.0, 0.3);
    let mut week = week_monday(first.max(calendar.start));
    if week < calendar.start {
        week = add_days(week, 7);
    }
    while add_days(week, 6) < calendar.today {
        let week_end = add_days(week, 6);
        let seats: i64 = plan
            .contracts
            .iter()
            .filter(|c| c.start <= week_end && c.end >= week)
            .map(|c| c.seats)
            .sum();
        let term = plan
            .terms
            .iter()
            .enumerate()
            .rev()
            .find(|(_, t)| t.start <= week_end && t.end >= week);
        if let (true, Some((t, term))) = (seats > 0, term) {
            let len = days_between(term.start, term.end).max(1) as f64;
            let progress = days_between(term.start, week) as f64 / len;
            let mut util =
                planned_utilisation(term, decline[t], progress) * (1.0 + 0.04 * normal(&mut rng));
            if holiday(week) {
                util *= 0.7;
            }
            let active = ((seats as f64 * util).round() as i64).clamp(0, seats);
            let events = (active as f64 * per_user * (1.0 + 0.12 * normal(&mut rng)))
                .round()
                .max(0.0) as i64;
            out.push(UsageSnapshot {
                account_id: account_id.to_string(),
                week_start: week,
                active_users: active,
                licensed_seats: seats,
                events,
            });
        }
        week = add_days(week, 7);
    }
    out
}

/// Late-December weeks, when usage dips.
fn holiday(week: NaiveDate) -> bool {
    week.month() == 12 && week.day() >= 22
}
