//! Invariants over generated inputs: quota proration adds up across any split of a period, and
//! risk wording and actions are the templates filled with the numbers, nothing else.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use crate::DateRange;
use crate::forecast::actions::action_for;
use crate::forecast::quota::quarters_in;
use crate::forecast::risk_words::RiskDriver;

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(offset)
}

proptest! {
    #[test]
    fn prorated_quarters_add_up_over_any_split(start in 0i64..3_000, first in 0i64..400, second in 1i64..400) {
        let whole = DateRange { from: day(start), to: day(start + first + second) };
        let left = DateRange { from: day(start), to: day(start + first) };
        let right = DateRange { from: day(start + first + 1), to: day(start + first + second) };
        let sum = quarters_in(left) + quarters_in(right);
        prop_assert!((quarters_in(whole) - sum).abs() < 1e-9);
        let days = whole.days() as f64;
        prop_assert!(quarters_in(whole) >= days / 92.0 - 1e-9 && quarters_in(whole) <= days / 90.0 + 1e-9);
    }

    #[test]
    fn the_exec_sponsor_action_carries_the_days_of_silence(days in 7i64..1_000, named in 1usize..5) {
        let driver = RiskDriver::NoExecutiveEngagement { days: Some(days), executives_named: named };
        prop_assert_eq!(driver.words(), format!("no exec-sponsor engagement in {days} days"));
        let action = action_for(&driver).unwrap();
        prop_assert_eq!(
            action.text(&driver),
            format!("Book a meeting with the exec sponsor (no exec-sponsor engagement in {days} days)")
        );
    }

    #[test]
    fn pushes_and_stalls_read_their_numbers(pushes in 1usize..9, stay in 1i64..400, norm in 1i64..200) {
        let pushed = RiskDriver::ClosePushed { pushes };
        let times = if pushes == 1 { "1 time".to_owned() } else { format!("{pushes} times") };
        prop_assert_eq!(pushed.words(), format!("close date pushed {times}"));
        let stalled = RiskDriver::StalledInStage { stage: "proposal", days: stay, norm: Some((75, norm)) };
        prop_assert_eq!(stalled.words(), format!("{stay} days in proposal (P75 of past deals: {norm} days)"));
        prop_assert!(action_for(&stalled).unwrap().text(&stalled).contains("out of proposal"));
    }
}
