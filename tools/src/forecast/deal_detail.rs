//! `deal_detail`: one deal as the CRM holds it — current values, how stage, amount and close
//! date got there, its buying committee and its last ten activities. Reads the scoped records
//! directly (no model), so it answers instantly even before the forecast model is trained.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use revpulse_graph::model::{CompanyDataset, Opportunity};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Source, Tool, ToolContext, ToolError};

/// Activities listed, most recent first.
const RECENT_ACTIVITIES: usize = 10;

/// Arguments of `deal_detail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealDetailArgs {
    /// The deal (opportunity) id, e.g. "OPP-001045".
    pub deal_id: String,
}

/// The deal's current values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DealSummary {
    /// Deal id.
    pub id: String,
    /// Deal name.
    pub name: String,
    /// Account id.
    pub account_id: String,
    /// Account name.
    pub account_name: String,
    /// Owner's user id.
    pub owner_id: String,
    /// Owner's name.
    pub owner_name: String,
    /// Amount, whole dollars.
    pub amount: i64,
    /// Stage (prospecting … negotiation, closed_won, closed_lost).
    pub stage: String,
    /// Expected close date (actual when closed).
    pub close_date: NaiveDate,
    /// The rep's call: pipeline, best_case, commit, closed or omitted.
    pub forecast_category: String,
    /// Creation day.
    pub created_on: NaiveDate,
    /// new_business, expansion or renewal.
    pub deal_type: String,
    /// Product line id.
    pub product_line_id: String,
    /// Product line name.
    pub product_line: String,
    /// Competitor the rep recorded, if any.
    pub primary_competitor: Option<String>,
}

/// What changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum DealChange {
    /// The stage moved.
    Stage {
        /// Stage before (`None` at creation).
        from: Option<String>,
        /// Stage after.
        to: String,
    },
    /// The amount was revised.
    Amount {
        /// Amount before (`None` at creation).
        from: Option<i64>,
        /// Amount after.
        to: i64,
    },
    /// The expected close date moved.
    CloseDate {
        /// Date before (`None` at creation).
        from: Option<NaiveDate>,
        /// Date after.
        to: NaiveDate,
    },
}

/// One change in the deal's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DealHistoryEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What changed.
    #[serde(flatten)]
    pub change: DealChange,
}

/// A member of the buying committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CommitteeMember {
    /// Contact id.
    pub contact_id: String,
    /// Name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Role on this deal (economic_buyer, champion, exec_sponsor, technical_evaluator,
    /// procurement, end_user).
    pub role: String,
}

/// A call, email or meeting on the deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActivitySummary {
    /// Activity id.
    pub id: String,
    /// call, email or meeting.
    pub kind: String,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Subject or meeting title.
    pub subject: String,
    /// Buyer contacts who took part.
    pub contact_count: usize,
}

/// One deal in detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DealDetailOutput {
    /// The deal now.
    pub deal: DealSummary,
    /// Stage, amount and close-date changes in time order (creation first).
    pub history: Vec<DealHistoryEntry>,
    /// The buying committee, by contact id.
    pub buying_committee: Vec<CommitteeMember>,
    /// The last ten activities, most recent first.
    pub recent_activities: Vec<ActivitySummary>,
    /// The deal, its account and the activities listed.
    pub sources: Vec<Source>,
}

crate::cited_by_field!(DealDetailOutput);

/// The `deal_detail` tool.
pub struct DealDetailTool;

#[async_trait]
impl Tool for DealDetailTool {
    const NAME: &'static str = "deal_detail";
    const DESCRIPTION: &'static str = "One deal in detail: account, owner, amount, stage, close \
        date, forecast category, product line and competitor, its stage/amount/close-date \
        history, buying committee and last ten activities.";
    type Args = DealDetailArgs;
    type Output = DealDetailOutput;

    async fn call(
        &self,
        ctx: &ToolContext,
        args: DealDetailArgs,
    ) -> Result<DealDetailOutput, ToolError> {
        let ds = ctx.company().await?;
        let deal = ds
            .opportunities
            .iter()
            .find(|o| o.id == args.deal_id)
            .ok_or_else(|| ToolError::NotFound {
                what: "deal",
                id: args.deal_id.clone(),
            })?;
        Ok(detail(&ds, deal))
    }
}

fn detail(ds: &CompanyDataset, o: &Opportunity) -> DealDetailOutput {
    let summary = summary(ds, o);
    let recent_activities = recent_activities(ds, &o.id);
    let mut sources = vec![
        Source::record("Opportunity", &o.id, &o.name),
        Source::record("Account", &o.account_id, &summary.account_name),
    ];
    sources.extend(
        recent_activities
            .iter()
            .map(|a| Source::record("Activity", &a.id, &a.subject)),
    );
    DealDetailOutput {
        deal: summary,
        history: history(ds, &o.id),
        buying_committee: committee(ds, &o.id),
        recent_activities,
        sources,
    }
}

fn summary(ds: &CompanyDataset, o: &Opportunity) -> DealSummary {
    let account_name = ds.accounts.iter().find(|a| a.id == o.account_id);
    let owner_name = ds.users.iter().find(|u| u.id == o.owner_id);
    let product_line = ds.product_lines.iter().find(|p| p.id == o.product_line_id);
    DealSummary {
        id: o.id.clone(),
        name: o.name.clone(),
        account_id: o.account_id.clone(),
        account_name: account_name.map_or_else(|| o.account_id.clone(), |a| a.name.clone()),
        owner_id: o.owner_id.clone(),
        owner_name: owner_name.map_or_else(|| o.owner_id.clone(), |u| u.name.clone()),
        amount: o.amount,
        stage: o.stage.as_str().to_owned(),
        close_date: o.close_date,
        forecast_category: o.forecast_category.as_str().to_owned(),
        created_on: o.created_on,
        deal_type: o.deal_type.clone(),
        product_line_id: o.product_line_id.clone(),
        product_line: product_line.map_or_else(|| o.product_line_id.clone(), |p| p.name.clone()),
        primary_competitor: o.primary_competitor.clone(),
    }
}

/// Every change, ordered by time, then by kind (stage, amount, close date), then sequence.
fn history(ds: &CompanyDataset, id: &str) -> Vec<DealHistoryEntry> {
    let stages = ds
        .stage_changes
        .iter()
        .filter(|c| c.opportunity_id == id)
        .map(|c| {
            let change = DealChange::Stage {
                from: c.from.map(|s| s.as_str().to_owned()),
                to: c.to.as_str().to_owned(),
            };
            ((c.at, 0, c.seq), change)
        });
    let amounts = ds
        .amount_changes
        .iter()
        .filter(|c| c.opportunity_id == id)
        .map(|c| {
            let change = DealChange::Amount {
                from: c.from,
                to: c.to,
            };
            ((c.at, 1, c.seq), change)
        });
    let closes = ds
        .close_date_changes
        .iter()
        .filter(|c| c.opportunity_id == id)
        .map(|c| {
            let change = DealChange::CloseDate {
                from: c.from,
                to: c.to,
            };
            ((c.at, 2, c.seq), change)
        });
    let mut all: Vec<_> = stages.chain(amounts).chain(closes).collect();
    all.sort_by_key(|(key, _)| *key);
    all.into_iter()
        .map(|((at, _, _), change)| DealHistoryEntry { at, change })
        .collect()
}

fn committee(ds: &CompanyDataset, id: &str) -> Vec<CommitteeMember> {
    let mut members: Vec<CommitteeMember> = ds
        .opportunity_contacts
        .iter()
        .filter(|r| r.opportunity_id == id)
        .map(|r| {
            let contact = ds.contacts.iter().find(|c| c.id == r.contact_id);
            CommitteeMember {
                contact_id: r.contact_id.clone(),
                name: contact.map(|c| c.name.clone()).unwrap_or_default(),
                title: contact.map(|c| c.title.clone()).unwrap_or_default(),
                role: r.role.as_str().to_owned(),
            }
        })
        .collect();
    members.sort_by(|a, b| (&a.contact_id, &a.role).cmp(&(&b.contact_id, &b.role)));
    members
}

fn recent_activities(ds: &CompanyDataset, id: &str) -> Vec<ActivitySummary> {
    let mut activities: Vec<_> = ds
        .activities
        .iter()
        .filter(|a| a.opportunity_id.as_deref() == Some(id))
        .collect();
    activities.sort_by(|a, b| (b.at, &b.id).cmp(&(a.at, &a.id)));
    activities
        .into_iter()
        .take(RECENT_ACTIVITIES)
        .map(|a| ActivitySummary {
            id: a.id.clone(),
            kind: a.kind.as_str().to_owned(),
            at: a.at,
            subject: a.subject.clone(),
            contact_count: a.contact_ids.len(),
        })
        .collect()
}
