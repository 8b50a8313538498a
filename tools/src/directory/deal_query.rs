//! The `deals` tool's filters once resolved against the caller's records: which deals a
//! listing is about, and the order it shows them in.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use revpulse_graph::model::{CompanyDataset, Opportunity};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::deals::DealsArgs;
use super::lookup;
use super::vocabulary::{DealForecastCategory, DealStage, DealStatus};
use crate::{DateRange, Scope, ToolError};

/// The order deals are listed in (ties by deal id).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DealOrder {
    /// Largest amount first.
    #[default]
    AmountDesc,
    /// Earliest close date first.
    CloseDateAsc,
    /// By deal name, A to Z.
    Name,
}

impl DealOrder {
    /// Compares two deals in this order, then by id.
    pub fn compare(self, a: &Opportunity, b: &Opportunity) -> Ordering {
        let first = match self {
            Self::AmountDesc => b.amount.cmp(&a.amount),
            Self::CloseDateAsc => a.close_date.cmp(&b.close_date),
            Self::Name => a.name.cmp(&b.name),
        };
        first.then_with(|| a.id.cmp(&b.id))
    }
}

/// The resolved filters of one `deals` call.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DealQuery {
    stage: Option<DealStage>,
    status: Option<DealStatus>,
    region: Option<String>,
    owners: Option<BTreeSet<String>>,
    accounts: Option<BTreeSet<String>>,
    forecast_category: Option<DealForecastCategory>,
    closing_from: Option<NaiveDate>,
    closing_to: Option<NaiveDate>,
    min_amount: Option<i64>,
}

impl DealQuery {
    /// Checks `args` and resolves its references against the caller's records.
    pub fn resolve(
        tool: &str,
        scope: &Scope,
        company: &CompanyDataset,
        args: &DealsArgs,
    ) -> Result<Self, ToolError> {
        if let (Some(from), Some(to)) = (args.closing_from, args.closing_to) {
            DateRange::new(from, to, tool)?;
        }
        Ok(Self {
            stage: args.stage,
            status: args.status,
            region: args
                .region
                .as_deref()
                .map(|r| lookup::region(tool, scope, company, r))
                .transpose()?,
            owners: args
                .owner
                .as_deref()
                .map(|o| lookup::owners(tool, company, o))
                .transpose()?,
            accounts: args
                .account
                .as_deref()
                .map(|a| lookup::accounts(tool, company, a))
                .transpose()?,
            forecast_category: args.forecast_category,
            closing_from: args.closing_from,
            closing_to: args.closing_to,
            min_amount: args.min_amount,
        })
    }

    /// Whether `deal`, on an account in `region_id`, is one the listing is about.
    pub fn admits(&self, deal: &Opportunity, region_id: &str) -> bool {
        self.stage.is_none_or(|s| DealStage::from(deal.stage) == s)
            && self.status.is_none_or(|s| DealStatus::of(deal.stage) == s)
            && self.region.as_deref().is_none_or(|r| region_id == r)
            && self
                .owners
                .as_ref()
                .is_none_or(|o| o.contains(&deal.owner_id))
            && self
                .accounts
                .as_ref()
                .is_none_or(|a| a.contains(&deal.account_id))
            && self
                .forecast_category
                .is_none_or(|c| DealForecastCategory::from(deal.forecast_category) == c)
            && self.closing_from.is_none_or(|d| deal.close_date >= d)
            && self.closing_to.is_none_or(|d| deal.close_date <= d)
            && self.min_amount.is_none_or(|m| deal.amount >= m)
    }
}
