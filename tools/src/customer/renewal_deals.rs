//! The renewal deal of a contract: the account's `renewal` opportunity for the same product
//! line opened during the contract's term and due by shortly after its renewal date. A won one
//! means the renewal is already signed (no longer a churn question); a lost one means the
//! customer declined it.

use chrono::{Duration, NaiveDate};
use revpulse_graph::model::{Contract, Opportunity, Stage};

use super::book::CustomerRecords;

/// A renewal deal may close this many days after the contract's renewal date.
const LATE_CLOSE_DAYS: i64 = 60;

/// Where a contract's renewal stands in the CRM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RenewalStanding<'a> {
    /// No renewal deal recorded.
    NoDeal,
    /// A renewal deal is being worked.
    Open(&'a Opportunity),
    /// The renewal deal was won: the renewal is signed.
    Signed(&'a Opportunity),
    /// The renewal deal was lost.
    Lost(&'a Opportunity),
}

/// The standing of `contract`'s renewal at the end of `today` (the latest-created matching deal
/// counts; a deal closed after `today` — an as-of question about the past — is still open).
pub(crate) fn standing<'a>(
    records: &CustomerRecords<'a>,
    contract: &Contract,
    today: NaiveDate,
) -> RenewalStanding<'a> {
    let latest_close = contract.renewal_date + Duration::days(LATE_CLOSE_DAYS);
    let deal = records
        .deals
        .iter()
        .copied()
        .filter(|d| d.deal_type == "renewal" && d.product_line_id == contract.product_line_id)
        .filter(|d| d.created_on > contract.start_date && d.created_on <= today)
        .filter(|d| d.close_date <= latest_close)
        .max_by(|a, b| (a.created_on, &a.id).cmp(&(b.created_on, &b.id)));
    match deal {
        None => RenewalStanding::NoDeal,
        Some(d) if d.close_date > today => RenewalStanding::Open(d),
        Some(d) => match d.stage {
            Stage::ClosedWon => RenewalStanding::Signed(d),
            Stage::ClosedLost => RenewalStanding::Lost(d),
            Stage::Prospecting
            | Stage::Qualification
            | Stage::Discovery
            | Stage::Proposal
            | Stage::Negotiation => RenewalStanding::Open(d),
        },
    }
}

/// Whether `contract`'s renewal is signed by the end of `today`.
pub(crate) fn is_signed(
    records: &CustomerRecords<'_>,
    contract: &Contract,
    today: NaiveDate,
) -> bool {
    matches!(
        standing(records, contract, today),
        RenewalStanding::Signed(_)
    )
}
