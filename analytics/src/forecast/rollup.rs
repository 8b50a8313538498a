//! Forecast roll-ups: for one period, the booked (closed), commit, best-case and pipeline
//! amounts and the model-expected total, overall, per grouping key (region, team, owner,
//! product line, or anything the caller labels deals with) and per period.
//!
//! Category amounts are *not* cumulative: `commit` holds only deals called commit. The usual
//! cumulative forecasts are methods: [`Rollup::commit_forecast`] = closed + commit,
//! [`Rollup::best_case_forecast`] = closed + commit + best case. Omitted (lost or excluded)
//! deals count nowhere. Model-expected = closed + Σ amount × win probability over the open deals
//! in the period (slip risk is left to the simulation, whose mean also discounts it).

use std::collections::BTreeMap;

use super::deal::{ForecastCategory, ForecastDeal, Period};

/// Group a deal lands in when it lacks the label being grouped by.
pub const UNLABELLED: &str = "(none)";

/// The forecast of one period for one set of deals.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rollup {
    /// Deals in the period that are won or still open.
    pub deals: usize,
    /// Won in the period.
    pub closed: i64,
    /// Open, called commit.
    pub commit: i64,
    /// Open, called best case.
    pub best_case: i64,
    /// Open, called pipeline.
    pub pipeline: i64,
    /// Closed plus Σ amount × win probability of the open deals.
    pub model_expected: f64,
}

impl Rollup {
    /// Closed plus commit: what the reps stand behind.
    pub fn commit_forecast(&self) -> i64 {
        self.closed + self.commit
    }

    /// Closed plus commit plus best case: the upside the reps see.
    pub fn best_case_forecast(&self) -> i64 {
        self.commit_forecast() + self.best_case
    }

    /// Every open amount in the period, whatever its call.
    pub fn open_pipeline(&self) -> i64 {
        self.commit + self.best_case + self.pipeline
    }

    /// Adds one deal (assumed to be in the period).
    fn add(&mut self, deal: &ForecastDeal) {
        let amount = deal.amount;
        match deal.category {
            ForecastCategory::Closed => self.closed += amount,
            ForecastCategory::Commit => self.commit += amount,
            ForecastCategory::BestCase => self.best_case += amount,
            ForecastCategory::Pipeline => self.pipeline += amount,
            ForecastCategory::Omitted => return,
        }
        self.deals += 1;
        self.model_expected += match deal.category {
            ForecastCategory::Closed => amount as f64,
            _ => amount as f64 * deal.win_probability.value(),
        };
    }
}

/// The roll-up of the deals whose close date falls in `period`.
pub fn rollup(deals: &[ForecastDeal], period: Period) -> Rollup {
    let mut total = Rollup::default();
    for deal in deals.iter().filter(|d| period.contains(d.close_date)) {
        total.add(deal);
    }
    total
}

/// The roll-up of `period` per group, the group of each deal given by `key`. Every deal of
/// the period lands in exactly one group, so the groups add up to [`rollup`].
pub fn rollup_by_key<K: Ord>(
    deals: &[ForecastDeal],
    period: Period,
    key: impl Fn(&ForecastDeal) -> K,
) -> BTreeMap<K, Rollup> {
    let mut groups: BTreeMap<K, Rollup> = BTreeMap::new();
    for deal in deals.iter().filter(|d| period.contains(d.close_date)) {
        groups.entry(key(deal)).or_default().add(deal);
    }
    groups
}

/// The roll-up of `period` per value of the label `dimension` (e.g. `"region"`); deals
/// without that label are grouped under [`UNLABELLED`].
pub fn rollup_by_label(
    deals: &[ForecastDeal],
    period: Period,
    dimension: &str,
) -> BTreeMap<String, Rollup> {
    rollup_by_key(deals, period, |d| {
        d.labels
            .get(dimension)
            .cloned()
            .unwrap_or_else(|| UNLABELLED.to_string())
    })
}

/// One roll-up per period, in the order given.
pub fn rollup_by_period(deals: &[ForecastDeal], periods: &[Period]) -> Vec<(Period, Rollup)> {
    periods.iter().map(|&p| (p, rollup(deals, p))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::test_support::{deal, quarter};

    #[test]
    fn categories_land_in_their_buckets_and_cumulate() {
        let q = quarter();
        let deals = vec![
            deal("won", 100, ForecastCategory::Closed, 1.0),
            deal("commit", 200, ForecastCategory::Commit, 0.8),
            deal("best", 300, ForecastCategory::BestCase, 0.5),
            deal("pipe", 400, ForecastCategory::Pipeline, 0.25),
            deal("lost", 500, ForecastCategory::Omitted, 0.0),
        ];
        let r = rollup(&deals, q);
        assert_eq!(r.deals, 4);
        assert_eq!(
            (r.closed, r.commit, r.best_case, r.pipeline),
            (100, 200, 300, 400)
        );
        assert_eq!(r.commit_forecast(), 100 + 200);
        assert_eq!(r.best_case_forecast(), 100 + 200 + 300);
        assert_eq!(r.open_pipeline(), 200 + 300 + 400);
        let expected = 100.0 + 200.0 * 0.8 + 300.0 * 0.5 + 400.0 * 0.25;
        assert!((r.model_expected - expected).abs() < 1e-9);
    }

    #[test]
    fn deals_outside_the_period_are_left_out() {
        let q = quarter();
        let mut late = deal("late", 1_000, ForecastCategory::Commit, 0.9);
        late.close_date = q.end().succ_opt().unwrap();
        let deals = vec![late, deal("in", 10, ForecastCategory::Commit, 0.9)];
        assert_eq!(rollup(&deals, q).commit, 10);
    }

    #[test]
    fn periods_each_get_their_own_deals() {
        let q = quarter();
        let next = Period::quarter_containing(q.end().succ_opt().unwrap());
        let mut later = deal("later", 70, ForecastCategory::Pipeline, 0.5);
        later.close_date = next.start();
        let deals = vec![deal("now", 30, ForecastCategory::Pipeline, 0.5), later];
        let rows = rollup_by_period(&deals, &[q, next]);
        assert_eq!(rows[0].1.pipeline, 30);
        assert_eq!(rows[1].1.pipeline, 70);
        assert_eq!(rows[1].0, next);
    }

    #[test]
    fn label_groups_split_the_total() {
        let q = quarter();
        let mut a = deal("a", 100, ForecastCategory::Commit, 0.5);
        a.labels.insert("region".into(), "EMEA".into());
        let b = deal("b", 50, ForecastCategory::BestCase, 0.5);
        let groups = rollup_by_label(&[a, b], q, "region");
        assert_eq!(groups["EMEA"].commit, 100);
        assert_eq!(groups[UNLABELLED].best_case, 50);
    }
}
