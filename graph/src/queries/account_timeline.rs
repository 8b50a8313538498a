//! An account's timeline: activities, deal stage moves, tickets and contract starts and
//! renewals, newest first.

use chrono::{DateTime, Utc};
use neo4rs::query;

use super::read::column;
use crate::client::GraphClient;
use crate::error::GraphError;

const TIMELINE: &str = "MATCH (a:Account {id: $id})
    CALL {
        WITH a
        MATCH (x:Activity)-[:ABOUT]->(a) WHERE x.at >= $from AND x.at < $to
        RETURN x.at AS at, x.kind AS kind, x.id AS ref_id, x.subject AS summary,
               x.opportunity_id AS opportunity_id
        UNION ALL
        WITH a
        MATCH (a)-[:HAS_OPPORTUNITY]->(o:Opportunity)-[:HAD_STAGE]->(h:StageChange)
        WHERE h.at >= $from AND h.at < $to
        RETURN h.at AS at, 'stage_change' AS kind, o.id AS ref_id,
               o.name + ': ' + coalesce(h.from_stage, 'created') + ' -> ' + h.to_stage AS summary,
               o.id AS opportunity_id
        UNION ALL
        WITH a
        MATCH (t:Ticket)-[:FOR]->(a) WHERE t.opened_at >= $from AND t.opened_at < $to
        RETURN t.opened_at AS at, 'ticket' AS kind, t.id AS ref_id,
               t.priority + ' ticket: ' + t.subject AS summary, null AS opportunity_id
        UNION ALL
        WITH a
        MATCH (a)-[:HAS_CONTRACT]->(k:Contract)
        WITH k, datetime({date: k.start_date}) AS started
        WHERE started >= $from AND started < $to
        RETURN started AS at, 'contract_start' AS kind, k.id AS ref_id,
               'Contract started: ARR ' + toString(k.arr) + ', renewal ' + toString(k.renewal_date) AS summary,
               k.opportunity_id AS opportunity_id
    }
    RETURN at, kind, ref_id, summary, opportunity_id
    ORDER BY at DESC, ref_id
    LIMIT $limit";

/// The time window and size of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineWindow {
    /// Events at or after this instant.
    pub from: DateTime<Utc>,
    /// Events before this instant.
    pub to: DateTime<Utc>,
    /// At most this many events (newest kept).
    pub limit: i64,
}

/// One event on an account's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    /// When.
    pub at: DateTime<Utc>,
    /// `call`, `email`, `meeting`, `stage_change`, `ticket` or `contract_start`.
    pub kind: String,
    /// The id of the record behind the event (for citations).
    pub ref_id: String,
    /// One line saying what happened.
    pub summary: String,
    /// The deal it concerns, if any.
    pub opportunity_id: Option<String>,
}

impl GraphClient {
    /// The account's events inside `window`, newest first.
    pub async fn account_timeline(
        &self,
        account_id: &str,
        window: TimelineWindow,
    ) -> Result<Vec<TimelineEvent>, GraphError> {
        let q = "account_timeline";
        let statement = query(TIMELINE)
            .param("id", account_id)
            .param("from", window.from)
            .param("to", window.to)
            .param("limit", window.limit.max(0));
        let rows = self.fetch_rows(q, statement).await?;
        rows.iter()
            .map(|row| {
                Ok(TimelineEvent {
                    at: column(row, q, "at")?,
                    kind: column(row, q, "kind")?,
                    ref_id: column(row, q, "ref_id")?,
                    summary: column(row, q, "summary")?,
                    opportunity_id: column(row, q, "opportunity_id")?,
                })
            })
            .collect()
    }
}
