//! Deal-stage anomalies: things that should not be true of a deal this far along — a late
//! stage with no economic buyer ever in the room, a late stage gone silent, an amount that
//! jumped (or collapsed) after the proposal. Each flag carries its evidence.

use super::deal::SalesStage;
use super::flags::{DealFlag, FlaggedDeal};
use super::record::{BuyerRole, DealAsOf};

/// Thresholds of the anomaly checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnomalyConfig {
    /// The first stage that counts as late.
    pub late_stage: SalesStage,
    /// Days without a touchpoint that make a late-stage deal silent.
    pub silence_days: i64,
    /// Ratio of new to old amount (or old to new) that counts as a jump.
    pub jump_ratio: f64,
}

impl Default for AnomalyConfig {
    fn default() -> Self {
        Self {
            late_stage: SalesStage::Proposal,
            silence_days: 21,
            jump_ratio: 1.5,
        }
    }
}

fn is_late(stage: SalesStage, config: &AnomalyConfig) -> bool {
    stage.is_open() && stage.order() >= config.late_stage.order()
}

fn no_economic_buyer(deal: &DealAsOf<'_>, stage: SalesStage) -> Option<DealFlag> {
    let engaged = deal.touchpoints().iter().any(|t| {
        t.contact_ids
            .iter()
            .any(|c| deal.role_of(c) == Some(BuyerRole::EconomicBuyer))
    });
    let named = deal
        .contacts()
        .iter()
        .any(|c| c.role == Some(BuyerRole::EconomicBuyer));
    (!engaged).then_some(DealFlag::LateStageNoEconomicBuyer {
        stage,
        economic_buyer_named: named,
    })
}

fn silent(deal: &DealAsOf<'_>, stage: SalesStage, config: &AnomalyConfig) -> Option<DealFlag> {
    let last = deal.last_touch_on();
    let since = last.or_else(|| deal.stage_history().first().map(|s| s.on))?;
    let days_silent = deal.days_since(since);
    (days_silent > config.silence_days).then_some(DealFlag::LateStageSilent {
        stage,
        last_touch_on: last,
        days_silent,
    })
}

fn stage_on(deal: &DealAsOf<'_>, day: chrono::NaiveDate) -> Option<SalesStage> {
    let history = deal.stage_history();
    let upto = history.partition_point(|s| s.on <= day);
    upto.checked_sub(1).map(|i| history[i].value)
}

fn amount_jumps(deal: &DealAsOf<'_>, config: &AnomalyConfig) -> Vec<DealFlag> {
    deal.amount_history()
        .windows(2)
        .filter_map(|w| {
            let stage = stage_on(deal, w[1].on).filter(|s| is_late(*s, config))?;
            let (from, to) = (w[0].value, w[1].value);
            let ratio = to as f64 / from.max(1) as f64;
            let jumped = ratio >= config.jump_ratio || ratio * config.jump_ratio <= 1.0;
            jumped.then_some(DealFlag::LateAmountJump {
                stage,
                on: w[1].on,
                from,
                to,
            })
        })
        .collect()
}

/// The anomalies of an open late-stage deal (none for early or closed deals).
pub fn stage_anomalies(deal: &DealAsOf<'_>, config: &AnomalyConfig) -> Vec<FlaggedDeal> {
    let Some(stage) = deal.stage().filter(|s| is_late(*s, config)) else {
        return Vec::new();
    };
    let mut flags: Vec<DealFlag> = no_economic_buyer(deal, stage).into_iter().collect();
    flags.extend(silent(deal, stage, config));
    flags.extend(amount_jumps(deal, config));
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
    use crate::forecast::record::Dated;
    use crate::forecast::test_support::{contact, day, record, touch};

    fn late_deal() -> crate::forecast::DealRecord {
        let mut r = record(
            "d",
            day(2025, 1, 1),
            &[
                (day(2025, 1, 1), SalesStage::Discovery),
                (day(2025, 3, 1), SalesStage::Proposal),
            ],
        );
        r.contacts = vec![
            contact("eb", Some(BuyerRole::EconomicBuyer)),
            contact("ch", Some(BuyerRole::Champion)),
        ];
        r.touchpoints = vec![touch(day(2025, 3, 2), &["ch"], false)];
        r.amounts.push(Dated {
            on: day(2025, 2, 1),
            value: 30_000,
        });
        r.amounts.push(Dated {
            on: day(2025, 3, 5),
            value: 60_000,
        });
        r
    }

    #[test]
    fn a_late_silent_deal_without_its_economic_buyer_is_flagged_with_evidence() {
        let r = late_deal();
        let flags = stage_anomalies(&r.as_of(day(2025, 4, 1)), &AnomalyConfig::default());
        let kinds: Vec<_> = flags.iter().map(|f| f.flag.kind()).collect();
        assert_eq!(
            kinds,
            [
                "late_stage_no_economic_buyer",
                "late_stage_silent",
                "late_amount_jump"
            ]
        );
        assert_eq!(
            flags[1].flag,
            DealFlag::LateStageSilent {
                stage: SalesStage::Proposal,
                last_touch_on: Some(day(2025, 3, 2)),
                days_silent: 30,
            }
        );
        // The 10,000 → 30,000 move happened in Discovery, so only the late one counts.
        assert!(matches!(
            flags[2].flag,
            DealFlag::LateAmountJump {
                from: 30_000,
                to: 60_000,
                ..
            }
        ));
    }

    #[test]
    fn early_stages_and_engaged_buyers_raise_nothing() {
        let mut r = late_deal();
        assert!(stage_anomalies(&r.as_of(day(2025, 2, 15)), &AnomalyConfig::default()).is_empty());
        r.touchpoints.push(touch(day(2025, 3, 25), &["eb"], true));
        r.amounts.truncate(2);
        assert!(stage_anomalies(&r.as_of(day(2025, 4, 1)), &AnomalyConfig::default()).is_empty());
    }
}
