//! The customer tools: which renewals are at risk of churn and why, where the upsell
//! opportunities are, one account's health summary and its timeline — all from the caller's
//! scoped records (stored fields only: a read-back from the graph has no ticket comments or
//! call turns), scored by revpulse-analytics' churn model (fitted once per scope and day, see
//! [`cache`]) and expansion rule.

pub mod account_health;
pub mod account_timeline;
pub mod book;
pub mod cache;
pub mod churn_model;
pub mod churn_risk;
pub mod expansion;
pub mod expansion_opportunities;
pub mod health;
pub mod health_facts;
pub mod region;
pub mod renewal_deals;
pub mod signals;
pub mod timeline;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub mod tests;

use crate::Catalogue;
use account_health::AccountHealthTool;
use account_timeline::AccountTimelineTool;
use churn_risk::ChurnRiskTool;
use expansion_opportunities::ExpansionOpportunitiesTool;

/// Registers this family's tools.
pub(crate) fn register(catalogue: &mut Catalogue) {
    catalogue
        .register(ChurnRiskTool)
        .register(ExpansionOpportunitiesTool)
        .register(AccountHealthTool)
        .register(AccountTimelineTool);
}
