//! One opportunity in full: its current values, its history, the people on it and the
//! activities about it.

use chrono::{DateTime, NaiveDate, Utc};
use neo4rs::query;

use super::read::column;
use crate::client::GraphClient;
use crate::error::GraphError;

const HEADER: &str = "MATCH (o:Opportunity {id: $id})
    MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o)
    MATCH (u:User)-[:OWNS]->(o)
    OPTIONAL MATCH (o)-[:IN_PRODUCT_LINE]->(pl:ProductLine)
    RETURN o.id AS id, o.name AS name, o.stage AS stage, o.amount AS amount,
           o.close_date AS close_date, o.created_on AS created_on,
           o.forecast_category AS forecast_category, o.probability AS probability,
           o.primary_competitor AS primary_competitor, o.loss_reason AS loss_reason,
           a.id AS account_id, a.name AS account_name, u.id AS owner_id, u.name AS owner_name,
           coalesce(pl.name, '') AS product_line";

const HISTORY: &str = "MATCH (o:Opportunity {id: $id})
    -[r:HAD_STAGE|HAD_AMOUNT|HAD_CLOSE_DATE|HAD_FORECAST_CATEGORY]->(h)
    RETURN type(r) AS field, h.seq AS seq, h.at AS at,
           coalesce(h.from_stage, toString(h.from_amount), toString(h.from_date), h.from_category) AS from_value,
           coalesce(h.to_stage, toString(h.to_amount), toString(h.to_date), h.to_category) AS to_value
    ORDER BY at, seq";

const CONTACTS: &str = "MATCH (c:Contact)-[r:ROLE_ON]->(o:Opportunity {id: $id})
    RETURN c.id AS id, c.name AS name, c.title AS title, r.role AS role
    ORDER BY role, id";

const ACTIVITIES: &str = "MATCH (x:Activity)-[:ABOUT]->(o:Opportunity {id: $id})
    MATCH (u:User)-[:PERFORMED]->(x)
    RETURN x.id AS id, x.kind AS kind, x.at AS at, x.subject AS subject, u.name AS seller,
           size(x.contact_ids) AS buyer_participants, x.competitors_mentioned AS competitors
    ORDER BY at DESC, id LIMIT $limit";

/// An opportunity with everything needed to explain it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpportunityDetail {
    /// Deal id.
    pub id: String,
    /// Deal name.
    pub name: String,
    /// Current stage name.
    pub stage: String,
    /// Current amount in dollars.
    pub amount: i64,
    /// Current close date.
    pub close_date: NaiveDate,
    /// Creation date.
    pub created_on: NaiveDate,
    /// Current forecast category name.
    pub forecast_category: String,
    /// CRM probability, percent.
    pub probability: i64,
    /// Competitor recorded on the deal.
    pub primary_competitor: Option<String>,
    /// Loss reason, when lost.
    pub loss_reason: Option<String>,
    /// Account id.
    pub account_id: String,
    /// Account name.
    pub account_name: String,
    /// Owner id.
    pub owner_id: String,
    /// Owner name.
    pub owner_name: String,
    /// Product line name.
    pub product_line: String,
    /// Every stage, amount, close-date and forecast-category change, oldest first.
    pub history: Vec<OpportunityHistoryEntry>,
    /// People on the deal and their buying roles.
    pub contacts: Vec<OpportunityRoleContact>,
    /// The most recent activities, newest first.
    pub activities: Vec<OpportunityActivity>,
}

/// One change in an opportunity's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpportunityHistoryEntry {
    /// `HAD_STAGE`, `HAD_AMOUNT`, `HAD_CLOSE_DATE` or `HAD_FORECAST_CATEGORY`.
    pub field: String,
    /// Sequence number within the deal.
    pub seq: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Previous value as text (`None` for the initial record).
    pub from: Option<String>,
    /// New value as text.
    pub to: String,
}

/// A contact and their role on the deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpportunityRoleContact {
    /// Contact id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Buying role name.
    pub role: String,
}

/// An activity about the deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpportunityActivity {
    /// Activity id.
    pub id: String,
    /// `call`, `email` or `meeting`.
    pub kind: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Subject.
    pub subject: String,
    /// The seller's name.
    pub seller: String,
    /// Number of buyer-side participants.
    pub buyer_participants: i64,
    /// Competitors named.
    pub competitors: Vec<String>,
}

impl GraphClient {
    /// The opportunity `id` with its history, contacts and up to `activity_limit` recent
    /// activities; `None` when no such deal exists.
    pub async fn opportunity_detail(
        &self,
        id: &str,
        activity_limit: i64,
    ) -> Result<Option<OpportunityDetail>, GraphError> {
        let q = "opportunity_detail";
        let rows = self.fetch_rows(q, query(HEADER).param("id", id)).await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let mut detail = OpportunityDetail {
            id: column(row, q, "id")?,
            name: column(row, q, "name")?,
            stage: column(row, q, "stage")?,
            amount: column(row, q, "amount")?,
            close_date: column(row, q, "close_date")?,
            created_on: column(row, q, "created_on")?,
            forecast_category: column(row, q, "forecast_category")?,
            probability: column(row, q, "probability")?,
            primary_competitor: column(row, q, "primary_competitor")?,
            loss_reason: column(row, q, "loss_reason")?,
            account_id: column(row, q, "account_id")?,
            account_name: column(row, q, "account_name")?,
            owner_id: column(row, q, "owner_id")?,
            owner_name: column(row, q, "owner_name")?,
            product_line: column(row, q, "product_line")?,
            history: Vec::new(),
            contacts: Vec::new(),
            activities: Vec::new(),
        };
        detail.history = self.opportunity_history(id).await?;
        detail.contacts = self.opportunity_contacts(id).await?;
        detail.activities = self.opportunity_activities(id, activity_limit).await?;
        Ok(Some(detail))
    }

    async fn opportunity_history(
        &self,
        id: &str,
    ) -> Result<Vec<OpportunityHistoryEntry>, GraphError> {
        let q = "opportunity_history";
        let rows = self.fetch_rows(q, query(HISTORY).param("id", id)).await?;
        rows.iter()
            .map(|row| {
                Ok(OpportunityHistoryEntry {
                    field: column(row, q, "field")?,
                    seq: column(row, q, "seq")?,
                    at: column(row, q, "at")?,
                    from: column(row, q, "from_value")?,
                    to: column(row, q, "to_value")?,
                })
            })
            .collect()
    }

    async fn opportunity_contacts(
        &self,
        id: &str,
    ) -> Result<Vec<OpportunityRoleContact>, GraphError> {
        let q = "opportunity_contacts";
        let rows = self.fetch_rows(q, query(CONTACTS).param("id", id)).await?;
        rows.iter()
            .map(|row| {
                Ok(OpportunityRoleContact {
                    id: column(row, q, "id")?,
                    name: column(row, q, "name")?,
                    title: column(row, q, "title")?,
                    role: column(row, q, "role")?,
                })
            })
            .collect()
    }

    async fn opportunity_activities(
        &self,
        id: &str,
        limit: i64,
    ) -> Result<Vec<OpportunityActivity>, GraphError> {
        let q = "opportunity_activities";
        let statement = query(ACTIVITIES)
            .param("id", id)
            .param("limit", limit.max(0));
        let rows = self.fetch_rows(q, statement).await?;
        rows.iter()
            .map(|row| {
                Ok(OpportunityActivity {
                    id: column(row, q, "id")?,
                    kind: column(row, q, "kind")?,
                    at: column(row, q, "at")?,
                    subject: column(row, q, "subject")?,
                    seller: column(row, q, "seller")?,
                    buyer_participants: column(row, q, "buyer_participants")?,
                    competitors: column(row, q, "competitors")?,
                })
            })
            .collect()
    }
}
