//! `deals`: the caller's opportunities as flat, typed rows — filtered by stage, status, region,
//! owner, account, forecast category, close window and amount, sorted and paginated — so the
//! GraphQL API and MCP clients can browse deals the way a CRM list view does.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use revpulse_graph::model::{CompanyDataset, Opportunity};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::deal_query::{DealOrder, DealQuery};
use super::page::{Page, default_limit};
use super::vocabulary::{DealForecastCategory, DealStage, DealStatus};
use crate::{Source, Tool, ToolContext, ToolError};

/// Arguments of [`DealsTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealsArgs {
    /// Only deals in this stage.
    #[serde(default)]
    pub stage: Option<DealStage>,
    /// Only open, won or lost deals.
    #[serde(default)]
    pub status: Option<DealStatus>,
    /// Only deals of accounts in this region (region id or name, any case).
    #[serde(default)]
    pub region: Option<String>,
    /// Only deals owned by this rep (user id or full name, any case).
    #[serde(default)]
    pub owner: Option<String>,
    /// Only deals of this account (account id, or part of the account name; any case).
    #[serde(default)]
    pub account: Option<String>,
    /// Only deals with this forecast category.
    #[serde(default)]
    pub forecast_category: Option<DealForecastCategory>,
    /// Only deals closing on or after this day, `YYYY-MM-DD`.
    #[serde(default)]
    pub closing_from: Option<NaiveDate>,
    /// Only deals closing on or before this day, `YYYY-MM-DD`.
    #[serde(default)]
    pub closing_to: Option<NaiveDate>,
    /// Only deals of at least this amount, whole dollars.
    #[serde(default)]
    pub min_amount: Option<i64>,
    /// Order: amount_desc (default), close_date_asc or name; ties by deal id.
    #[serde(default)]
    pub sort: DealOrder,
    /// Rows per page (default 50, at most 500).
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// Matching rows to skip before the page starts (default 0).
    #[serde(default)]
    pub offset: usize,
}

/// One deal as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DealListing {
    /// Deal id.
    pub id: String,
    /// Deal name.
    pub name: String,
    /// The buying account's id.
    pub account_id: String,
    /// The buying account's name.
    pub account_name: String,
    /// The owning rep's user id.
    pub owner_id: String,
    /// The owning rep's name (the id when the user record is not visible).
    pub owner_name: String,
    /// The account's region id.
    pub region_id: String,
    /// Current stage.
    pub stage: DealStage,
    /// Current forecast category.
    pub forecast_category: DealForecastCategory,
    /// Current amount, whole dollars.
    pub amount: i64,
    /// Current expected (or actual) close date.
    pub close_date: NaiveDate,
    /// The CRM's probability as a fraction in [0, 1] (the rep's, not the win model's).
    pub probability: f64,
    /// When the deal was created.
    pub created_on: NaiveDate,
    /// Competitor the rep recorded on the deal, if any.
    pub primary_competitor: Option<String>,
}

/// A page of deals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DealsOutput {
    /// Deals matching the filters, before pagination.
    pub total: i64,
    /// This page, in the requested order.
    pub rows: Vec<DealListing>,
    /// The deals on this page.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(DealsOutput);

/// Lists the caller's deals.
pub struct DealsTool;

#[async_trait]
impl Tool for DealsTool {
    const NAME: &'static str = "deals";
    const DESCRIPTION: &'static str = "List the deals (opportunities) you can see with their \
        current account, owner, region, stage, forecast category, amount and close date, \
        filtered by stage, status, region, owner, account, forecast category, close window or \
        minimum amount, sorted and paginated (limit/offset, total before paging).";
    type Args = DealsArgs;
    type Output = DealsOutput;

    async fn call(&self, ctx: &ToolContext, args: DealsArgs) -> Result<DealsOutput, ToolError> {
        let page = Page::new(Self::NAME, args.limit, args.offset)?;
        let company = ctx.company().await?;
        let query = DealQuery::resolve(Self::NAME, ctx.scope(), &company, &args)?;
        let names = Names::new(&company);
        let mut deals: Vec<&Opportunity> = company
            .opportunities
            .iter()
            .filter(|d| query.admits(d, names.region_of(&d.account_id)))
            .collect();
        deals.sort_by(|a, b| args.sort.compare(a, b));
        let (total, deals) = page.cut(deals);
        Ok(DealsOutput {
            total,
            sources: deals
                .iter()
                .map(|d| Source::record("Opportunity", &d.id, &d.name))
                .collect(),
            rows: deals.into_iter().map(|d| names.listing(d)).collect(),
        })
    }
}

/// Account and user names by id, over the caller's records.
struct Names<'a> {
    accounts: BTreeMap<&'a str, (&'a str, &'a str)>,
    users: BTreeMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn new(company: &'a CompanyDataset) -> Self {
        Self {
            accounts: company
                .accounts
                .iter()
                .map(|a| (a.id.as_str(), (a.name.as_str(), a.region_id.as_str())))
                .collect(),
            users: company
                .users
                .iter()
                .map(|u| (u.id.as_str(), u.name.as_str()))
                .collect(),
        }
    }

    /// The account's region (empty when the account is not visible).
    fn region_of(&self, account_id: &str) -> &'a str {
        self.accounts.get(account_id).map_or("", |a| a.1)
    }

    fn listing(&self, deal: &Opportunity) -> DealListing {
        let account = self.accounts.get(deal.account_id.as_str());
        DealListing {
            id: deal.id.clone(),
            name: deal.name.clone(),
            account_id: deal.account_id.clone(),
            account_name: account.map_or(deal.account_id.as_str(), |a| a.0).to_owned(),
            owner_id: deal.owner_id.clone(),
            owner_name: self
                .users
                .get(deal.owner_id.as_str())
                .map_or(deal.owner_id.as_str(), |n| n)
                .to_owned(),
            region_id: account.map_or("", |a| a.1).to_owned(),
            stage: deal.stage.into(),
            forecast_category: deal.forecast_category.into(),
            amount: deal.amount,
            close_date: deal.close_date,
            probability: f64::from(deal.probability) / 100.0,
            created_on: deal.created_on,
            primary_competitor: deal.primary_competitor.clone(),
        }
    }
}
