//! Reading a deal's planned timeline: what happened by today, its state at an instant, its
//! final amount, and how often it was pushed or regressed.

use chrono::{DateTime, NaiveDate, Utc};
use revpulse_graph::model::Stage;

use super::timeline::{Change, Event, Timeline};

impl Timeline {
    /// The events that happened on or before `today`.
    pub fn until(&self, today: NaiveDate) -> impl Iterator<Item = &Event> {
        self.events
            .iter()
            .filter(move |e| e.at.date_naive() <= today)
    }

    /// The final amount of the full path.
    pub fn final_amount(&self) -> i64 {
        self.events
            .iter()
            .filter_map(|e| match e.change {
                Change::Amount(a) => Some(a),
                _ => None,
            })
            .next_back()
            .unwrap_or(0)
    }

    /// Stage, amount and close date as of instant `t`.
    pub fn as_of(&self, t: DateTime<Utc>) -> (Stage, i64, NaiveDate) {
        let mut state = (Stage::Prospecting, 0, t.date_naive());
        for e in self.events.iter().take_while(|e| e.at <= t) {
            match e.change {
                Change::Stage(s) => state.0 = s,
                Change::Amount(a) => state.1 = a,
                Change::Close(d) => state.2 = d,
                Change::Forecast(_) => {}
            }
        }
        state
    }

    /// Close-date pushes (moves later) up to today.
    pub fn pushes_until(&self, today: NaiveDate) -> u32 {
        let mut previous: Option<NaiveDate> = None;
        let mut pushes = 0;
        for e in self.until(today) {
            if let Change::Close(d) = e.change {
                if previous.is_some_and(|p| d > p) {
                    pushes += 1;
                }
                previous = Some(d);
            }
        }
        pushes
    }

    /// Whether the stage moved backwards up to today.
    pub fn regressed_until(&self, today: NaiveDate) -> bool {
        let mut previous: Option<Stage> = None;
        for e in self.until(today) {
            if let Change::Stage(s) = e.change {
                if previous.is_some_and(|p| s.order() < p.order()) {
                    return true;
                }
                previous = Some(s);
            }
        }
        false
    }
}
