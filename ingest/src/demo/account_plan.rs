//! What happens to one account, as plain data: its leads, deals, contracts and contract terms
//! (the unit a customer renews or churns on), plus booking a win that freshness planting moved
//! to today.

use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;

use super::calendar::{add_days, add_months};
use super::churn_model::{TermHealth, sample_health};
use super::deal_plan::{DealKind, DealPlan};
use super::leads::LeadPlan;

/// One subscription contract (local to the account).
#[derive(Debug, Clone)]
pub(crate) struct ContractPlan {
    pub line: usize,
    pub product: usize,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub seats: i64,
    pub arr: i64,
    /// The won deal that created it.
    pub deal: Option<usize>,
    pub term: usize,
    pub successor: Option<usize>,
    pub renewal_deal: Option<usize>,
}

/// One contract term of a customer: all its contracts renew (or churn) together at `end`.
#[derive(Debug, Clone)]
pub(crate) struct TermPlan {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub health: TermHealth,
    pub contracts: Vec<usize>,
    pub expansion_deals: Vec<usize>,
}

/// Everything that happens to one account.
#[derive(Debug, Clone, Default)]
pub(crate) struct AccountPlan {
    pub leads: Vec<LeadPlan>,
    pub deals: Vec<DealPlan>,
    pub contracts: Vec<ContractPlan>,
    pub terms: Vec<TermPlan>,
    pub churned_on: Option<NaiveDate>,
}

/// The last day of a one-year term starting on `start`.
pub(crate) fn term_end(start: NaiveDate) -> NaiveDate {
    add_days(add_months(start, 12), -1)
}

/// Books a deal won on or before today after the simulation (used when freshness planting
/// moves a future win to today): starts the customer's term or adds the expansion contract.
pub(crate) fn book_late_win(
    plan: &mut AccountPlan,
    deal: usize,
    rng: &mut ChaCha8Rng,
    segment: revpulse_graph::model::Segment,
) {
    let d = &plan.deals[deal];
    let (kind, close, line, product, seats) = (d.kind, d.close, d.line, d.product, d.seats);
    let arr = d.timeline.final_amount();
    match kind {
        DealKind::NewBusiness => {
            let health = sample_health(rng, segment, line);
            let term = plan.terms.len();
            plan.terms.push(TermPlan {
                start: close,
                end: term_end(close),
                health,
                contracts: vec![plan.contracts.len()],
                expansion_deals: Vec::new(),
            });
            plan.contracts.push(ContractPlan {
                line,
                product,
                start: close,
                end: term_end(close),
                seats,
                arr,
                deal: Some(deal),
                term,
                successor: None,
                renewal_deal: None,
            });
        }
        DealKind::Expansion => {
            if let Some(term) = plan.terms.len().checked_sub(1) {
                let end = plan.terms[term].end;
                plan.terms[term].contracts.push(plan.contracts.len());
                plan.contracts.push(ContractPlan {
                    line,
                    product,
                    start: close,
                    end,
                    seats,
                    arr,
                    deal: Some(deal),
                    term,
                    successor: None,
                    renewal_deal: None,
                });
            }
        }
        DealKind::Renewal => {}
    }
}
