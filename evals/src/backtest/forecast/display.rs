//! The report as text, for the CLI: headline forecast, backtest error by week, rule precision,
//! flags and the funnel steps whose change is significant.

use std::fmt;

use super::funnel::{DEAL_HORIZON_DAYS, LEAD_HORIZON_DAYS};
use super::report::ForecastEvalReport;

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{:.1}%", 100.0 * v))
}

fn money(x: f64) -> String {
    format!("${:.0}k", x / 1000.0)
}

impl ForecastEvalReport {
    fn fmt_quarter(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = &self.quarter;
        writeln!(
            f,
            "Forecast for the quarter starting {} (as of {})",
            q.start, self.as_of
        )?;
        writeln!(f, "  win probability: {}", self.win_probability_source)?;
        writeln!(
            f,
            "  quota {}  closed {}  commit {}  best case {}  model-expected {}",
            money(q.quota as f64),
            money(q.closed as f64),
            money(q.commit_forecast as f64),
            money(q.best_case_forecast as f64),
            money(q.model_expected)
        )?;
        writeln!(
            f,
            "  P10 {}  P50 {}  P90 {}  chance of quota {}  gap {}",
            money(q.p10),
            money(q.p50),
            money(q.p90),
            pct(q.attainment_probability),
            money(q.gap)
        )?;
        for d in q.gap_deals.iter().take(5) {
            writeln!(
                f,
                "    {} {}  p_win {:.2}  p_slip {:.2}  shortfall {} ({})",
                d.deal_id,
                money(d.amount as f64),
                d.win_probability,
                d.slip_probability,
                money(d.expected_shortfall),
                pct(Some(d.share_of_shortfall))
            )?;
        }
        Ok(())
    }

    fn fmt_backtest(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Backtest: mean absolute % error by week")?;
        for row in &self.backtest {
            writeln!(
                f,
                "  week {:>2} {:<15} {:>7}  bias {:>9}  ({} quarters)",
                row.week,
                row.method,
                pct(row.mean_abs_pct_error),
                money(row.mean_error),
                row.periods
            )?;
        }
        let coverage: Vec<String> = self
            .coverage
            .iter()
            .map(|c| format!("w{} {}/{}", c.week, c.inside, c.periods))
            .collect();
        writeln!(f, "  P10–P90 held the actual: {}", coverage.join(", "))?;
        Ok(())
    }

    fn fmt_rules(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Risk rules v{}: historical precision",
            self.rules_version
        )?;
        for r in &self.rules {
            writeln!(
                f,
                "  {:<26} precision {:>6}  base {:>6}  lift {:>5}  flagged {:>5}/{:<5}  live {}",
                r.rule_id,
                pct(r.precision),
                pct(r.base_rate),
                r.lift.map_or_else(|| "—".into(), |l| format!("{l:.2}")),
                r.flagged,
                r.observations,
                r.live_hits
            )?;
        }
        for flag in &self.flags {
            writeln!(f, "  flag {:<30} {}", flag.kind, flag.flags)?;
        }
        if let Some(c) = &self.creation {
            writeln!(
                f,
                "  new pipeline since {}: {}/week vs baseline {}/week (z = {}, falling: {})",
                c.window_start,
                money(c.window_mean),
                money(c.baseline_mean),
                c.z.map_or_else(|| "—".into(), |z| format!("{z:.2}")),
                c.falling
            )?;
        }
        Ok(())
    }

    fn fmt_funnel(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Funnel changes (conversion within {DEAL_HORIZON_DAYS} days per deal stage, \
             {LEAD_HORIZON_DAYS} per lead stage; last full quarter vs the four before; \
             significant at 5% only)"
        )?;
        for r in self.funnel.iter().filter(|r| r.significant) {
            writeln!(
                f,
                "  {} {}={} {}→{}: {} → {} (p = {:.4}, {} vs {} judged)",
                r.funnel,
                r.dimension,
                r.value,
                r.from_stage,
                r.to_stage,
                pct(r.history_rate),
                pct(r.current_rate),
                r.p_value.unwrap_or(1.0),
                r.current_judged,
                r.history_judged
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for ForecastEvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_quarter(f)?;
        self.fmt_backtest(f)?;
        self.fmt_rules(f)?;
        self.fmt_funnel(f)
    }
}
