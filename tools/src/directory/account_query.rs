//! The `accounts` tool's filters once resolved against the caller's records: which accounts a
//! listing is about, and the order it shows them in.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use revpulse_graph::model::{Account, CompanyDataset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::account_figures::AccountFigures;
use super::accounts::AccountsArgs;
use super::lookup;
use super::page::{contains_folded, folded_text};
use super::vocabulary::AccountSegment;
use crate::{Scope, ToolError};

/// The order accounts are listed in (ties by account id).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountOrder {
    /// By account name, A to Z.
    #[default]
    Name,
    /// Largest open pipeline first.
    OpenPipelineDesc,
    /// Largest ARR first.
    ArrDesc,
}

impl AccountOrder {
    /// Compares two accounts with their figures in this order, then by id.
    pub(crate) fn compare(
        self,
        (a, a_figures): (&Account, &AccountFigures),
        (b, b_figures): (&Account, &AccountFigures),
    ) -> Ordering {
        let first = match self {
            Self::Name => a.name.cmp(&b.name),
            Self::OpenPipelineDesc => b_figures.open_pipeline.cmp(&a_figures.open_pipeline),
            Self::ArrDesc => b_figures.arr.cmp(&a_figures.arr),
        };
        first.then_with(|| a.id.cmp(&b.id))
    }
}

/// The resolved filters of one `accounts` call.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct AccountQuery {
    region: Option<String>,
    industry: Option<String>,
    segment: Option<AccountSegment>,
    owners: Option<BTreeSet<String>>,
    name: Option<String>,
    customer_only: bool,
}

impl AccountQuery {
    /// Checks `args` and resolves its references against the caller's records.
    pub fn resolve(
        tool: &str,
        scope: &Scope,
        company: &CompanyDataset,
        args: &AccountsArgs,
    ) -> Result<Self, ToolError> {
        Ok(Self {
            region: args
                .region
                .as_deref()
                .map(|r| lookup::region(tool, scope, company, r))
                .transpose()?,
            industry: args
                .industry
                .as_deref()
                .map(|i| lookup::industry(tool, company, i))
                .transpose()?,
            segment: args.segment,
            owners: args
                .owner
                .as_deref()
                .map(|o| lookup::owners(tool, company, o))
                .transpose()?,
            name: args
                .name
                .as_deref()
                .map(|n| folded_text(tool, "name", n))
                .transpose()?,
            customer_only: args.customer_only,
        })
    }

    /// Whether `account`, with its `figures`, is one the listing is about.
    pub fn admits(&self, account: &Account, figures: &AccountFigures) -> bool {
        self.region.as_ref().is_none_or(|r| &account.region_id == r)
            && self
                .industry
                .as_ref()
                .is_none_or(|i| &account.industry == i)
            && self
                .segment
                .is_none_or(|s| AccountSegment::from(account.segment) == s)
            && self
                .owners
                .as_ref()
                .is_none_or(|o| o.contains(&account.owner_id))
            && self
                .name
                .as_deref()
                .is_none_or(|n| contains_folded(&account.name, n))
            && (!self.customer_only || figures.is_customer())
    }
}
