//! `accounts`: the caller's accounts as flat, typed rows with their open pipeline and their
//! recurring revenue today — filtered by region, industry, segment, owner, name and whether
//! they are customers, sorted and paginated — for browsing from the GraphQL API and MCP.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use revpulse_graph::model::Account;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::account_figures::{AccountFigures, account_figures};
use super::account_query::{AccountOrder, AccountQuery};
use super::page::{Page, default_limit};
use super::vocabulary::AccountSegment;
use crate::{Source, Tool, ToolContext, ToolError};

/// Arguments of [`AccountsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountsArgs {
    /// Only accounts in this region (region id or name, any case).
    #[serde(default)]
    pub region: Option<String>,
    /// Only accounts in this industry (any case), e.g. `Healthcare`.
    #[serde(default)]
    pub industry: Option<String>,
    /// Only accounts of this size band.
    #[serde(default)]
    pub segment: Option<AccountSegment>,
    /// Only accounts owned by this user (user id or full name, any case).
    #[serde(default)]
    pub owner: Option<String>,
    /// Only accounts whose name contains this text (any case).
    #[serde(default)]
    pub name: Option<String>,
    /// Only customers: accounts with a contract in force today.
    #[serde(default)]
    pub customer_only: bool,
    /// Order: name (default), open_pipeline_desc or arr_desc; ties by account id.
    #[serde(default)]
    pub sort: AccountOrder,
    /// Rows per page (default 50, at most 500).
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// Matching rows to skip before the page starts (default 0).
    #[serde(default)]
    pub offset: usize,
}

/// One account as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AccountListing {
    /// Account id.
    pub id: String,
    /// Company name.
    pub name: String,
    /// Region id.
    pub region_id: String,
    /// Industry.
    pub industry: String,
    /// Size band.
    pub segment: AccountSegment,
    /// Employee count.
    pub employees: i64,
    /// The account owner's user id.
    pub owner_id: String,
    /// The account owner's name (the id when the user record is not visible).
    pub owner_name: String,
    /// Sum of the current amounts of its open deals you can see, whole dollars.
    pub open_pipeline: i64,
    /// Its open deals you can see.
    pub open_deals: i64,
    /// ARR of its contracts in force today, whole dollars (0 for a prospect).
    pub arr: i64,
    /// The next renewal of a contract in force today (none for a prospect).
    pub renewal_date: Option<NaiveDate>,
}

/// A page of accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AccountsOutput {
    /// Accounts matching the filters, before pagination.
    pub total: i64,
    /// This page, in the requested order.
    pub rows: Vec<AccountListing>,
    /// The accounts on this page.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(AccountsOutput);

/// Lists the caller's accounts.
pub struct AccountsTool;

#[async_trait]
impl Tool for AccountsTool {
    const NAME: &'static str = "accounts";
    const DESCRIPTION: &'static str = "List the accounts you can see with region, industry, \
        segment, owner, open pipeline, open deal count, ARR in force today and next renewal \
        date, filtered by region, industry, segment, owner, name or customers only, sorted by \
        name, open pipeline or ARR and paginated (limit/offset, total before paging).";
    type Args = AccountsArgs;
    type Output = AccountsOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: AccountsArgs,
    ) -> Result<AccountsOutput, ToolError> {
        let page = Page::new(Self::NAME, args.limit, args.offset)?;
        let company = ctx.company().await?;
        let query = AccountQuery::resolve(Self::NAME, ctx.scope(), &company, &args)?;
        let figures = account_figures(&company, ctx.today());
        let mut accounts: Vec<(&Account, AccountFigures)> = company
            .accounts
            .iter()
            .map(|a| (a, figures.get(a.id.as_str()).copied().unwrap_or_default()))
            .filter(|(a, f)| query.admits(a, f))
            .collect();
        accounts.sort_by(|(a, af), (b, bf)| args.sort.compare((a, af), (b, bf)));
        let (total, accounts) = page.cut(accounts);
        let users: BTreeMap<&str, &str> = company
            .users
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect();
        Ok(AccountsOutput {
            total,
            sources: accounts
                .iter()
                .map(|(a, _)| Source::record("Account", &a.id, &a.name))
                .collect(),
            rows: accounts
                .into_iter()
                .map(|(a, f)| listing(a, f, &users))
                .collect(),
        })
    }
}

/// The row of `account` with its figures and its owner's name.
fn listing(
    account: &Account,
    figures: AccountFigures,
    users: &BTreeMap<&str, &str>,
) -> AccountListing {
    AccountListing {
        id: account.id.clone(),
        name: account.name.clone(),
        region_id: account.region_id.clone(),
        industry: account.industry.clone(),
        segment: account.segment.into(),
        employees: account.employees,
        owner_id: account.owner_id.clone(),
        owner_name: users
            .get(account.owner_id.as_str())
            .map_or(account.owner_id.as_str(), |n| n)
            .to_owned(),
        open_pipeline: figures.open_pipeline,
        open_deals: figures.open_deals,
        arr: figures.arr,
        renewal_date: figures.renewal_date,
    }
}
