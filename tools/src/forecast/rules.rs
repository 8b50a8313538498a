//! The deal risk rules: the versioned rule set shipped with the analytics crate
//! (`analytics/config/risk_rules.json`, embedded at build time so the tools read no file), and
//! their evaluation on today's open deals against stage norms learnt from the visible history.

use chrono::NaiveDate;
use revpulse_analytics::forecast::risk_rules::{RiskHit, RiskRuleSet, RuleContext, evaluate};
use revpulse_analytics::forecast::stage_time::StageDurations;

use super::deal_book::DealBook;
use crate::ToolError;

/// The rules file shipped with the analytics crate.
const RULES_JSON: &str = include_str!("../../../analytics/config/risk_rules.json");

/// The shipped rule set, parsed and validated.
pub(crate) fn shipped_rules() -> Result<RiskRuleSet, ToolError> {
    let rules: RiskRuleSet =
        serde_json::from_str(RULES_JSON).map_err(|e| ToolError::analytics("risk rules", e))?;
    rules
        .validate()
        .map_err(|e| ToolError::analytics("risk rules", e))?;
    Ok(rules)
}

/// Runs the enabled rules on every deal open at the end of `today`, with stage norms learnt
/// from the stays completed by then: (deal id, hits) for each deal.
pub(crate) fn hits_today(
    book: &DealBook,
    rules: &RiskRuleSet,
    today: NaiveDate,
) -> Vec<(String, Vec<RiskHit>)> {
    let records: Vec<_> = book.deals.values().map(|d| d.record.clone()).collect();
    let durations = StageDurations::fit(&records, today);
    let context = RuleContext::new(rules, &durations);
    records
        .iter()
        .map(|r| (r.id.clone(), evaluate(rules, &r.as_of(today), &context)))
        .collect()
}
