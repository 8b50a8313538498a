//! The shipped risk rules on the demo company: each rule's historical precision, measured on
//! the deals open at weeks 2, 6 and 10 of every past full quarter against what happened to them
//! next, and the rules evaluated on today's open deals with that precision attached.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use revpulse_analytics::forecast::risk_rules::{RiskHit, RiskRuleSet, RuleContext, evaluate};
use revpulse_analytics::forecast::rule_precision::{
    RuleObservation, RulePrecision, SnapshotOutcome, historical_precision, precision_by_rule,
};
use revpulse_analytics::forecast::stage_time::StageDurations;
use revpulse_analytics::forecast::{Period, SalesStage};

use super::ForecastEvalError;
use super::as_of::{quarters_between, week_day};
use super::records::DealBook;
use super::weekly::WARM_UP_QUARTERS;

/// The rules file shipped with analytics.
pub const RULES_JSON: &str = include_str!("../../../../analytics/config/risk_rules.json");

/// Weeks of each past quarter at which open deals are snapshotted.
pub const SNAPSHOT_WEEKS: [u32; 3] = [2, 6, 10];

/// The shipped rule set, parsed and validated.
pub fn shipped_rules() -> Result<RiskRuleSet, ForecastEvalError> {
    let rules: RiskRuleSet = serde_json::from_str(RULES_JSON)?;
    rules.validate()?;
    Ok(rules)
}

/// What happened to deal `i` after a snapshot at which its close date was `close`: lost; won
/// inside the quarter `close` fell in (on track); or not won by that quarter's end (slipped out
/// of the quarter it was forecast in). `None` while that cannot be known yet.
pub fn outcome(
    book: &DealBook,
    i: usize,
    close: NaiveDate,
    today: NaiveDate,
) -> Option<SnapshotOutcome> {
    let facts = &book.facts[i];
    let due_by = Period::quarter_containing(close).end();
    match (facts.final_stage, facts.closed_on) {
        (SalesStage::ClosedLost, _) => Some(SnapshotOutcome::Lost),
        (SalesStage::ClosedWon, Some(on)) if on <= due_by => Some(SnapshotOutcome::OnTrack),
        (SalesStage::ClosedWon, _) => Some(SnapshotOutcome::Slipped),
        _ => (due_by < today).then_some(SnapshotOutcome::Slipped),
    }
}

/// Every open deal at every snapshot day, with its outcome.
pub fn observations(
    book: &DealBook,
    history_start: NaiveDate,
    today: NaiveDate,
) -> Vec<RuleObservation<'_>> {
    let mut out = Vec::new();
    for period in quarters_between(history_start, today)
        .into_iter()
        .skip(WARM_UP_QUARTERS)
    {
        for week in SNAPSHOT_WEEKS {
            let day = week_day(period, week);
            for (i, record) in book.records.iter().enumerate() {
                let deal = record.as_of(day);
                let Some(close) = deal.close_date().filter(|_| deal.is_open()) else {
                    continue;
                };
                if let Some(outcome) = outcome(book, i, close, today) {
                    out.push(RuleObservation { deal, outcome });
                }
            }
        }
    }
    out
}

/// The rules' track record and today's hits.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskReview {
    /// Version of the rule set.
    pub version: String,
    /// Each rule's historical precision.
    pub precision: Vec<RulePrecision>,
    /// Today's open deals with at least one hit: (deal id, amount, hits), riskiest first
    /// (amount × hits).
    pub live: Vec<(String, i64, Vec<RiskHit>)>,
    /// Today's hits per rule.
    pub hits_per_rule: BTreeMap<String, usize>,
}

/// Measures the rules on past snapshots and runs them on today's open deals.
pub fn risk_review(
    book: &DealBook,
    rules: &RiskRuleSet,
    history_start: NaiveDate,
    today: NaiveDate,
) -> RiskReview {
    let precision = historical_precision(
        rules,
        &observations(book, history_start, today),
        &book.records,
    );
    let durations = StageDurations::fit(&book.records, today);
    let context = RuleContext::new(rules, &durations).with_precision(precision_by_rule(&precision));
    let mut live = Vec::new();
    let mut hits_per_rule: BTreeMap<String, usize> = BTreeMap::new();
    for record in &book.records {
        let deal = record.as_of(today);
        let hits = evaluate(rules, &deal, &context);
        for h in &hits {
            *hits_per_rule.entry(h.rule_id.clone()).or_default() += 1;
        }
        if !hits.is_empty() {
            live.push((record.id.clone(), deal.amount().unwrap_or(0), hits));
        }
    }
    live.sort_by(|a, b| {
        let risk = |x: &(String, i64, Vec<RiskHit>)| x.1 * x.2.len() as i64;
        risk(b).cmp(&risk(a)).then(a.0.cmp(&b.0))
    });
    RiskReview {
        version: rules.version.clone(),
        precision,
        live,
        hits_per_rule,
    }
}
