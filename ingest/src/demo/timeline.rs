//! The history of one deal: stage moves (with regressions), amount revisions, close-date pushes
//! and forecast calls, laid out from creation to the planned close. The generator builds the
//! whole path, including the part after "today"; the records keep only what happened by then.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::Rng;
use revpulse_graph::model::{ForecastCategory, Stage};

use super::calendar::{
    add_days, add_months, at_minute, days_between, snap_to_workday, work_minute,
};
use super::rng::{DemoRng, chance};

/// One change: the new value of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    Stage(Stage),
    Amount(i64),
    Close(NaiveDate),
    Forecast(ForecastCategory),
}

/// A time-stamped change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Event {
    pub at: DateTime<Utc>,
    pub change: Change,
}

/// The whole planned path of a deal, in time order (ties keep insertion order); the first four
/// events are the initial values at creation.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Timeline {
    pub events: Vec<Event>,
    /// The instant it closes (won or lost), possibly after today.
    pub close_at: Option<DateTime<Utc>>,
}

/// What the timeline is built from.
pub(crate) struct TimelineInput {
    pub created_at: DateTime<Utc>,
    pub close: NaiveDate,
    pub won: bool,
    /// Furthest open stage reached (Negotiation for won deals).
    pub reach: Stage,
    pub renewal: bool,
    pub regress: bool,
    pub pricing_pressure: bool,
    pub procurement_delay: bool,
    pub amount: i64,
    /// Fraction of the true cycle the rep expects at creation.
    pub optimism: f64,
    pub commit_bias: f64,
    /// A push planted on this date (for "slipped this week" questions).
    pub forced_push: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// Typical share of the cycle elapsed when each open stage starts.
const STAGE_START: [f64; 5] = [0.0, 0.12, 0.27, 0.5, 0.72];
/// Renewals start qualified and skip discovery.
const RENEWAL_START: [f64; 3] = [0.0, 0.35, 0.65];
const RENEWAL_PATH: [Stage; 3] = [Stage::Qualification, Stage::Proposal, Stage::Negotiation];

/// The open stages a deal moves through.
fn stage_path(renewal: bool) -> &'static [Stage] {
    if renewal { &RENEWAL_PATH } else { &Stage::OPEN }
}

fn round_amount(x: f64) -> i64 {
    ((x / 100.0).round() as i64 * 100).max(100)
}

/// Last day of the month of `date` (reps like month-end close dates).
fn month_end(date: NaiveDate) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(date.year(), date.month(), 1).unwrap_or(date);
    add_days(add_months(first, 1), -1)
}

fn forecast_for(
    rng: &mut DemoRng,
    stage: Stage,
    risky: bool,
    commit_bias: f64,
) -> ForecastCategory {
    match stage {
        Stage::Prospecting | Stage::Qualification => ForecastCategory::Pipeline,
        Stage::Discovery => {
            if chance(rng, 0.2) {
                ForecastCategory::BestCase
            } else {
                ForecastCategory::Pipeline
            }
        }
        Stage::Proposal => {
            if chance(rng, 0.12) {
                ForecastCategory::Commit
            } else {
                ForecastCategory::BestCase
            }
        }
        Stage::Negotiation => {
            if chance(rng, commit_bias - if risky { 0.25 } else { 0.0 }) {
                ForecastCategory::Commit
            } else {
                ForecastCategory::BestCase
            }
        }
        Stage::ClosedWon => ForecastCategory::Closed,
        Stage::ClosedLost => ForecastCategory::Omitted,
    }
}

/// Builds the full planned timeline of a deal.
pub(crate) fn build(rng: &mut DemoRng, input: &TimelineInput) -> Timeline {
    let created = input.created_at;
    let mut close_at = at_minute(input.close, work_minute(rng));
    if close_at <= created {
        close_at = created + Duration::minutes(rng.random_range(30..240));
    }
    let total = (close_at - created).num_seconds().max(60) as f64;
    let at_frac = |f: f64| created + Duration::seconds((total * f) as i64);
    let path = stage_path(input.renewal);
    let reach = path
        .iter()
        .position(|s| *s == input.reach)
        .unwrap_or(path.len() - 1);

    // Stage entry times.
    let starts = if input.renewal {
        &RENEWAL_START[..]
    } else {
        &STAGE_START[..]
    };
    let scale = if input.won {
        1.0
    } else {
        0.85 / starts[reach.max(1).min(starts.len() - 1)].max(0.12)
    };
    let mut fracs = Vec::with_capacity(reach + 1);
    let mut last = 0.0f64;
    for (k, base) in starts.iter().enumerate().take(reach + 1) {
        let f = if k == 0 {
            0.0
        } else {
            (base * scale.min(2.5) * rng.random_range(0.85..1.15)).clamp(last + 0.01, 0.95)
        };
        fracs.push(f);
        last = f;
    }
    let path = stage_path(input.renewal);
    let mut stages: Vec<(DateTime<Utc>, Stage)> = Vec::with_capacity(fracs.len());
    for (k, f) in fracs.iter().enumerate() {
        let at = if k == 0 {
            created
        } else {
            let lo = stages.last().map_or(created, |s| s.0);
            snap_to_workday(rng, at_frac(*f), lo, close_at)
        };
        stages.push((at, path[k]));
    }

    // A regression: back one stage, then (usually) forward again.
    if input.regress && reach >= 2 {
        let k = rng.random_range(2..=reach);
        let start = stages[k].0;
        let end = stages.get(k + 1).map_or(close_at, |s| s.0);
        if end - start >= Duration::days(4) {
            let gap = (end - start).num_seconds() as f64;
            let back = snap_to_workday(
                rng,
                start + Duration::seconds((gap * 0.35) as i64),
                start,
                end,
            );
            stages.push((back, path[k - 1]));
            if input.won || k < reach || chance(rng, 0.5) {
                let again = snap_to_workday(
                    rng,
                    start + Duration::seconds((gap * 0.7) as i64),
                    back,
                    end,
                );
                stages.push((again, path[k]));
            }
            stages.sort_by_key(|s| s.0);
        }
    }
    let final_stage = if input.won {
        Stage::ClosedWon
    } else {
        Stage::ClosedLost
    };

    let risky = input.pricing_pressure || input.procurement_delay;
    let mut events = Vec::new();
    let first_forecast = forecast_for(rng, path[0], risky, input.commit_bias);
    let e0 = initial_close(rng, input);
    events.push(Event {
        at: created,
        change: Change::Stage(path[0]),
    });
    events.push(Event {
        at: created,
        change: Change::Amount(input.amount),
    });
    events.push(Event {
        at: created,
        change: Change::Close(e0),
    });
    events.push(Event {
        at: created,
        change: Change::Forecast(first_forecast),
    });

    // Stage moves with their forecast calls and amount revisions.
    let mut forecast = first_forecast;
    let mut amount = input.amount;
    let mut revised_at_proposal = false;
    let mut revised_at_negotiation = false;
    for (at, stage) in stages.iter().skip(1).copied() {
        events.push(Event {
            at,
            change: Change::Stage(stage),
        });
        let f = forecast_for(rng, stage, risky, input.commit_bias);
        if f != forecast {
            events.push(Event {
                at,
                change: Change::Forecast(f),
            });
            forecast = f;
        }
        let delay = Duration::minutes(rng.random_range(20..2880));
        let later = snap_to_workday(rng, at + delay, at, close_at);
        let revised = match stage {
            Stage::Discovery if chance(rng, 0.12) => {
                Some(amount as f64 * rng.random_range(0.85..1.25))
            }
            Stage::Proposal if !revised_at_proposal => {
                revised_at_proposal = true;
                if input.pricing_pressure {
                    Some(amount as f64 * rng.random_range(0.78..0.92))
                } else if chance(rng, 0.45) && !input.renewal {
                    Some(amount as f64 * rng.random_range(0.9..1.15))
                } else {
                    None
                }
            }
            Stage::Negotiation if !revised_at_negotiation => {
                revised_at_negotiation = true;
                if input.pricing_pressure && chance(rng, 0.6) {
                    Some(amount as f64 * rng.random_range(0.88..0.97))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(x) = revised
            .map(round_amount)
            .filter(|x| *x != amount && later > at)
        {
            events.push(Event {
                at: later,
                change: Change::Amount(x),
            });
            amount = x;
        }
    }

    // Close-date pushes while the deal is not ready, then the actual close date at closing.
    let mut expected = e0;
    let mut last_push = created.date_naive();
    let mut pushes = 0;
    while expected < input.close && pushes < 6 && !input.renewal {
        let lead = rng.random_range(0..=5);
        let day = add_days(expected, -lead).max(add_days(last_push, 1));
        if day >= input.close {
            break;
        }
        let next = if pushes == 5 {
            input.close
        } else {
            let gap = days_between(expected, input.close) as f64;
            let step = (gap * rng.random_range(0.4..1.1)).max(14.0) as i64;
            let raw = add_days(expected, step);
            if chance(rng, 0.4) {
                month_end(raw)
            } else {
                raw
            }
        };
        events.push(Event {
            at: at_minute(day, work_minute(rng)),
            change: Change::Close(next),
        });
        expected = next;
        last_push = day;
        pushes += 1;
    }
    events.push(Event {
        at: close_at,
        change: Change::Close(input.close),
    });
    events.push(Event {
        at: close_at,
        change: Change::Stage(final_stage),
    });
    events.push(Event {
        at: close_at,
        change: Change::Forecast(if input.won {
            ForecastCategory::Closed
        } else {
            ForecastCategory::Omitted
        }),
    });
    // The closing close-date record is only a change when the date moved.
    events.sort_by_key(|e| e.at);
    dedupe_close(&mut events);

    if let Some(day) = input.forced_push.filter(|d| *d > created.date_naive()) {
        plant_push(rng, &mut events, day, input.today);
    }
    Timeline {
        events,
        close_at: Some(close_at),
    }
}

/// The rep's first expected close date: optimistic, often a month end.
fn initial_close(rng: &mut DemoRng, input: &TimelineInput) -> NaiveDate {
    let created = input.created_at.date_naive();
    if input.renewal {
        return input.close;
    }
    let span = days_between(created, input.close).max(1) as f64;
    let optimism = input.optimism * if input.procurement_delay { 0.85 } else { 1.0 };
    let raw = add_days(created, ((span * optimism) as i64).max(10));
    if chance(rng, 0.4) {
        month_end(raw)
    } else {
        raw
    }
}

/// Drops close-date records that do not change the value (keeping the initial one).
fn dedupe_close(events: &mut Vec<Event>) {
    let mut current: Option<NaiveDate> = None;
    events.retain(|e| match e.change {
        Change::Close(d) => {
            let keep = current != Some(d);
            current = Some(d);
            keep
        }
        _ => true,
    });
}

/// Replaces the close-date path from `day` on by one push made that day.
fn plant_push(rng: &mut DemoRng, events: &mut Vec<Event>, day: NaiveDate, today: NaiveDate) {
    let at = at_minute(day, work_minute(rng));
    let current = events
        .iter()
        .filter(|e| e.at < at)
        .filter_map(|e| match e.change {
            Change::Close(d) => Some(d),
            _ => None,
        })
        .next_back();
    let Some(current) = current else { return };
    events.retain(|e| !(e.at >= at && matches!(e.change, Change::Close(_))));
    let next = add_days(current.max(today), rng.random_range(21..50));
    events.push(Event {
        at,
        change: Change::Close(next),
    });
    events.sort_by_key(|e| e.at);
}
