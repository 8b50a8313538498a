//! `churn_risk`: "which accounts are likely to churn before renewal?" — every visible account
//! with a contract renewing soon, scored by the fitted churn model, ranked by the ARR expected
//! to be lost (ARR up for renewal × churn probability) with the drivers behind each score.

use async_trait::async_trait;
use chrono::{Duration, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::book::{CustomerBook, CustomerRecords, after};
use super::churn_model::{fitted, score};
use super::region::{RegionFilter, check_limit};
use super::renewal_deals::{RenewalStanding, is_signed, standing};
use super::signals::{CustomerSignal, SignalDetail, churn_driver};
use crate::{Source, Tool, ToolContext, ToolError};

/// Drivers listed per account.
const DRIVERS: usize = 3;
/// Accounts cited at most.
const MAX_SOURCES: usize = 50;

fn default_within_days() -> u32 {
    180
}

fn default_limit() -> usize {
    10
}

/// Arguments of [`ChurnRiskTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChurnRiskArgs {
    /// Renewals due within this many days of today, today included (default 180).
    #[serde(default = "default_within_days")]
    pub within_days: u32,
    /// Only accounts in this region (region id).
    #[serde(default)]
    pub region: Option<String>,
    /// Accounts listed at most (default 10).
    #[serde(default = "default_limit")]
    pub limit: usize,
}

/// One account whose renewal is at risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChurnRiskAccount {
    /// Account id.
    pub account_id: String,
    /// Account name.
    pub name: String,
    /// Region id.
    pub region: String,
    /// Probability the customer leaves at this renewal, in [0, 1].
    pub churn_probability: f64,
    /// The earliest renewal date in the window.
    pub renewal_date: NaiveDate,
    /// Days from today to that renewal.
    pub days_to_renewal: i64,
    /// ARR up for renewal in the window: the contracts in force renewing by its end, whole
    /// dollars.
    pub arr: i64,
    /// ARR × churn probability, rounded to whole dollars.
    pub arr_at_risk: i64,
    /// The contracts renewing.
    pub contract_ids: Vec<String>,
    /// Up to three signals pushing hardest toward churn, strongest first (a lost renewal
    /// deal, when there is one, comes first).
    pub drivers: Vec<SignalDetail>,
}

/// At-risk renewals, largest ARR at risk first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChurnRiskOutput {
    /// The accounts, by ARR at risk (largest first, ties by account id), at most `limit`.
    pub accounts: Vec<ChurnRiskAccount>,
    /// ARR at risk summed over every renewal considered (not only those listed).
    pub total_arr_at_risk: i64,
    /// ARR up for renewal summed over every renewal considered.
    pub total_arr_renewing: i64,
    /// Accounts with an unsigned renewal due in the window that were scored.
    pub renewals_considered: usize,
    /// Contracts renewing in the window left out because their renewal deal is already won.
    pub contracts_already_renewed: usize,
    /// The accounts listed.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(ChurnRiskOutput);

/// Renewals at risk of churn, ranked by ARR at risk.
pub struct ChurnRiskTool;

#[async_trait]
impl Tool for ChurnRiskTool {
    const NAME: &'static str = "churn_risk";
    const DESCRIPTION: &'static str = "Accounts likely to churn at a renewal due within N days \
        (default 180): churn probability from a model fitted on past renewals, renewal date, \
        ARR up for renewal and ARR at risk (ARR x probability), with the drivers (usage \
        decline, ticket sentiment, no exec engagement, ...), ranked by ARR at risk.";
    type Args = ChurnRiskArgs;
    type Output = ChurnRiskOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: ChurnRiskArgs,
    ) -> Result<ChurnRiskOutput, ToolError> {
        check_limit(Self::NAME, args.limit)?;
        let today = ctx.today();
        let company = ctx.company().await?;
        let filter = RegionFilter::resolve(ctx.scope(), &company, args.region)?;
        let model = fitted(&company, today).await?;
        let book = CustomerBook::new(&company);
        let last_day = today
            .checked_add_signed(Duration::days(i64::from(args.within_days)))
            .unwrap_or(NaiveDate::MAX);
        let visible: Vec<_> = book
            .accounts()
            .filter(|r| filter.admits(r.account))
            .collect();
        let contracts_already_renewed = visible
            .iter()
            .flat_map(|r| {
                r.in_force(today)
                    .filter(|c| c.renewal_date <= last_day && is_signed(r, c, today))
            })
            .count();
        let mut accounts: Vec<ChurnRiskAccount> = visible
            .iter()
            .filter_map(|r| at_risk(&model, r, today, last_day))
            .collect();
        accounts.sort_by(|a, b| {
            b.arr_at_risk
                .cmp(&a.arr_at_risk)
                .then_with(|| a.account_id.cmp(&b.account_id))
        });
        let output = ChurnRiskOutput {
            total_arr_at_risk: accounts.iter().map(|a| a.arr_at_risk).sum(),
            total_arr_renewing: accounts.iter().map(|a| a.arr).sum(),
            renewals_considered: accounts.len(),
            contracts_already_renewed,
            sources: Vec::new(),
            accounts: accounts.into_iter().take(args.limit).collect(),
        };
        let sources = output
            .accounts
            .iter()
            .take(MAX_SOURCES)
            .map(|a| Source::record("Account", &a.account_id, &a.name))
            .collect();
        Ok(ChurnRiskOutput { sources, ..output })
    }
}

/// The account's unsigned renewal in `today..=last_day` scored, when it has one.
fn at_risk(
    model: &revpulse_analytics::competitive::churn::ChurnModel,
    records: &CustomerRecords<'_>,
    today: NaiveDate,
    last_day: NaiveDate,
) -> Option<ChurnRiskAccount> {
    let renewing: Vec<_> = records
        .in_force(today)
        .filter(|c| c.renewal_date <= last_day && !is_signed(records, c, today))
        .collect();
    let renewal_date = renewing.iter().map(|c| c.renewal_date).min()?;
    let arr: i64 = renewing.iter().map(|c| c.arr).sum();
    let churn = score(model, records, today, renewal_date);
    let probability = churn.probability.clamp(0.0, 1.0);
    let as_of = after(today);
    let mut drivers: Vec<SignalDetail> = renewing
        .iter()
        .filter_map(|c| match standing(records, c, today) {
            RenewalStanding::Lost(d) => Some(SignalDetail {
                signal: CustomerSignal::RenewalDealLost,
                detail: format!(
                    "renewal deal {} ({}) lost on {}",
                    d.id, d.name, d.close_date
                ),
            }),
            RenewalStanding::NoDeal | RenewalStanding::Open(_) | RenewalStanding::Signed(_) => None,
        })
        .take(1)
        .collect();
    drivers.extend(
        churn
            .top_risks(DRIVERS)
            .iter()
            .map(|d| churn_driver(d, records, as_of, renewal_date)),
    );
    drivers.truncate(DRIVERS);
    Some(ChurnRiskAccount {
        account_id: records.account.id.clone(),
        name: records.account.name.clone(),
        region: records.account.region_id.clone(),
        churn_probability: probability,
        renewal_date,
        days_to_renewal: (renewal_date - today).num_days(),
        arr,
        arr_at_risk: (arr as f64 * probability).round() as i64,
        contract_ids: renewing.iter().map(|c| c.id.clone()).collect(),
        drivers,
    })
}
