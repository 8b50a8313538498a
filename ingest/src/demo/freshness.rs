//! Makes "today" feel live whatever the seed: plants deals won and lost today and yesterday, and
//! close-date pushes in the last few days, by moving planned future outcomes of open deals
//! forward (the outcome stays the one the model drew; only its date moves).

use rand::Rng;

use super::account_plan::{AccountPlan, book_late_win};
use super::accounts::AccountProfile;
use super::calendar::{Calendar, add_days};
use super::deal_plan::{DealKind, rebuild_timeline};
use super::org::RepProfile;
use super::rng::{Stream, stream};

/// Plants the fresh events into the account plans.
pub(crate) fn plant(
    seed: u64,
    calendar: &Calendar,
    accounts: &[AccountProfile],
    reps: &[RepProfile],
    plans: &mut [AccountPlan],
) {
    let mut rng = stream(seed, Stream::Freshness, 0);
    let today = calendar.today;
    let total: usize = plans.iter().map(|p| p.deals.len()).sum();
    let per_kind = ((total as f64 / 1500.0).round() as usize).max(1);
    let yesterday = add_days(today, -1);
    let targets = [
        (true, today, "won_today"),
        (true, yesterday, "won_yesterday"),
        (false, today, "lost_today"),
        (false, yesterday, "lost_yesterday"),
    ];
    for (won, date, label) in targets {
        // Deals that will close this way soon anyway, nearest first.
        let mut candidates: Vec<(chrono::NaiveDate, usize, usize)> = plans
            .iter()
            .enumerate()
            .flat_map(|(a, p)| p.deals.iter().map(move |d| (a, d)))
            .filter(|(_, d)| {
                d.kind != DealKind::Renewal
                    && d.won == won
                    && d.close > today
                    && d.planted.is_none()
                    && d.created_at.date_naive() <= add_days(today, -5)
            })
            .map(|(a, d)| (d.close, a, d.local))
            .collect();
        candidates.sort_unstable();
        candidates.truncate(per_kind * 4);
        for _ in 0..per_kind {
            if candidates.is_empty() {
                break;
            }
            let (_, a, local) = candidates.swap_remove(rng.random_range(0..candidates.len()));
            let plan = &mut plans[a];
            let deal = &mut plan.deals[local];
            deal.close = date;
            deal.planted = Some(label);
            let rep = &reps[deal.rep];
            rebuild_timeline(seed, calendar, rep, deal);
            if won {
                book_late_win(plan, local, &mut rng, accounts[a].segment);
            }
        }
    }
    let mut open: Vec<(usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(a, p)| p.deals.iter().map(move |d| (a, d)))
        .filter(|(_, d)| {
            d.kind != DealKind::Renewal
                && d.close > add_days(today, 30)
                && d.planted.is_none()
                && d.created_at.date_naive() <= add_days(today, -14)
        })
        .map(|(a, d)| (a, d.local))
        .collect();
    for _ in 0..per_kind {
        if open.is_empty() {
            break;
        }
        let (a, local) = open.swap_remove(rng.random_range(0..open.len()));
        let deal = &mut plans[a].deals[local];
        deal.forced_push = Some(add_days(today, -rng.random_range(0..=5)));
        deal.planted = Some("pushed_recently");
        let rep = &reps[deal.rep];
        rebuild_timeline(seed, calendar, rep, deal);
    }
}
