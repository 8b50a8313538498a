//! The gap to quota and the deals that explain it.
//!
//! If every open deal of the period closed, the period would land at closed + Σ amount. The
//! risk-adjusted expectation is lower by Σ amount × (1 − q), with q = p_win × (1 − p_slip) the
//! chance the deal is won inside the period. Each deal's term, its *expected shortfall*, is how
//! much of the distance between "everything closes" and the expectation it accounts for; it
//! splits exactly into a loss part, amount × (1 − p_win), and a slip part, amount × p_win ×
//! p_slip. Ranking deals by it names the deals whose risk costs the most money — the ones to
//! work to close the gap. Ties break by amount, then id.

use super::deal::{ForecastDeal, Period, Probability};
use super::rollup::rollup;
use super::simulation::{ForecastRange, Simulation};

/// One deal's part in the gap.
#[derive(Debug, Clone, PartialEq)]
pub struct GapDriver {
    /// Deal id.
    pub deal_id: String,
    /// Amount.
    pub amount: i64,
    /// Its win probability.
    pub win_probability: Probability,
    /// Its slip probability.
    pub slip_probability: Probability,
    /// amount × (1 − p_win × (1 − p_slip)).
    pub expected_shortfall: f64,
    /// amount × (1 − p_win): the part lost deals cost.
    pub loss_part: f64,
    /// amount × p_win × p_slip: the part slipping costs.
    pub slip_part: f64,
    /// This deal's share of the period's total expected shortfall.
    pub share_of_shortfall: f64,
}

/// Where a period stands against its quota.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotaGap {
    /// The quota.
    pub quota: i64,
    /// Won so far.
    pub closed: i64,
    /// Closed + commit.
    pub commit_forecast: i64,
    /// Closed + commit + best case.
    pub best_case_forecast: i64,
    /// Closed + Σ amount × p_win × (1 − p_slip).
    pub expected: f64,
    /// Quota − expected (negative when ahead).
    pub gap: f64,
    /// Gap as a share of quota; `None` for a zero quota.
    pub gap_share: Option<f64>,
    /// Quota − commit forecast.
    pub gap_to_commit: i64,
    /// The simulated range, when a simulation was given.
    pub range: Option<ForecastRange>,
    /// Share of simulated outcomes at or above quota, when a simulation was given.
    pub attainment_probability: Option<f64>,
    /// Σ expected shortfall over the open deals of the period.
    pub total_shortfall: f64,
    /// The deals with the largest expected shortfall, largest first.
    pub drivers: Vec<GapDriver>,
}

fn driver(deal: &ForecastDeal) -> GapDriver {
    let amount = deal.amount as f64;
    let (win, slip) = (deal.win_probability, deal.slip_probability);
    let loss_part = amount * win.complement().value();
    let slip_part = amount * win.value() * slip.value();
    GapDriver {
        deal_id: deal.id.clone(),
        amount: deal.amount,
        win_probability: win,
        slip_probability: slip,
        expected_shortfall: loss_part + slip_part,
        loss_part,
        slip_part,
        share_of_shortfall: 0.0,
    }
}

/// The open deals of the period ranked by expected shortfall, largest first.
pub fn rank_shortfall(deals: &[ForecastDeal], period: Period) -> Vec<GapDriver> {
    let mut drivers: Vec<GapDriver> = deals
        .iter()
        .filter(|d| d.is_open() && period.contains(d.close_date))
        .map(driver)
        .collect();
    let total: f64 = drivers.iter().map(|d| d.expected_shortfall).sum();
    for d in &mut drivers {
        d.share_of_shortfall = if total > 0.0 {
            d.expected_shortfall / total
        } else {
            0.0
        };
    }
    drivers.sort_by(|a, b| {
        b.expected_shortfall
            .total_cmp(&a.expected_shortfall)
            .then(b.amount.cmp(&a.amount))
            .then(a.deal_id.cmp(&b.deal_id))
    });
    drivers
}

/// The period's gap to `quota`, with the `top` deals that explain most of it.
pub fn gap_to_quota(
    deals: &[ForecastDeal],
    period: Period,
    quota: i64,
    simulation: Option<&Simulation>,
    top: usize,
) -> QuotaGap {
    let totals = rollup(deals, period);
    let mut drivers = rank_shortfall(deals, period);
    let total_shortfall: f64 = drivers.iter().map(|d| d.expected_shortfall).sum();
    let expected = totals.closed as f64 + totals.open_pipeline() as f64 - total_shortfall;
    drivers.truncate(top);
    let gap = quota as f64 - expected;
    QuotaGap {
        quota,
        closed: totals.closed,
        commit_forecast: totals.commit_forecast(),
        best_case_forecast: totals.best_case_forecast(),
        expected,
        gap,
        gap_share: (quota != 0).then(|| gap / quota as f64),
        gap_to_commit: quota - totals.commit_forecast(),
        range: simulation.map(Simulation::range),
        attainment_probability: simulation.map(|s| s.probability_at_least(quota as f64)),
        total_shortfall,
        drivers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::deal::ForecastCategory;
    use crate::forecast::test_support::{deal, quarter};

    #[test]
    fn shortfall_splits_into_loss_and_slip_and_ranks_deals() {
        let mut big_risky = deal("big", 1_000, ForecastCategory::BestCase, 0.4);
        big_risky.slip_probability = Probability::new(0.5, "s").unwrap();
        let safe = deal("safe", 2_000, ForecastCategory::Commit, 0.95);
        let won = deal("won", 500, ForecastCategory::Closed, 1.0);
        let deals = vec![safe, big_risky, won];
        let g = gap_to_quota(&deals, quarter(), 3_000, None, 5);
        // big: loss 1000 × 0.6 = 600, slip 1000 × 0.4 × 0.5 = 200. safe: loss 2000 × 0.05 = 100.
        assert_eq!(g.drivers.len(), 2);
        assert_eq!(g.drivers[0].deal_id, "big");
        assert!((g.drivers[0].loss_part - 600.0).abs() < 1e-9);
        assert!((g.drivers[0].slip_part - 200.0).abs() < 1e-9);
        assert!((g.total_shortfall - 900.0).abs() < 1e-9);
        assert!((g.drivers[0].share_of_shortfall - 800.0 / 900.0).abs() < 1e-12);
        // expected = 500 + 1000 × 0.2 + 2000 × 0.95 = 2600.
        assert!((g.expected - 2_600.0).abs() < 1e-9);
        assert!((g.gap - 400.0).abs() < 1e-9);
        assert_eq!(g.gap_to_commit, 3_000 - 2_500);
        assert_eq!(g.best_case_forecast, 3_500);
    }

    #[test]
    fn the_top_list_is_truncated_but_the_total_is_not() {
        let deals: Vec<_> = (0..5)
            .map(|i| {
                deal(
                    &format!("d{i}"),
                    100 * (i + 1),
                    ForecastCategory::Pipeline,
                    0.5,
                )
            })
            .collect();
        let g = gap_to_quota(&deals, quarter(), 0, None, 2);
        assert_eq!(g.drivers.len(), 2);
        assert_eq!(g.drivers[0].deal_id, "d4");
        assert!((g.total_shortfall - 750.0).abs() < 1e-9);
        assert_eq!(g.gap_share, None);
    }
}
