//! Flattening the analytics results into report rows.

use revpulse_analytics::forecast::backtest::BacktestReport;

use super::quarter::QuarterForecast;
use super::report::{BacktestRow, GapRow, GroupRow, QuarterSummary, RuleRow};
use super::risk::RiskReview;

/// The quarter's headline numbers, groups and gap deals.
pub fn quarter_summary(q: &QuarterForecast) -> QuarterSummary {
    let range = q.gap.range;
    QuarterSummary {
        start: q.period.start(),
        quota: q.gap.quota,
        closed: q.total.closed,
        commit_forecast: q.total.commit_forecast(),
        best_case_forecast: q.total.best_case_forecast(),
        open_pipeline: q.total.open_pipeline(),
        model_expected: q.total.model_expected,
        p10: range.map_or(0.0, |r| r.p10),
        p50: range.map_or(0.0, |r| r.p50),
        p90: range.map_or(0.0, |r| r.p90),
        attainment_probability: q.gap.attainment_probability,
        gap: q.gap.gap,
        groups: q
            .by
            .iter()
            .flat_map(|(dimension, groups)| {
                groups.iter().map(move |(value, r)| GroupRow {
                    dimension: dimension.clone(),
                    value: value.clone(),
                    deals: r.deals,
                    closed: r.closed,
                    commit: r.commit,
                    best_case: r.best_case,
                    pipeline: r.pipeline,
                    model_expected: r.model_expected,
                })
            })
            .collect(),
        gap_deals: q
            .gap
            .drivers
            .iter()
            .map(|d| GapRow {
                deal_id: d.deal_id.clone(),
                amount: d.amount,
                win_probability: d.win_probability.value(),
                slip_probability: d.slip_probability.value(),
                expected_shortfall: d.expected_shortfall,
                share_of_shortfall: d.share_of_shortfall,
            })
            .collect(),
    }
}

/// One row per week and method.
pub fn backtest_rows(b: &BacktestReport) -> Vec<BacktestRow> {
    b.by_week
        .iter()
        .map(|w| BacktestRow {
            week: w.week,
            method: w.method.as_str(),
            periods: w.periods,
            mean_error: w.mean_error,
            mean_abs_error: w.mean_abs_error,
            mean_abs_pct_error: w.mean_abs_pct_error,
        })
        .collect()
}

/// One row per rule.
pub fn rule_rows(r: &RiskReview) -> Vec<RuleRow> {
    r.precision
        .iter()
        .map(|p| RuleRow {
            rule_id: p.rule_id.clone(),
            enabled: p.enabled,
            observations: p.observations,
            flagged: p.flagged,
            precision: p.precision,
            base_rate: p.base_rate,
            lift: p.lift,
            recall: p.recall,
            live_hits: r.hits_per_rule.get(&p.rule_id).copied().unwrap_or(0),
        })
        .collect()
}
