//! A risk rule's evidence in words: one template per evidence kind, holding only dates,
//! numbers, stage names and contact ids from the records.

use chrono::NaiveDate;
use revpulse_analytics::forecast::risk_rules::RiskEvidence;

/// The evidence of a rule hit, e.g. "last buyer touch 2025-10-02 (43 days ago)".
pub(crate) fn flag_evidence(evidence: &RiskEvidence, today: NaiveDate) -> String {
    match evidence {
        RiskEvidence::NoActivity {
            last_touch_on: Some(on),
            days_silent,
        } => format!("last buyer touch {on} ({days_silent} days ago)"),
        RiskEvidence::NoActivity {
            last_touch_on: None,
            days_silent,
        } => format!("no buyer touch since the deal was created {days_silent} days ago"),
        RiskEvidence::SingleThreaded { engaged_contacts } if engaged_contacts.is_empty() => {
            "no buyer contact engaged in the window".to_owned()
        }
        RiskEvidence::SingleThreaded { engaged_contacts } => format!(
            "buyer contacts engaged in the window: {}",
            engaged_contacts.join(", ")
        ),
        RiskEvidence::NoExecutiveEngagement {
            last_engaged_on,
            executives_named,
        } => {
            let last = last_engaged_on.map_or_else(
                || "never".to_owned(),
                |on| format!("{on} ({} days ago)", (today - on).num_days()),
            );
            format!(
                "last exec sponsor or economic buyer engagement: {last}; {executives_named} \
                 named on the deal"
            )
        }
        RiskEvidence::ClosePushed { pushes } => {
            let moves: Vec<String> = pushes
                .iter()
                .map(|p| format!("{} → {} (on {})", p.from, p.to, p.on))
                .collect();
            format!("close date pushes: {}", moves.join("; "))
        }
        RiskEvidence::Stalled(age) => format!(
            "in {} since {} ({} days), longer than {:.0}% of {} past stays; the P{:.0} is {:.0} \
             days",
            age.stage.as_str(),
            age.entered_on,
            age.days,
            age.percentile * 100.0,
            age.samples,
            age.quantile * 100.0,
            age.norm_days
        ),
        RiskEvidence::PricingNotDiscussed { stage } => format!(
            "at {} and no call, email or meeting mentioned price, a discount or a quote",
            stage.as_str()
        ),
    }
}
