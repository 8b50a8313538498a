//! Slippage of one deal as of a day: close-date pushes (every move to a later date), stage
//! regressions (every move back in the funnel) and a stay in the current stage beyond that
//! stage's historical norm.

use super::deal::Period;
use super::flags::{ClosePush, DealFlag, FlaggedDeal, StageRegression};
use super::record::DealAsOf;
use super::stage_time::{StageDurations, StageNorm, stage_age};

/// Every close-date push recorded by the as-of day, oldest first.
pub fn close_date_pushes(deal: &DealAsOf<'_>) -> Vec<ClosePush> {
    deal.close_date_history()
        .windows(2)
        .filter(|w| w[1].value > w[0].value)
        .map(|w| ClosePush {
            on: w[1].on,
            from: w[0].value,
            to: w[1].value,
            crossed_quarter: !Period::quarter_containing(w[0].value).contains(w[1].value),
        })
        .collect()
}

/// Every backward stage move recorded by the as-of day, oldest first.
pub fn stage_regressions(deal: &DealAsOf<'_>) -> Vec<StageRegression> {
    deal.stage_history()
        .windows(2)
        .filter(|w| w[1].value.order() < w[0].value.order())
        .map(|w| StageRegression {
            on: w[1].on,
            from: w[0].value,
            to: w[1].value,
        })
        .collect()
}

/// The slippage flags of a deal: pushed, regressed, and stalled beyond its stage's norm (open
/// deals only).
pub fn slippage_flags(
    deal: &DealAsOf<'_>,
    durations: &StageDurations,
    norm: &StageNorm,
) -> Vec<FlaggedDeal> {
    let mut flags = Vec::new();
    let pushes = close_date_pushes(deal);
    let closes = deal.close_date_history();
    if let (false, Some(first), Some(last)) = (pushes.is_empty(), closes.first(), closes.last()) {
        flags.push(DealFlag::ClosePushed {
            pushes,
            original_close: first.value,
            current_close: last.value,
        });
    }
    let regressions = stage_regressions(deal);
    if !regressions.is_empty() {
        flags.push(DealFlag::StageRegressed { regressions });
    }
    if let Some(age) = stage_age(deal, durations, norm)
        && age.beyond_norm()
    {
        flags.push(DealFlag::Stalled(age));
    }
    flags
        .into_iter()
        .map(|flag| FlaggedDeal {
            deal_id: deal.id().to_string(),
            as_of: deal.as_of(),
            flag,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::SalesStage;
    use crate::forecast::record::Dated;
    use crate::forecast::test_support::{day, record};

    #[test]
    fn pushes_and_regressions_are_read_up_to_the_day() {
        let mut r = record(
            "d",
            day(2025, 1, 2),
            &[
                (day(2025, 1, 2), SalesStage::Discovery),
                (day(2025, 2, 1), SalesStage::Proposal),
                (day(2025, 3, 1), SalesStage::Discovery),
                (day(2025, 5, 1), SalesStage::Qualification),
            ],
        );
        r.close_dates = vec![
            Dated {
                on: day(2025, 1, 2),
                value: day(2025, 3, 15),
            },
            Dated {
                on: day(2025, 3, 10),
                value: day(2025, 3, 31),
            },
            Dated {
                on: day(2025, 3, 28),
                value: day(2025, 3, 20),
            },
            Dated {
                on: day(2025, 3, 30),
                value: day(2025, 4, 30),
            },
            Dated {
                on: day(2025, 6, 1),
                value: day(2025, 7, 31),
            },
        ];
        let view = r.as_of(day(2025, 4, 1));
        let pushes = close_date_pushes(&view);
        assert_eq!(pushes.len(), 2);
        assert!(!pushes[0].crossed_quarter);
        assert!(pushes[1].crossed_quarter);
        assert_eq!(pushes[1].days(), 41);
        let regressions = stage_regressions(&view);
        assert_eq!(regressions.len(), 1);
        assert_eq!(regressions[0].from, SalesStage::Proposal);
        let none = StageDurations::default();
        let flags = slippage_flags(&view, &none, &StageNorm::new(&none, 0.75, 20));
        let kinds: Vec<_> = flags.iter().map(|f| f.flag.kind()).collect();
        assert_eq!(kinds, ["close_pushed", "stage_regressed"]);
        match &flags[0].flag {
            DealFlag::ClosePushed {
                original_close,
                current_close,
                ..
            } => {
                assert_eq!(
                    (*original_close, *current_close),
                    (day(2025, 3, 15), day(2025, 4, 30))
                );
            }
            other => panic!("unexpected flag {other:?}"),
        }
    }
}
