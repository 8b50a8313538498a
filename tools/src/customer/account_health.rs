//! `account_health`: "give me a health summary of <account>" — ARR and the next renewal,
//! usage and its trend, tickets and their tone, the last executive engagement, churn
//! probability and drivers, expansion score, open deals, and a verdict with its reasons.

use async_trait::async_trait;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::book::{CustomerBook, CustomerRecords, after};
use super::churn_model::{fitted_if_possible, score};
use super::expansion::read;
use super::health::{HealthReason, HealthStatus, verdict};
use super::health_facts::{facts, tickets, usage};
use super::renewal_deals::is_signed;
use super::signals::{SignalDetail, churn_driver};
use crate::{Source, Tool, ToolContext, ToolError};

/// Arguments of [`AccountHealthTool`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountHealthArgs {
    /// The account id, e.g. `ACC-0042`.
    pub account_id: String,
}

/// Who the account is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AccountProfile {
    /// Account id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Industry.
    pub industry: String,
    /// Size band: `smb`, `mid_market` or `enterprise`.
    pub segment: String,
    /// Region id.
    pub region: String,
    /// Account owner's user id.
    pub owner_id: String,
    /// Account owner's name (the id when the owner is not visible).
    pub owner: String,
}

/// Product usage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UsageSummary {
    /// First day of the latest complete week.
    pub week_start: NaiveDate,
    /// Active users that week.
    pub active_users: i64,
    /// Seats licensed that week.
    pub licensed_seats: i64,
    /// Active users over seats across the last 4 complete weeks.
    pub utilisation_rate: f64,
    /// Relative change of active users over the last `trend_weeks` weeks (−0.34 = down 34%).
    pub trend_rate: f64,
    /// Weeks the trend is measured over (8, fewer when less usage is recorded).
    pub trend_weeks: usize,
}

/// Support tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TicketSummary {
    /// Tickets open at the end of today.
    pub open: usize,
    /// Tickets opened in the last 90 days (today included).
    pub last_90_days: usize,
    /// Share of those with a negative labelled sentiment; absent without tickets.
    pub negative_share: Option<f64>,
}

/// The last time a customer executive joined a post-sale call or meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExecEngagement {
    /// The day.
    pub date: NaiveDate,
    /// Days before today.
    pub days_ago: i64,
}

/// An open deal on the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OpenDeal {
    /// Deal id.
    pub deal_id: String,
    /// Deal name.
    pub name: String,
    /// Amount, whole dollars.
    pub amount: i64,
    /// Current stage.
    pub stage: String,
    /// Expected close date.
    pub close_date: NaiveDate,
    /// `new_business`, `expansion` or `renewal`.
    pub deal_type: String,
}

/// The health summary of one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AccountHealthOutput {
    /// The account.
    pub account: AccountProfile,
    /// ARR of the contracts in force today (their plain sum), whole dollars.
    pub arr: i64,
    /// The next renewal of a contract in force; absent for a non-customer.
    pub renewal_date: Option<NaiveDate>,
    /// Days from today to it.
    pub days_to_renewal: Option<i64>,
    /// Whether every contract renewing then already has a won renewal deal.
    pub renewal_signed: bool,
    /// Usage; absent when no complete week is recorded.
    pub usage: Option<UsageSummary>,
    /// Tickets.
    pub tickets: TicketSummary,
    /// Last executive engagement; absent when none is recorded.
    pub last_exec_engagement: Option<ExecEngagement>,
    /// Churn probability in [0, 1] at the next renewal not yet signed; absent for a
    /// non-customer, when every renewal in force is signed, or when the visible records hold
    /// too few past renewals to fit the model.
    pub churn_probability: Option<f64>,
    /// Up to three signals pushing hardest toward churn.
    pub churn_drivers: Vec<SignalDetail>,
    /// Expansion score in [0, 1].
    pub expansion_score: f64,
    /// Open deals, by close date then id.
    pub open_deals: Vec<OpenDeal>,
    /// The verdict.
    pub health: HealthStatus,
    /// The thresholds crossed, worst first (empty when healthy).
    pub health_reasons: Vec<HealthReason>,
    /// The account, its contracts in force and its open deals.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(AccountHealthOutput);

/// One account's health summary.
pub struct AccountHealthTool;

#[async_trait]
impl Tool for AccountHealthTool {
    const NAME: &'static str = "account_health";
    const DESCRIPTION: &'static str = "Health summary of one account: ARR, next renewal, usage \
        and its 8-week trend, tickets and their tone, last exec engagement, churn probability \
        with drivers, expansion score, open deals, and a healthy / watch / at_risk verdict with \
        its reasons.";
    type Args = AccountHealthArgs;
    type Output = AccountHealthOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: AccountHealthArgs,
    ) -> Result<AccountHealthOutput, ToolError> {
        let today = ctx.today();
        let company = ctx.company().await?;
        let book = CustomerBook::new(&company);
        let records = book
            .account(&args.account_id)
            .ok_or_else(|| ToolError::NotFound {
                what: "account",
                id: args.account_id.clone(),
            })?;
        let renewal_date = records.next_renewal(today);
        let unsigned = records
            .in_force(today)
            .filter(|c| !is_signed(records, c, today))
            .map(|c| c.renewal_date)
            .min();
        let model = match unsigned {
            Some(_) => fitted_if_possible(&company, today).await?,
            None => None,
        };
        let churn = model
            .as_deref()
            .zip(unsigned)
            .map(|(m, day)| (score(m, records, today, day), day));
        let as_of = after(today);
        let health_facts = facts(records, today, churn.as_ref().map(|(c, _)| c.probability));
        let (health, health_reasons) = verdict(&health_facts);
        let owner = company
            .users
            .iter()
            .find(|u| u.id == records.account.owner_id)
            .map_or(records.account.owner_id.clone(), |u| u.name.clone());
        let open_deals = open_deals(records);
        Ok(AccountHealthOutput {
            account: profile(records, owner),
            arr: records.arr_on(today),
            renewal_date,
            days_to_renewal: renewal_date.map(|d| (d - today).num_days()),
            renewal_signed: renewal_date.is_some() && unsigned != renewal_date,
            usage: usage(records, today),
            tickets: tickets(records, today),
            last_exec_engagement: records.last_exec_before(as_of).map(|date| ExecEngagement {
                date,
                days_ago: (today - date).num_days(),
            }),
            churn_probability: churn.as_ref().map(|(c, _)| c.probability.clamp(0.0, 1.0)),
            churn_drivers: churn.as_ref().map_or_else(Vec::new, |(c, day)| {
                c.top_risks(3)
                    .iter()
                    .map(|d| churn_driver(d, records, as_of, *day))
                    .collect()
            }),
            expansion_score: read(records, as_of).score.score,
            sources: sources(records, today, &open_deals),
            open_deals,
            health,
            health_reasons,
        })
    }
}

fn profile(records: &CustomerRecords<'_>, owner: String) -> AccountProfile {
    let a = records.account;
    AccountProfile {
        id: a.id.clone(),
        name: a.name.clone(),
        industry: a.industry.clone(),
        segment: a.segment.as_str().to_owned(),
        region: a.region_id.clone(),
        owner_id: a.owner_id.clone(),
        owner,
    }
}

fn open_deals(records: &CustomerRecords<'_>) -> Vec<OpenDeal> {
    let mut deals: Vec<OpenDeal> = records
        .deals
        .iter()
        .filter(|d| d.stage.is_open())
        .map(|d| OpenDeal {
            deal_id: d.id.clone(),
            name: d.name.clone(),
            amount: d.amount,
            stage: d.stage.as_str().to_owned(),
            close_date: d.close_date,
            deal_type: d.deal_type.clone(),
        })
        .collect();
    deals.sort_by(|a, b| (a.close_date, &a.deal_id).cmp(&(b.close_date, &b.deal_id)));
    deals
}

fn sources(records: &CustomerRecords<'_>, today: NaiveDate, deals: &[OpenDeal]) -> Vec<Source> {
    let a = records.account;
    let mut out = vec![Source::record("Account", &a.id, &a.name)];
    out.extend(
        records
            .in_force(today)
            .map(|c| Source::record("Contract", &c.id, &format!("{} contract", a.name))),
    );
    out.extend(
        deals
            .iter()
            .map(|d| Source::record("Opportunity", &d.deal_id, &d.name)),
    );
    out.truncate(50);
    out
}
