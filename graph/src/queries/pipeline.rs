//! Open pipeline as of any past date, grouped by stage, region, team, owner or product line.
//!
//! A deal counts when it was created on or before the date and its stage *as of the end of
//! that day* (the latest stage change at or before it) is open; its amount and close date are
//! likewise the values in force then. Region is the account's; team and owner are the current
//! owner's (ownership history is not kept).

use chrono::NaiveDate;
use neo4rs::query;

use super::read::{column, end_of_day};
use crate::client::GraphClient;
use crate::error::GraphError;
use crate::model::Stage;

/// The shared head of every pipeline statement: each open deal with its as-of values.
macro_rules! open_pipeline_as_of {
    () => {
        "MATCH (o:Opportunity) WHERE o.created_on <= $as_of
        CALL { WITH o
            OPTIONAL MATCH (o)-[:HAD_STAGE]->(h:StageChange) WHERE h.at < $cutoff
            WITH h ORDER BY h.at DESC, h.seq DESC LIMIT 1
            RETURN h.to_stage AS stage }
        CALL { WITH o
            OPTIONAL MATCH (o)-[:HAD_AMOUNT]->(h:AmountChange) WHERE h.at < $cutoff
            WITH h ORDER BY h.at DESC, h.seq DESC LIMIT 1
            RETURN h.to_amount AS amount }
        CALL { WITH o
            OPTIONAL MATCH (o)-[:HAD_CLOSE_DATE]->(h:CloseDateChange) WHERE h.at < $cutoff
            WITH h ORDER BY h.at DESC, h.seq DESC LIMIT 1
            RETURN h.to_date AS close_date }
        WITH o, stage, amount, close_date
        WHERE stage IS NOT NULL AND NOT stage IN ['closed_won', 'closed_lost']
          AND ($close_from IS NULL OR close_date >= $close_from)
          AND ($close_to IS NULL OR close_date <= $close_to)
        "
    };
}

const BY_STAGE: &str = concat!(
    open_pipeline_as_of!(),
    "RETURN stage AS key, stage AS label, count(o) AS deals, sum(amount) AS amount"
);
const BY_REGION: &str = concat!(
    open_pipeline_as_of!(),
    "MATCH (a:Account)-[:HAS_OPPORTUNITY]->(o) MATCH (a)-[:IN_REGION]->(g:Region)
     RETURN g.id AS key, g.name AS label, count(o) AS deals, sum(amount) AS amount"
);
const BY_TEAM: &str = concat!(
    open_pipeline_as_of!(),
    "MATCH (u:User)-[:OWNS]->(o) OPTIONAL MATCH (u)-[:MEMBER_OF]->(t:Team)
     RETURN coalesce(t.id, 'unassigned') AS key, coalesce(t.name, 'No team') AS label,
            count(o) AS deals, sum(amount) AS amount"
);
const BY_OWNER: &str = concat!(
    open_pipeline_as_of!(),
    "MATCH (u:User)-[:OWNS]->(o)
     RETURN u.id AS key, u.name AS label, count(o) AS deals, sum(amount) AS amount"
);
const BY_PRODUCT_LINE: &str = concat!(
    open_pipeline_as_of!(),
    "MATCH (o)-[:IN_PRODUCT_LINE]->(pl:ProductLine)
     RETURN pl.id AS key, pl.name AS label, count(o) AS deals, sum(amount) AS amount"
);

/// How to group the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PipelineDimension {
    /// By stage, in funnel order.
    Stage,
    /// By the account's region.
    Region,
    /// By the owner's team.
    Team,
    /// By owner.
    Owner,
    /// By product line.
    ProductLine,
}

impl PipelineDimension {
    /// Every dimension.
    pub const ALL: [PipelineDimension; 5] = [
        Self::Stage,
        Self::Region,
        Self::Team,
        Self::Owner,
        Self::ProductLine,
    ];

    fn statement(self) -> (&'static str, &'static str) {
        match self {
            Self::Stage => ("pipeline_by_stage", BY_STAGE),
            Self::Region => ("pipeline_by_region", BY_REGION),
            Self::Team => ("pipeline_by_team", BY_TEAM),
            Self::Owner => ("pipeline_by_owner", BY_OWNER),
            Self::ProductLine => ("pipeline_by_product_line", BY_PRODUCT_LINE),
        }
    }
}

/// A pipeline question: as of which day, which close dates, grouped how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipelineQuery {
    /// The day the pipeline is measured at (end of day).
    pub as_of: NaiveDate,
    /// Only deals whose as-of close date is on or after this day.
    pub close_from: Option<NaiveDate>,
    /// Only deals whose as-of close date is on or before this day.
    pub close_to: Option<NaiveDate>,
    /// Grouping.
    pub by: PipelineDimension,
}

/// One group of the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineRow {
    /// Group key (stage name, region id, team id, user id or product-line id).
    pub key: String,
    /// Display label.
    pub label: String,
    /// Open deals.
    pub deals: i64,
    /// Their total amount in dollars.
    pub amount: i64,
}

impl GraphClient {
    /// The open pipeline as of `q.as_of`, grouped by `q.by`; stages come in funnel order,
    /// other groupings by amount, largest first.
    pub async fn pipeline(&self, q: &PipelineQuery) -> Result<Vec<PipelineRow>, GraphError> {
        let (name, cypher) = q.by.statement();
        let statement = query(cypher)
            .param("as_of", q.as_of)
            .param("cutoff", end_of_day(q.as_of))
            .param("close_from", q.close_from)
            .param("close_to", q.close_to);
        let rows = self.fetch_rows(name, statement).await?;
        let mut out = rows
            .iter()
            .map(|row| {
                Ok(PipelineRow {
                    key: column(row, name, "key")?,
                    label: column(row, name, "label")?,
                    deals: column(row, name, "deals")?,
                    amount: column(row, name, "amount")?,
                })
            })
            .collect::<Result<Vec<_>, GraphError>>()?;
        match q.by {
            PipelineDimension::Stage => {
                out.sort_by_key(|r| Stage::parse(&r.key).map_or(u8::MAX, Stage::order));
            }
            _ => out.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.key.cmp(&b.key))),
        }
        Ok(out)
    }
}
