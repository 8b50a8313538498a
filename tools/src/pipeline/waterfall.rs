//! How one deal's contribution to the pipeline changed between two days, attributed to exactly
//! one waterfall category, so that the opening pipeline plus every category's change is the
//! closing pipeline to the dollar and to the deal.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::as_of::DealState;
use crate::DateRange;
use revpulse_graph::model::Stage;

/// A waterfall category.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Created after the opening day (or without a stage by then) and in the closing pipeline.
    New,
    /// In both pipelines, with a larger amount at the close.
    Increased,
    /// In both pipelines, with a smaller amount at the close.
    Decreased,
    /// Open at the opening but due after the period; its close date was moved into it.
    PulledIn,
    /// Open at the close but its close date was moved after the period.
    PushedOut,
    /// Closed won by the closing day (outflow: its opening amount).
    Won,
    /// Closed lost by the closing day (outflow: its opening amount).
    Lost,
    /// Closed at the opening, reopened and in the closing pipeline.
    Reopened,
    /// Open at the opening but due before the period; its close date was pushed into it.
    SlippedIn,
    /// Open at the close but its close date was moved before the period.
    PulledOut,
}

impl ChangeKind {
    /// Every category, in the order a waterfall shows them.
    pub const ALL: [ChangeKind; 10] = [
        Self::New,
        Self::Increased,
        Self::Decreased,
        Self::PulledIn,
        Self::PushedOut,
        Self::Won,
        Self::Lost,
        Self::Reopened,
        Self::SlippedIn,
        Self::PulledOut,
    ];
}

/// One deal's attributed change: its category, the money it moved (signed) and the deal
/// count it moved (+1 in, −1 out, 0 for a revision).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DealMove {
    /// The category.
    pub kind: ChangeKind,
    /// Closing contribution minus opening contribution, whole dollars.
    pub amount: i64,
    /// Closing membership minus opening membership.
    pub deals: i64,
}

/// The move of a deal that stood `before` at the opening and `after` at the close (each `None`
/// when it did not exist or had no stage yet), for the pipeline of deals due in `window` if set.
/// `None` when the deal's contribution did not change.
pub(crate) fn classify(
    before: Option<DealState>,
    after: Option<DealState>,
    window: Option<DateRange>,
) -> Option<DealMove> {
    let counted = |s: Option<DealState>| s.filter(|s| s.in_pipeline(window));
    match (counted(before), counted(after)) {
        (Some(b), Some(a)) => {
            let amount = a.amount - b.amount;
            let kind = match amount.signum() {
                1 => ChangeKind::Increased,
                -1 => ChangeKind::Decreased,
                _ => return None,
            };
            Some(DealMove {
                kind,
                amount,
                deals: 0,
            })
        }
        (None, Some(a)) => Some(DealMove {
            kind: entry_kind(before, window),
            amount: a.amount,
            deals: 1,
        }),
        (Some(b), None) => Some(DealMove {
            kind: exit_kind(after, window),
            amount: -b.amount,
            deals: -1,
        }),
        (None, None) => None,
    }
}

/// Why a deal outside the opening pipeline is in the closing one.
fn entry_kind(before: Option<DealState>, window: Option<DateRange>) -> ChangeKind {
    match before {
        None => ChangeKind::New,
        Some(b) if !b.stage.is_open() => ChangeKind::Reopened,
        // Open at the opening yet not counted: its close date was outside the window.
        Some(b) if before_window(b, window) => ChangeKind::SlippedIn,
        Some(_) => ChangeKind::PulledIn,
    }
}

/// Why a deal of the opening pipeline is not in the closing one.
fn exit_kind(after: Option<DealState>, window: Option<DateRange>) -> ChangeKind {
    match after {
        Some(a) if a.stage == Stage::ClosedWon => ChangeKind::Won,
        Some(a) if a.stage == Stage::ClosedLost => ChangeKind::Lost,
        // Still open yet not counted: its close date left the window.
        Some(a) if before_window(a, window) => ChangeKind::PulledOut,
        _ => ChangeKind::PushedOut,
    }
}

fn before_window(state: DealState, window: Option<DateRange>) -> bool {
    match (state.close_date, window) {
        (Some(close), Some(w)) => close < w.from,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn deal(stage: Stage, amount: i64, close: NaiveDate) -> Option<DealState> {
        Some(DealState {
            stage,
            amount,
            close_date: Some(close),
            stage_entered_on: day(1, 1),
        })
    }

    fn kind(before: Option<DealState>, after: Option<DealState>) -> Option<(ChangeKind, i64, i64)> {
        let q = DateRange::quarter_of(day(2, 1));
        classify(before, after, Some(q)).map(|m| (m.kind, m.amount, m.deals))
    }

    #[test]
    fn every_way_in_and_out_of_a_quarter_is_named() {
        use ChangeKind::*;
        let open = Stage::Proposal;
        assert_eq!(kind(None, deal(open, 10, day(3, 1))), Some((New, 10, 1)));
        assert_eq!(
            kind(
                deal(Stage::ClosedLost, 7, day(2, 1)),
                deal(open, 9, day(3, 1))
            ),
            Some((Reopened, 9, 1))
        );
        assert_eq!(
            kind(deal(open, 5, day(4, 9)), deal(open, 6, day(3, 1))),
            Some((PulledIn, 6, 1))
        );
        assert_eq!(
            kind(
                deal(open, 5, day(1, 2)).map(|mut s| {
                    s.close_date = NaiveDate::from_ymd_opt(2025, 12, 30);
                    s
                }),
                deal(open, 6, day(3, 1))
            ),
            Some((SlippedIn, 6, 1))
        );
        assert_eq!(
            kind(deal(open, 5, day(3, 1)), deal(open, 5, day(5, 1))),
            Some((PushedOut, -5, -1))
        );
        assert_eq!(
            kind(
                deal(open, 5, day(3, 1)),
                deal(open, 5, NaiveDate::from_ymd_opt(2025, 12, 1).unwrap())
            ),
            Some((PulledOut, -5, -1))
        );
        assert_eq!(
            kind(
                deal(open, 5, day(3, 1)),
                deal(Stage::ClosedWon, 8, day(3, 2))
            ),
            Some((Won, -5, -1))
        );
        assert_eq!(
            kind(
                deal(open, 5, day(3, 1)),
                deal(Stage::ClosedLost, 5, day(3, 2))
            ),
            Some((Lost, -5, -1))
        );
        assert_eq!(
            kind(deal(open, 5, day(3, 1)), deal(open, 8, day(3, 9))),
            Some((Increased, 3, 0))
        );
        assert_eq!(
            kind(deal(open, 5, day(3, 1)), deal(open, 2, day(3, 9))),
            Some((Decreased, -3, 0))
        );
        assert_eq!(
            kind(deal(open, 5, day(3, 1)), deal(open, 5, day(3, 9))),
            None
        );
        assert_eq!(kind(None, deal(Stage::ClosedWon, 5, day(3, 9))), None);
    }
}
