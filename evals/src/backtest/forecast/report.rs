//! The forecast evaluation's report: plain rows (serializable, printable) gathered from the
//! quarter forecast, the backtest, the risk review, slippage and the funnels.

use chrono::NaiveDate;
use revpulse_analytics::forecast::backtest::BacktestReport;
use revpulse_analytics::forecast::funnel_compare::CutComparison;
use revpulse_analytics::forecast::significance::TestMethod;
use serde::Serialize;

use super::funnel::FunnelReview;
use super::quarter::QuarterForecast;
use super::risk::RiskReview;
use super::slippage::SlippageReview;

/// Everything the forecast evaluation found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastEvalReport {
    /// The company's "today".
    pub as_of: NaiveDate,
    /// Where win probabilities came from.
    pub win_probability_source: String,
    /// This quarter.
    pub quarter: QuarterSummary,
    /// Backtest accuracy per week and method.
    pub backtest: Vec<BacktestRow>,
    /// Backtest P10–P90 coverage per week.
    pub coverage: Vec<CoverageRow>,
    /// Version of the risk rules.
    pub rules_version: String,
    /// Each rule's track record and today's hits.
    pub rules: Vec<RuleRow>,
    /// Today's riskiest open deals.
    pub at_risk: Vec<AtRiskRow>,
    /// Flags raised today per kind.
    pub flags: Vec<FlagCountRow>,
    /// New pipeline creation against its baseline.
    pub creation: Option<CreationRow>,
    /// Funnel steps per cut, last full quarter against the four before.
    pub funnel: Vec<FunnelRow>,
}

/// This quarter's forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterSummary {
    /// The quarter's first day.
    pub start: NaiveDate,
    /// Company quota.
    pub quota: i64,
    /// Won so far.
    pub closed: i64,
    /// Closed + commit.
    pub commit_forecast: i64,
    /// Closed + commit + best case.
    pub best_case_forecast: i64,
    /// Open amount due in the quarter.
    pub open_pipeline: i64,
    /// Closed + Σ amount × win probability.
    pub model_expected: f64,
    /// Simulated P10.
    pub p10: f64,
    /// Simulated P50.
    pub p50: f64,
    /// Simulated P90.
    pub p90: f64,
    /// Chance of making quota.
    pub attainment_probability: Option<f64>,
    /// Quota − risk-adjusted expectation.
    pub gap: f64,
    /// Roll-ups per dimension and value.
    pub groups: Vec<GroupRow>,
    /// Deals explaining most of the gap.
    pub gap_deals: Vec<GapRow>,
}

/// One group's roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    /// Dimension.
    pub dimension: String,
    /// Value.
    pub value: String,
    /// Deals.
    pub deals: usize,
    /// Closed.
    pub closed: i64,
    /// Commit (open).
    pub commit: i64,
    /// Best case (open).
    pub best_case: i64,
    /// Pipeline (open).
    pub pipeline: i64,
    /// Model-expected.
    pub model_expected: f64,
}

/// One deal behind the gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapRow {
    /// Deal.
    pub deal_id: String,
    /// Amount.
    pub amount: i64,
    /// Win probability.
    pub win_probability: f64,
    /// Slip probability.
    pub slip_probability: f64,
    /// Expected shortfall.
    pub expected_shortfall: f64,
    /// Share of the quarter's total expected shortfall.
    pub share_of_shortfall: f64,
}

/// Backtest accuracy of one method at one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestRow {
    /// Week.
    pub week: u32,
    /// Method.
    pub method: &'static str,
    /// Quarters.
    pub periods: usize,
    /// Mean error (bias).
    pub mean_error: f64,
    /// Mean absolute error.
    pub mean_abs_error: f64,
    /// Mean absolute percentage error.
    pub mean_abs_pct_error: Option<f64>,
}

/// P10–P90 coverage at one week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    /// Week.
    pub week: u32,
    /// Quarters.
    pub periods: usize,
    /// Quarters whose actual fell inside the range.
    pub inside: usize,
}

/// One rule's record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleRow {
    /// Rule.
    pub rule_id: String,
    /// Enabled.
    pub enabled: bool,
    /// Snapshots judged.
    pub observations: usize,
    /// Flagged.
    pub flagged: usize,
    /// Precision.
    pub precision: Option<f64>,
    /// Base rate.
    pub base_rate: Option<f64>,
    /// Lift.
    pub lift: Option<f64>,
    /// Recall.
    pub recall: Option<f64>,
    /// Open deals it flags today.
    pub live_hits: usize,
}

/// A risky open deal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtRiskRow {
    /// Deal.
    pub deal_id: String,
    /// Amount.
    pub amount: i64,
    /// Rules that fired.
    pub rules: Vec<String>,
}

/// Flags of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagCountRow {
    /// Kind.
    pub kind: &'static str,
    /// Flags raised.
    pub flags: usize,
}

/// The creation check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreationRow {
    /// First week of the window.
    pub window_start: NaiveDate,
    /// Weekly mean in the window.
    pub window_mean: f64,
    /// Weekly mean in the baseline.
    pub baseline_mean: f64,
    /// z-score.
    pub z: Option<f64>,
    /// One-sided p-value.
    pub p_value: Option<f64>,
    /// Significantly below baseline.
    pub falling: bool,
}

/// One funnel step of one cut.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelRow {
    /// "opportunity" or "lead".
    pub funnel: &'static str,
    /// Dimension.
    pub dimension: String,
    /// Value.
    pub value: String,
    /// From stage.
    pub from_stage: &'static str,
    /// To stage.
    pub to_stage: &'static str,
    /// Current conversion.
    pub current_rate: Option<f64>,
    /// Historical conversion.
    pub history_rate: Option<f64>,
    /// Current − history.
    pub change: Option<f64>,
    /// Deals judged now.
    pub current_judged: usize,
    /// Deals judged in history.
    pub history_judged: usize,
    /// Test used.
    pub test: Option<&'static str>,
    /// p-value.
    pub p_value: Option<f64>,
    /// Significant at 5%.
    pub significant: bool,
    /// Median days to convert now.
    pub current_median_days: Option<f64>,
    /// Median days to convert in history.
    pub history_median_days: Option<f64>,
}

/// Today's riskiest deals listed.
const AT_RISK_ROWS: usize = 10;

/// Assembles the report from its parts.
pub fn assemble(
    source: &str,
    quarter: &QuarterForecast,
    backtest: &BacktestReport,
    risk: &RiskReview,
    slippage: &SlippageReview,
    funnel: &FunnelReview,
) -> ForecastEvalReport {
    ForecastEvalReport {
        as_of: quarter.as_of,
        win_probability_source: source.to_string(),
        quarter: super::report_rows::quarter_summary(quarter),
        backtest: super::report_rows::backtest_rows(backtest),
        coverage: backtest
            .coverage
            .iter()
            .map(|c| CoverageRow {
                week: c.week,
                periods: c.periods,
                inside: c.inside,
            })
            .collect(),
        rules_version: risk.version.clone(),
        rules: super::report_rows::rule_rows(risk),
        at_risk: risk
            .live
            .iter()
            .take(AT_RISK_ROWS)
            .map(|(id, amount, hits)| AtRiskRow {
                deal_id: id.clone(),
                amount: *amount,
                rules: hits.iter().map(|h| h.rule_id.clone()).collect(),
            })
            .collect(),
        flags: slippage
            .counts
            .iter()
            .map(|(k, n)| FlagCountRow { kind: k, flags: *n })
            .collect(),
        creation: slippage.creation.as_ref().map(|c| CreationRow {
            window_start: c.window_start,
            window_mean: c.window_mean,
            baseline_mean: c.baseline_mean,
            z: c.z,
            p_value: c.p_value,
            falling: c.falling,
        }),
        funnel: [("opportunity", &funnel.opportunity), ("lead", &funnel.lead)]
            .into_iter()
            .flat_map(|(name, view)| funnel_rows(name, &view.stages, &view.comparisons))
            .collect(),
    }
}

fn funnel_rows(
    name: &'static str,
    stages: &[&'static str],
    cuts: &[CutComparison],
) -> Vec<FunnelRow> {
    let mut rows = Vec::new();
    for cut in cuts {
        for step in &cut.steps {
            let from = step.current.from;
            rows.push(FunnelRow {
                funnel: name,
                dimension: cut.dimension.clone(),
                value: cut.value.clone(),
                from_stage: stages.get(from).copied().unwrap_or("?"),
                to_stage: stages.get(from + 1).copied().unwrap_or("?"),
                current_rate: step.current.conversion_rate,
                history_rate: step.history.conversion_rate,
                change: step.change,
                current_judged: step.current.converted + step.current.dropped,
                history_judged: step.history.converted + step.history.dropped,
                test: step.test.map(|t| match t.method {
                    TestMethod::TwoProportionZ => "two_proportion_z",
                    TestMethod::FisherExact => "fisher_exact",
                }),
                p_value: step.test.map(|t| t.p_value),
                significant: step.test.is_some_and(|t| t.significant),
                current_median_days: step.current.median_days,
                history_median_days: step.history.median_days,
            });
        }
    }
    rows
}
