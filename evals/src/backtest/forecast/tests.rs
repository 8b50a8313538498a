//! Tests of the forecast evaluation against independent computations from the demo records:
//! roll-up sums equal direct sums over the opportunities, flagged pushes and regressions equal
//! the history and the ground truth, the as-of reconstruction cannot see the future, and the
//! backtest, rules and funnel reports are complete and bounded.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::NaiveDate;
use revpulse_analytics::forecast::Period;
use revpulse_analytics::forecast::flags::DealFlag;
use revpulse_analytics::forecast::simulation::SimulationConfig;
use revpulse_graph::model::{ForecastCategory, Stage};
use revpulse_ingest::demo::{DemoCompany, DemoConfig, generate};

use super::as_of::{Pricing, StageRates, forecast_deals, slip_rates};
use super::records::{DealBook, in_scope};
use super::{ForecastEvalConfig, quarter, risk, run, slippage, weekly};

fn company() -> &'static DemoCompany {
    static COMPANY: OnceLock<DemoCompany> = OnceLock::new();
    COMPANY.get_or_init(|| {
        let today = NaiveDate::from_ymd_opt(2025, 5, 14).unwrap();
        generate(&DemoConfig::new(11, today).with_accounts(250)).unwrap()
    })
}

fn book() -> &'static DealBook {
    static BOOK: OnceLock<DealBook> = OnceLock::new();
    BOOK.get_or_init(|| DealBook::from_dataset(&company().dataset))
}

fn sim() -> SimulationConfig {
    SimulationConfig {
        iterations: 2_000,
        seed: 3,
    }
}

#[test]
fn quarter_sums_equal_direct_sums_over_the_opportunities() {
    let c = company();
    let today = c.truth.today;
    let q =
        quarter::quarter_forecast(&c.dataset, book(), c.truth.history_start, today, sim()).unwrap();
    let period = Period::quarter_containing(today);
    let mut direct: BTreeMap<&str, i64> = BTreeMap::new();
    for o in c
        .dataset
        .opportunities
        .iter()
        .filter(|o| in_scope(o) && period.contains(o.close_date))
    {
        let bucket = match (o.stage, o.forecast_category) {
            (Stage::ClosedWon, _) => "closed",
            (Stage::ClosedLost, _) => "lost",
            (_, ForecastCategory::Commit) => "commit",
            (_, ForecastCategory::BestCase) => "best_case",
            _ => "pipeline",
        };
        *direct.entry(bucket).or_default() += o.amount;
    }
    let get = |k: &str| direct.get(k).copied().unwrap_or(0);
    assert!(get("closed") > 0 && get("commit") + get("best_case") + get("pipeline") > 0);
    assert_eq!(q.total.closed, get("closed"));
    assert_eq!(q.total.commit, get("commit"));
    assert_eq!(q.total.best_case, get("best_case"));
    assert_eq!(q.total.pipeline, get("pipeline"));
    let quota: i64 = c
        .dataset
        .users
        .iter()
        .filter(|u| u.role == revpulse_graph::model::UserRole::Cro)
        .map(|u| u.quarterly_quota)
        .sum();
    assert_eq!(q.gap.quota, quota, "reps' quotas add up to the CRO's");
    for dimension in quarter::DIMENSIONS {
        let groups = &q.by[dimension];
        assert_eq!(
            groups.values().map(|r| r.commit_forecast()).sum::<i64>(),
            q.total.commit_forecast()
        );
        assert_eq!(
            groups.values().map(|r| r.open_pipeline()).sum::<i64>(),
            q.total.open_pipeline()
        );
    }
    let range = q.gap.range.unwrap();
    assert!(range.p10 <= range.p50 && range.p50 <= range.p90);
    assert!(range.p10 >= q.total.closed as f64);
}

fn pushed_in_history(c: &DemoCompany) -> BTreeMap<String, u32> {
    let scope: BTreeSet<&str> = c
        .dataset
        .opportunities
        .iter()
        .filter(|o| in_scope(o))
        .map(|o| o.id.as_str())
        .collect();
    let mut pushes: BTreeMap<String, u32> = BTreeMap::new();
    for ch in &c.dataset.close_date_changes {
        if scope.contains(ch.opportunity_id.as_str()) && ch.from.is_some_and(|f| ch.to > f) {
            *pushes.entry(ch.opportunity_id.clone()).or_default() += 1;
        }
    }
    pushes
}

#[test]
fn flagged_pushes_and_regressions_match_the_history_and_the_truth() {
    let c = company();
    let review = slippage::slippage_review(book(), c.truth.today);
    let mut flagged_pushes: BTreeMap<String, u32> = BTreeMap::new();
    let mut flagged_regressions = BTreeSet::new();
    for f in &review.flags {
        match &f.flag {
            DealFlag::ClosePushed { pushes, .. } => {
                flagged_pushes.insert(f.deal_id.clone(), pushes.len() as u32);
            }
            DealFlag::StageRegressed { .. } => {
                flagged_regressions.insert(f.deal_id.clone());
            }
            _ => {}
        }
    }
    let history = pushed_in_history(c);
    assert!(!history.is_empty());
    assert_eq!(flagged_pushes, history);
    let scope: BTreeSet<&str> = book().records.iter().map(|r| r.id.as_str()).collect();
    let truth_pushes: BTreeMap<String, u32> = c
        .truth
        .deals
        .iter()
        .filter(|t| t.pushes > 0 && scope.contains(t.opportunity_id.as_str()))
        .map(|t| (t.opportunity_id.clone(), t.pushes))
        .collect();
    assert_eq!(flagged_pushes, truth_pushes);
    let truth_regressed: BTreeSet<String> = c
        .truth
        .deals
        .iter()
        .filter(|t| t.regressed && scope.contains(t.opportunity_id.as_str()))
        .map(|t| t.opportunity_id.clone())
        .collect();
    assert!(!truth_regressed.is_empty());
    assert_eq!(flagged_regressions, truth_regressed);
}

/// The dataset as it would have been exported at the end of `day`.
fn truncated(c: &DemoCompany, day: NaiveDate) -> revpulse_ingest::dataset::CompanyDataset {
    let mut ds = c.dataset.clone();
    ds.opportunities.retain(|o| o.created_on <= day);
    ds.stage_changes.retain(|x| x.at.date_naive() <= day);
    ds.close_date_changes.retain(|x| x.at.date_naive() <= day);
    ds.amount_changes.retain(|x| x.at.date_naive() <= day);
    ds.forecast_category_changes
        .retain(|x| x.at.date_naive() <= day);
    ds.activities.retain(|x| x.at.date_naive() <= day);
    ds
}

#[test]
fn a_past_forecast_is_the_same_from_the_full_and_the_truncated_history() {
    let c = company();
    let day = NaiveDate::from_ymd_opt(2024, 8, 20).unwrap();
    let period = Period::quarter_containing(day);
    let full = book();
    let past = DealBook::from_dataset(&truncated(c, day));
    let price = |b: &DealBook| {
        let win = StageRates::fit(b, day);
        let slip = slip_rates(b, c.truth.history_start, day, 7);
        forecast_deals(
            b,
            day,
            period,
            Pricing {
                win: &win,
                slip: &slip,
            },
        )
    };
    let (from_full, from_past) = (price(full), price(&past));
    assert!(from_full.len() > 5);
    assert_eq!(from_full, from_past);
}

#[test]
fn the_backtest_covers_every_week_of_every_quarter_and_improves_by_the_last() {
    let c = company();
    let report =
        weekly::weekly_backtest(book(), c.truth.history_start, c.truth.today, sim()).unwrap();
    let quarters = super::as_of::quarters_between(c.truth.history_start, c.truth.today).len()
        - weekly::WARM_UP_QUARTERS;
    assert_eq!(report.points.len(), quarters * 13 * 4);
    assert!(
        report
            .by_week
            .iter()
            .all(|w| w.periods == quarters && w.mean_abs_error.is_finite())
    );
    let mape = |week: u32| {
        report
            .by_week
            .iter()
            .find(|w| {
                w.week == week
                    && w.method
                        == revpulse_analytics::forecast::backtest::ForecastMethod::ModelExpected
            })
            .and_then(|w| w.mean_abs_pct_error)
            .unwrap()
    };
    assert!(
        mape(12) < mape(0),
        "week 12 {} vs week 0 {}",
        mape(12),
        mape(0)
    );
}

/// The close-date-pushed rule's (flagged, flagged then slipped or lost) counts straight from
/// the opportunity, stage and close-date records.
fn pushed_rule_counts(c: &DemoCompany, min_pushes: usize) -> (usize, usize) {
    let ds = &c.dataset;
    let today = c.truth.today;
    let mut counts = (0, 0);
    let quarters = super::as_of::quarters_between(c.truth.history_start, today);
    for period in quarters.into_iter().skip(weekly::WARM_UP_QUARTERS) {
        for week in risk::SNAPSHOT_WEEKS {
            let day = period.start() + chrono::Duration::days(7 * i64::from(week));
            for o in ds
                .opportunities
                .iter()
                .filter(|o| in_scope(o) && o.created_on <= day)
            {
                let mut stages: Vec<_> = ds
                    .stage_changes
                    .iter()
                    .filter(|x| x.opportunity_id == o.id && x.at.date_naive() <= day)
                    .collect();
                stages.sort_by_key(|x| (x.at, x.seq));
                let mut closes: Vec<_> = ds
                    .close_date_changes
                    .iter()
                    .filter(|x| x.opportunity_id == o.id && x.at.date_naive() <= day)
                    .collect();
                closes.sort_by_key(|x| (x.at, x.seq));
                let (Some(stage), Some(close)) = (stages.last(), closes.last()) else {
                    continue;
                };
                if !stage.to.is_open() {
                    continue;
                }
                let pushes = closes
                    .iter()
                    .filter(|x| x.from.is_some_and(|f| x.to > f))
                    .count();
                let due_by = revpulse_graph::model::Quarter::containing(close.to).end();
                let adverse = match o.stage {
                    Stage::ClosedLost => Some(true),
                    Stage::ClosedWon => Some(o.close_date > due_by),
                    _ => (due_by < today).then_some(true),
                };
                if let (Some(adverse), true) = (adverse, pushes >= min_pushes) {
                    counts.0 += 1;
                    counts.1 += usize::from(adverse);
                }
            }
        }
    }
    counts
}

#[test]
fn rule_precision_is_bounded_and_matches_a_direct_count() {
    let c = company();
    let rules = risk::shipped_rules().unwrap();
    let review = risk::risk_review(book(), &rules, c.truth.history_start, c.truth.today);
    assert_eq!(review.precision.len(), rules.rules.len());
    for p in &review.precision {
        assert!(p.observations > 100, "{}: {}", p.rule_id, p.observations);
        for v in [p.precision, p.base_rate, p.recall].into_iter().flatten() {
            assert!((0.0..=1.0).contains(&v));
        }
    }
    let pushed = review
        .precision
        .iter()
        .find(|p| p.rule_id == "close_date_pushed")
        .unwrap();
    let (flagged, adverse) = pushed_rule_counts(c, 2);
    assert!(flagged > 0);
    assert_eq!(
        (pushed.flagged, pushed.flagged_slipped + pushed.flagged_lost),
        (flagged, adverse)
    );
}

#[test]
fn funnel_cohorts_match_direct_counts_and_rates_are_bounded() {
    let c = company();
    let review = super::funnel::funnel_review(&c.dataset, book(), c.truth.today);
    let created_in = |w: Period| {
        c.dataset
            .opportunities
            .iter()
            .filter(|o| in_scope(o) && w.contains(o.created_on))
            .count()
    };
    let regions = review
        .opportunity
        .comparisons
        .iter()
        .filter(|cut| cut.dimension == "region");
    let (mut now, mut before) = (0, 0);
    for cut in regions {
        now += cut.steps[0].current.entered;
        before += cut.steps[0].history.entered;
    }
    assert_eq!(
        (now, before),
        (created_in(review.current), created_in(review.history))
    );
    let leads_in = |w: Period| {
        c.dataset
            .leads
            .iter()
            .filter(|l| w.contains(l.created_at.date_naive()))
            .count()
    };
    let lead_now: usize = review
        .lead
        .comparisons
        .iter()
        .filter(|cut| cut.dimension == "segment")
        .map(|cut| cut.steps[0].current.entered)
        .sum();
    assert_eq!(lead_now, leads_in(review.current));
    for view in [&review.opportunity, &review.lead] {
        for cut in &view.comparisons {
            for s in &cut.steps {
                for rate in [s.current.conversion_rate, s.history.conversion_rate]
                    .into_iter()
                    .flatten()
                {
                    assert!((0.0..=1.0).contains(&rate));
                }
                assert_eq!(
                    s.current.converted + s.current.dropped + s.current.pending,
                    s.current.entered
                );
            }
        }
    }
}

#[test]
fn the_report_runs_end_to_end_and_prints() {
    let config = ForecastEvalConfig { simulation: sim() };
    let report = run(company(), config).unwrap();
    assert!(!report.backtest.is_empty() && !report.rules.is_empty() && !report.funnel.is_empty());
    let text = report.to_string();
    assert!(text.contains("Backtest") && text.contains("Risk rules"));
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("\"win_probability_source\""));
}
