//! The directory tools: flat, typed, paginated listings of the caller's deals, accounts and
//! campaigns, so the GraphQL API and MCP clients can browse the records the analytic tools
//! compute over. Every listing is read from the caller's scoped records, sorted with ties
//! broken by id, and cites each row it returns.

mod account_figures;
pub mod account_query;
pub mod accounts;
pub mod campaigns;
pub mod deal_query;
pub mod deals;
mod lookup;
mod page;
pub mod vocabulary;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;

use crate::Catalogue;
use accounts::AccountsTool;
use campaigns::CampaignsTool;
use deals::DealsTool;

/// Registers this family's tools.
pub(crate) fn register(catalogue: &mut Catalogue) {
    catalogue
        .register(DealsTool)
        .register(AccountsTool)
        .register(CampaignsTool);
}
