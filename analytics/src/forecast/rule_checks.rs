//! The engagement checks behind the risk rules — silence, single-threading, no executive in the
//! room — each reading only the touchpoints recorded by the deal's as-of day.

use std::collections::BTreeSet;

use super::record::DealAsOf;
use super::risk_rules::RiskEvidence;

/// Fires when the deal has had no touchpoint for more than `days` days (counting from its
/// creation when it never had one).
pub fn no_activity(deal: &DealAsOf<'_>, days: i64) -> Option<RiskEvidence> {
    let last_touch_on = deal.last_touch_on();
    let since = last_touch_on.or_else(|| deal.stage_history().first().map(|s| s.on))?;
    let days_silent = deal.days_since(since);
    (days_silent > days).then_some(RiskEvidence::NoActivity {
        last_touch_on,
        days_silent,
    })
}

/// Fires when at most `max_contacts` distinct buyer contacts took part in touchpoints of the
/// last `window_days` days.
pub fn single_threaded(
    deal: &DealAsOf<'_>,
    max_contacts: usize,
    window_days: i64,
) -> Option<RiskEvidence> {
    let engaged: BTreeSet<&str> = deal
        .touchpoints()
        .iter()
        .filter(|t| deal.days_since(t.on) < window_days)
        .flat_map(|t| t.contact_ids.iter().map(String::as_str))
        .collect();
    (engaged.len() <= max_contacts).then(|| RiskEvidence::SingleThreaded {
        engaged_contacts: engaged.into_iter().map(str::to_string).collect(),
    })
}

/// Fires when no exec sponsor or economic buyer took part in a touchpoint of the last `days`
/// days.
pub fn no_executive(deal: &DealAsOf<'_>, days: i64) -> Option<RiskEvidence> {
    let last_engaged_on = deal
        .touchpoints()
        .iter()
        .filter(|t| {
            t.contact_ids
                .iter()
                .any(|c| deal.role_of(c).is_some_and(|r| r.is_executive()))
        })
        .map(|t| t.on)
        .next_back();
    let recent = last_engaged_on.is_some_and(|on| deal.days_since(on) <= days);
    let executives_named = deal
        .contacts()
        .iter()
        .filter(|c| c.role.is_some_and(|r| r.is_executive()))
        .count();
    (!recent).then_some(RiskEvidence::NoExecutiveEngagement {
        last_engaged_on,
        executives_named,
    })
}
